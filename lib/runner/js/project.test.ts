import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect } from "vitest";
import { createResolver, exportTarget, type ProjectFiles } from "./resolve";
import { test } from "./engine-fixture";
import type { EngineHarness } from "./engine-harness";
import { expectSeconds } from "../virtual-time.fixture";

// A handler's own project, as the CLI runs it: relative files and pure-JS packages load from disk,
// are transformed like the handler and run on the virtual clock.

const root = fileURLToPath(new URL("./__fixtures__/a handler that imports its own files and packages", import.meta.url));
/** this repository's own node_modules: real published packages (ms, uuid) beside the fixture's */
const repoModules = fileURLToPath(new URL("../../../node_modules", import.meta.url));

const runFile = (engine: EngineHarness, file: string, extra: Record<string, unknown> = {}) =>
  engine.run({
    language: file.endsWith(".ts") ? "typescript" : "javascript",
    filename: file,
    code: readFileSync(`${root}/${file}`, "utf8"),
    project: { root, nodeModules: repoModules },
    ...extra,
  });

test("relative files, JSON, index folders and node_modules packages load and run on the virtual clock", async ({ engine }) => {
  const { result } = await runFile(engine, "handler.ts");
  expect(result.verdict, JSON.stringify(result.error)).toBe("ok");
  const body = JSON.parse((result.result as { body: string }).body) as Record<string, unknown>;
  expect(body).toEqual({
    rows: ["row 1"],
    // ./lib → lib/index.ts → export * from ./util (CommonJS); ./config.json; an ESM-only package by its "import" condition
    greeting: "HELLO DEADLINE!",
    farewell: "bye",
    extra: "extra",
    version: "1.2.3",
    // a CommonJS package by "main" without extension, requiring its own files
    count: 42,
    // the simulator's axios, not the fixture's copy (which throws when loaded)
    axios: 200,
    // real published packages from node_modules
    wait: 120_000,
    id: 36,
  });
  // lib/db.ts's fetch is a network span, blamed on the handler line that called into it
  const network = result.timeline.filter((span) => span.kind === "network");
  expect(network.map((span) => [span.host, span.line])).toEqual([
    ["db.example.com", 14],
    ["api.example.com", 15],
  ]);
  expectSeconds(result.elapsedSeconds, 0.1);
});

test("missing files, uninstalled and native packages and unprovided built-ins are all reported; a try-guarded one is not", async ({ engine }) => {
  const { result } = await runFile(engine, "missing-imports.js");
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("ImportsUnavailable");
  expect(result.error?.imports?.map(({ module, line }) => [module, line])).toEqual([
    ["native-thing", 1],
    ["prebuilt-thing", 2],
    ["fs", 3],
    ["./lib/nowhere", 4],
    ["stripe", 9],
  ]);
  const hints = (result.error?.imports ?? []).map((item) => item.hint);
  expect(hints[0]).toBe(
    "native-thing has native code (it has a binding.gyp), which cannot run in the simulator; model it (--model native-thing, the editor's \"Modelled modules\", or simulate.model: [native-thing] in frontmatter) and give its slow calls a cost rule, e.g. --cost 'native-thing.*=2' (seconds per call)",
  );
  expect(hints[1]).toContain("it loads a prebuilt binary from @prebuilt-thing/linux-x64");
  expect(hints[3]).toBe("no file ./lib/nowhere next to the handler (tried it as written, with .js/.ts/.mjs/.cjs/.json, and as a folder with an index file)");
  expect(hints[4]).toContain("stripe is not installed in the project's node_modules");
});

test("a native package declared modelled is inert instead of reported", async ({ engine }) => {
  const { result } = await runFile(engine, "missing-imports.js", { model: ["native-thing", "prebuilt-thing", "fs", "./lib/nowhere", "stripe"] });
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({
    sharp: "[modelled native-thing]",
    prebuilt: "[modelled prebuilt-thing]",
    readFile: "[modelled fs.readFile]",
    db: "[modelled ./lib/nowhere]",
    optional: null,
    stripe: "[modelled stripe]",
  });
});

test("a syntax error in a project file names the file and its line, and blames the handler's import", async ({ engine }) => {
  const { result } = await runFile(engine, "imports-a-broken-file.js");
  expect(result.verdict).toBe("error");
  expect(result.error).toEqual({ type: "SyntaxError", message: "lib/broken.ts:3:18: Unexpected token", line: 1 });
});

test("a require cycle sees partial exports as in Node, and a dependency's timer blames the handler's line", async ({ engine }) => {
  const { result } = await runFile(engine, "cycle-and-timeout.js");
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(3);
  expect(result.line).toBe(5);
  const timer = result.timeline.find((span) => span.kind === "timer");
  expect(timer).toMatchObject({ line: 5, label: "setTimeout 4000 ms (pending at the deadline)" });
  const ok = await runFile(engine, "cycle-and-timeout.js", { timeout: 10 });
  expect(ok.result.result).toEqual({ cycle: "a after b saw a before b", state: "connected" });
});

test("an error thrown in a project file keeps that file's frame in logs and blames the handler's calling line", async ({ engine }) => {
  const { result } = await runFile(engine, "logs-a-dependency-error.js");
  expect(result.stdout).toBe("Error: db down\n    at exports.connect (lib/fails.js:2:9)\n    at exports.handler (logs-a-dependency-error.js:5:5)\n");
  expect(result.error).toEqual({ type: "Error", message: "db down", line: 9 });
});

test("without a project (the editor) a relative import says the editor holds one file", async ({ engine }) => {
  const { result } = await engine.run({ code: 'const db = require("./lib/db");\nexports.handler = async () => db;\n' });
  expect(result.error?.imports).toEqual([
    {
      module: "./lib/db",
      line: 1,
      hint: "another file of your project: the editor holds one file; the CLI loads the handler's folder (npx deadline simulate path/to/handler.ts), or paste what the handler needs from it into this file",
    },
  ]);
});

test("a file past the 5 MB cap is refused by name before anything runs", async ({ engine }) => {
  const dir = mkdtempSync(join(tmpdir(), "deadline-cap-"));
  try {
    writeFileSync(join(dir, "bundle.js"), `module.exports = "${"x".repeat(6 * 1024 * 1024)}";\n`);
    const { result } = await engine.run({ filename: "handler.js", code: 'const big = require("./bundle");\nexports.handler = async () => big.length;\n', project: { root: dir } });
    expect(result.verdict).toBe("error");
    expect(result.error).toEqual({ type: "ProjectTooLarge", message: "bundle.js: 6.0 MB; the simulator reads files of up to 5 MB", line: 1 });
    expect(result.timeline).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("the resolver", () => {
  const tree = (entries: Record<string, string>): ProjectFiles => {
    const dirs = new Set<string>();
    for (const path of Object.keys(entries)) for (let at = path.lastIndexOf("/"); at > 0; at = path.lastIndexOf("/", at - 1)) dirs.add(path.slice(0, at));
    return { root: "/app", nodeModules: [], read: (path) => entries[path] ?? null, isFile: (path) => path in entries, isDirectory: (path) => dirs.has(path) };
  };

  test("TypeScript's ./x.js names ./x.ts; folders resolve through package.json main and index files", () => {
    const resolver = createResolver(tree({ "/app/src/db.ts": "", "/app/src/util/index.ts": "", "/app/pkg/package.json": '{"main":"lib/start"}', "/app/pkg/lib/start.js": "" }));
    expect(resolver.resolve("./src/db.js", "/app")).toEqual({ kind: "file", path: "/app/src/db.ts" });
    expect(resolver.resolve("../util", "/app/src/deep")).toEqual({ kind: "file", path: "/app/src/util/index.ts" });
    expect(resolver.resolve("./pkg", "/app")).toEqual({ kind: "file", path: "/app/pkg/lib/start.js" });
    expect(resolver.resolve("./nothing", "/app")).toEqual({ kind: "missing" });
  });

  test("bare packages are looked for in node_modules from the importer upwards", () => {
    const resolver = createResolver(
      tree({ "/node_modules/up/package.json": "{}", "/node_modules/up/index.js": "", "/app/node_modules/near/package.json": '{"exports":"./main.mjs"}', "/app/node_modules/near/main.mjs": "" }),
    );
    expect(resolver.resolve("up", "/app/src")).toEqual({ kind: "file", path: "/node_modules/up/index.js", packageName: "up" });
    expect(resolver.resolve("near", "/app/src")).toEqual({ kind: "file", path: "/app/node_modules/near/main.mjs", packageName: "near" });
    expect(resolver.resolve("near/other", "/app")).toEqual({ kind: "not-exported", packageName: "near", subpath: "./other" });
  });

  test("exports: subpaths, patterns, nested conditions and fallbacks", () => {
    const exports = {
      ".": { types: "./index.d.ts", node: { import: "./node.mjs", require: "./node.cjs" }, default: "./browser.js" },
      "./feature/*": { require: "./cjs/feature/*.js" },
      "./feature/internal/*": null,
      "./list": ["./missing-first.js", "./list.js"],
    };
    expect(exportTarget(exports, ".")).toBe("./node.mjs");
    expect(exportTarget(exports, "./feature/a")).toBe("./cjs/feature/a.js");
    expect(exportTarget(exports, "./feature/internal/x")).toBeNull();
    expect(exportTarget(exports, "./list")).toBe("./missing-first.js");
    expect(exportTarget({ "./x": "./x.js" }, ".")).toBeNull();
    expect(exportTarget({ import: "./esm.js", require: "./cjs.js" }, ".")).toBe("./esm.js");
  });
});
