import { expect } from "vitest";
import { test } from "./engine-fixture";

// Which export runs: the one the deploy config names (request.handler), else the platform's
// convention; when several fit and nothing decides, the run says so instead of guessing.

const js = (code: string) => code.replace(/^\n/, "");

const SEVERAL = js(`
export async function main(event) {
  return "main ran";
}

export const helper = async () => "helper ran";

export function other() {
  return "other ran";
}`);

test("several exported functions and no convention: EntryPointError with the candidates and their lines", async ({ engine }) => {
  const { result } = await engine.run({ code: SEVERAL });
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("EntryPointError");
  expect(result.error?.candidates).toEqual([
    { name: "main", kind: "function", line: 1 },
    { name: "helper", kind: "function", line: 5 },
    { name: "other", kind: "function", line: 7 },
  ]);
  expect(result.error?.message).toBe(
    "3 exported functions could be the handler and nothing says which: main (function, line 1), helper (function, line 5), other (function, line 7); name it with --handler NAME (the export your deploy config names, e.g. handler: src/index.main) or the editor's Handler field",
  );
  expect(result.timeline.filter((span) => span.kind === "handler")).toEqual([]);
});

test("request.handler picks the export, in the deploy config's file.name form too", async ({ engine }) => {
  for (const handler of ["main", "src/index.main", "index.main"]) {
    const { result } = await engine.run({ code: SEVERAL, handler });
    expect(result.verdict).toBe("ok");
    expect(result.result).toBe("main ran");
    expect(result.timeline.find((span) => span.kind === "handler")?.label).toBe("main");
  }
  const { result } = await engine.run({ code: SEVERAL, handler: "handler.helper" });
  expect(result.result).toBe("helper ran");
});

test("a handler name the module does not have lists what it has", async ({ engine }) => {
  const { result } = await engine.run({ code: SEVERAL, handler: "src/index.handler" });
  // on Lambda in the runtime's own words (UserFunction.js: "... is undefined or not exported")
  expect(result.error).toEqual({
    type: "EntryPointError",
    message: "src/index.handler is undefined or not exported; the entry points found are main (function, line 1), helper (function, line 5), other (function, line 7)",
    line: null,
    candidates: [
      { name: "main", kind: "function", line: 1 },
      { name: "helper", kind: "function", line: 5 },
      { name: "other", kind: "function", line: 7 },
    ],
  });
  const vercel = await engine.run({ code: SEVERAL, handler: "api.handler" }, "vercel");
  expect(vercel.result.error?.message).toMatch(/^the handler is set to "api.handler", but the module has no function named handler; the entry points found are main \(function, line 1\)/);
});

test("the convention still decides where it can: `handler` wins on Lambda, the event's method picks a route", async ({ engine }) => {
  const lambda = await engine.run({ code: `export const handler = async () => "handler";\nexport const helper = async () => "helper";\n` });
  expect(lambda.result.result).toBe("handler");
  const route = await engine.run({ code: `export async function GET() { return new Response("get"); }\nexport async function POST() { return new Response("post"); }\n`, event: { method: "POST" } }, "vercel");
  expect(route.result.result).toMatchObject({ status: 200, body: "post" });
  // a CommonJS module.exports = { ... } names its exports too
  const cjs = await engine.run({ code: `async function a() { return 1; }\nasync function b() { return 2; }\nmodule.exports = {\n  a,\n  b,\n};\n` });
  expect(cjs.result.error?.candidates).toEqual([
    { name: "a", kind: "function", line: 4 },
    { name: "b", kind: "function", line: 5 },
  ]);
});

test("a returned async generator is not an answer: the run says why instead of reporting ok", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
export const handler = async function* (event) {
  for (const word of ["a", "b"]) yield word;
};`),
  });
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("HandlerReturnedGenerator");
  expect(result.error?.message).toMatch(/^the handler returned an async generator, and aws-lambda does not iterate it: the platform serialises the object \(as \{\}\), so the code inside never runs/);
  const sync = await engine.run({ code: "exports.handler = async () => [1, 2].values();\n" });
  expect(sync.result.verdict).toBe("ok");
  const generator = await engine.run({ code: "function* g() { yield 1; }\nexports.handler = async () => g();\n" });
  expect(generator.result.error?.type).toBe("HandlerReturnedGenerator");
});
