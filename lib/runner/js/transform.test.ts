import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { AWAIT_START, AWAIT_VALUE, GUARD_PERIOD, transformUserCode, type TransformedCode } from "./transform";

const compile = (code: string, typescript = false): TransformedCode => {
  const result = transformUserCode(code, { typescript, filename: typescript ? "handler.ts" : "handler.js" });
  if (!result.ok) throw new Error(result.error.message);
  return result;
};

/** Runs transformed code with a guard that stops after `limit` checks, like the engine's. */
const runGuarded = (code: string, limit = 3) => {
  let checks = 0;
  const state = { s: 0 };
  const check = (line: number) => {
    if (++checks > limit) {
      state.s = GUARD_PERIOD;
      throw Object.assign(new Error("stop"), { line });
    }
    return 0;
  };
  return new Function("__dl$n", "__dl$c", "__dl$g", compile(code).code)(0, check, state) as unknown;
};

test("every line stays on its line through TypeScript, ESM and the guard", () => {
  const source = [
    'import { setTimeout as sleep } from "node:timers/promises";',
    "type Order = { id: string };",
    "interface Cart { orders: Order[] }",
    "export const handler = async (cart: Cart): Promise<number> => {",
    "  let n = 0;",
    "  for (const order of cart.orders) while (n < 3) n++;",
    "  do n--; while (n > 0)",
    "  const twice = (x: number) =>",
    "    x * 2;",
    "  await sleep(10);",
    "  return twice(n);",
    "};",
  ].join("\n");
  const { code, esm } = compile(source, true);
  expect(esm).toBe(true);
  const lines = code.split("\n");
  expect(lines).toHaveLength(12);
  expect(lines[5]).toContain("__dl$c(6)");
  expect(lines[6]).toContain("__dl$c(7)");
  expect(lines[7]).toContain("__dl$c(8)");
  expect(lines[9]).toContain("_promises.setTimeout");
  expect(lines[10]).toContain("return twice(n)");
});

test("plain CommonJS stays sloppy: sucrase's \"use strict\" is only kept for ESM", () => {
  expect(compile("exports.handler = async () => { implicitGlobal = 1 };").esm).toBe(false);
  expect(compile("exports.handler = async () => 1;").code.startsWith('"use strict"')).toBe(false);
  expect(compile("export const handler = async () => 1;").code.startsWith('"use strict"')).toBe(true);
});

test("an expression-bodied arrow keeps its value, object literals and line breaks included", () => {
  const fn = runGuarded(`return [() => ({ a: 1 }), (x) =>\n  x + 1, async () => 5];`, 1e9) as [() => unknown, (x: number) => number, () => Promise<number>];
  expect(fn[0]()).toEqual({ a: 1 });
  expect(fn[1](1)).toBe(2);
  return expect(fn[2]()).resolves.toBe(5);
});

test("directives stay directives", () => {
  const fn = runGuarded(`return function () { "use strict"; return this; };`, 1e9) as () => unknown;
  expect(fn()).toBeUndefined();
});

test("labels, continue and nested loops behave as before", () => {
  const result = runGuarded(
    `let hits = 0;
outer: for (let i = 0; i < 50000; i++) {
  inner: for (let j = 0; j < 3; j++) {
    if (j === 1) continue outer;
    hits++;
  }
}
return hits;`,
    1e9,
  );
  expect(result).toBe(50000);
});

test("a busy loop is stopped, and a catch inside the loop cannot swallow the stop", () => {
  expect(() => runGuarded("while (true) {}")).toThrow("stop");
  expect(() => runGuarded(`while (true) { try { for (;;) {} } catch (e) {} }`)).toThrow("stop");
  expect(() => runGuarded(`for (;;) { try { while (true); } catch {} }`)).toThrow("stop");
});

test("runaway recursion that never overflows is stopped by the function guard", () => {
  expect(() => runGuarded("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }\nreturn fib(60);")).toThrow("stop");
});

test("small counted loops are left unguarded, other loops are not", () => {
  expect(compile("for (let j = 0; j < 100; j++) { total += j }").code).not.toContain("__dl$c");
  expect(compile("for (let j = 0; j < 100; j++) { j = 0 }").code).toContain("__dl$c");
  expect(compile("for (let j = 0; j < n; j++) {}").code).toContain("__dl$c");
  expect(compile("for (let j = 0; j < 1e9; j++) {}").code).toContain("__dl$c");
});

test("syntax errors carry the user's line and column; early errors too", () => {
  const missing = transformUserCode("const a = 1;\nconst b = ;\n", { typescript: false, filename: "handler.js" });
  expect(missing).toMatchObject({ ok: false, error: { type: "SyntaxError", line: 2, column: 11 } });
  const redeclared = transformUserCode("let a = 1;\nlet a = 2;\n", { typescript: true, filename: "handler.ts" });
  expect(redeclared).toMatchObject({ ok: false, error: { type: "SyntaxError", line: 2, message: "Identifier 'a' has already been declared (2:5)" } });
});

test("the engine bundles for a browser worker: no Node built-ins", async () => {
  const entry = fileURLToPath(new URL("./engine.ts", import.meta.url));
  const result = await build({ entryPoints: [entry], bundle: true, platform: "browser", format: "esm", write: false, logLevel: "silent" });
  expect(result.errors).toEqual([]);
  expect(result.outputFiles[0]?.text).not.toMatch(/from\s*["']node:/);
});

test("the same parse lists every literal import with its line, marks try-guarded ones, and finds the exports", () => {
  const source = [
    'import type { Handler } from "aws-lambda";', // 1: type-only, gone
    'import sharp from "sharp";', // 2
    'export { helper } from "./lib/helper.js";', // 3
    'import "./side-effect";', // 4
    "let optional;",
    'try { optional = require("optional-dep"); } catch {}', // 6: guarded
    "const name = 'dynamic';",
    "const dynamic = () => import(name);", // 8: not a literal
    "export const handler: Handler = async () => {", // 9
    '  const { Pool } = await import("pg");', // 10
    "  return { Pool, sharp, optional, dynamic };",
    "};",
    "export async function main() {", // 13
    "  return 1;",
    "}",
  ].join("\n");
  const compiled = compile(source, true);
  expect(compiled.imports).toEqual([
    { specifier: "sharp", line: 2, guarded: false },
    { specifier: "./lib/helper.js", line: 3, guarded: false },
    { specifier: "./side-effect", line: 4, guarded: false },
    { specifier: "optional-dep", line: 6, guarded: true },
    { specifier: "pg", line: 10, guarded: false },
  ]);
  expect(compiled.exports).toEqual([
    { name: "helper", line: 3 },
    { name: "handler", line: 9 },
    { name: "main", line: 13 },
  ]);
});

test("every await of the handler's file notes its line before the awaited expression runs", () => {
  const out = transformUserCode("const a = await f(\n  1);\nexport const h = async () => await g(await k());\n", { typescript: false, filename: "h.js" });
  if (!out.ok) throw new Error(out.error.message);
  expect(out.code.split("\n").length).toBe(4);
  expect(out.code).toContain(`await ${AWAIT_VALUE}(${AWAIT_START}(1),f(`);
  // nested: the outer await starts first, so the inner one is the later (innermost) one
  expect(out.code).toContain(`await ${AWAIT_VALUE}(${AWAIT_START}(3),g(await ${AWAIT_VALUE}(${AWAIT_START}(3),k())))`);
  // a project's other files are not marked: their lines are not the handler's
  const dependency = transformUserCode("await f();\n", { typescript: false, filename: "lib.js", guardLines: false });
  if (!dependency.ok) throw new Error(dependency.error.message);
  expect(dependency.code).not.toContain(AWAIT_START);
});
