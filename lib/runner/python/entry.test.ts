import { beforeAll, describe, expect, test } from "vitest";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { generic, lambda, runpod, testEngine } from "./test-engine";
import { expectSeconds } from "../virtual-time.fixture";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

describe("choosing the entry point", () => {
  test("two conventional handlers on Lambda are ambiguous: the error lists both with their lines", async () => {
    const r = await run(`
      def lambda_handler(event, context):
          return "a"

      def handler(event, context):
          return "b"
    `, lambda);
    expect(r.verdict).toBe("error");
    expect(r.error).toMatchObject({
      type: "EntryPointError",
      candidates: [
        { name: "lambda_handler", kind: "function", line: 1 },
        { name: "handler", kind: "function", line: 4 },
      ],
    });
    expect(r.error?.message).toMatch(/--handler NAME/);
    expect(r.error?.message).toMatch(/Handler field/);
  });

  test("the handler a deploy config names picks one: serverless.yml's handler.endpoint and the bare name", async () => {
    const code = `
      import time
      def endpoint(event, context):
          time.sleep(2)
          return {"statusCode": 200, "body": "endpoint"}

      def other(event, context):
          return {"statusCode": 500}
    `;
    for (const handler of ["handler.endpoint", "endpoint", "src/handler.endpoint"]) {
      const r = await run(code, lambda, { handler });
      expect(r, handler).toMatchObject({ verdict: "ok", result: { statusCode: 200, body: "endpoint" } });
      expectSeconds(r.elapsedSeconds, 2);
    }
  });

  test("a handler setting naming another module, or a function that is not there, says so", async () => {
    const code = `
      def endpoint(event, context):
          return 1
    `;
    const other = await run(code, lambda, { handler: "api.endpoint" });
    expect(other.error?.type).toBe("EntryPointError");
    expect(other.error?.message).toMatch(/names the module 'api', but this file is handler\.py/);
    const missing = await run(code, lambda, { handler: "handler.nope" });
    expect(missing.error).toMatchObject({
      type: "EntryPointError",
      candidates: [{ name: "endpoint", kind: "function", line: 1 }],
    });
    expect(missing.error?.message).toMatch(/^Handler 'nope' missing on module 'handler'/);
  });

  test("any top-level function taking (event, context) is a Lambda candidate; helpers are not", async () => {
    const r = await run(`
      def parse(body):
          return body.upper()

      def my_function(event, context):
          return parse(event["body"])
    `, lambda, { event: { body: "hi" } });
    expect(r).toMatchObject({ verdict: "ok", result: "HI" });

    const two = await run(`
      def create_user(event, context):
          return 1

      def delete_user(event, ctx):
          return 2
    `, lambda);
    expect(two.error?.candidates).toEqual([
      { name: "create_user", kind: "function", line: 1 },
      { name: "delete_user", kind: "function", line: 4 },
    ]);
    const picked = await run(`
      def create_user(event, context):
          return 1

      def delete_user(event, ctx):
          return 2
    `, lambda, { handler: "delete_user" });
    expect(picked).toMatchObject({ verdict: "ok", result: 2 });
  });

  test("elsewhere a single function taking (event) is the entry; none at all says what the platform looks for", async () => {
    const r = await run(`
      def main(request):
          return {"got": request}
    `, generic, { event: 7 });
    expect(r).toMatchObject({ verdict: "ok", result: { got: 7 } });

    const none = await run(`
      def load(path):
          return path
    `, lambda);
    expect(none.error?.type).toBe("EntryPointError");
    expect(none.error?.message).toMatch(/lambda_handler\(event, context\)/);
    expect(none.error?.candidates).toBeUndefined();
  });

  test("an entry registered while the module runs wins over conventional names, and only on its platforms", async () => {
    const code = `
      from _deadline import entry

      def handler(event, context):
          return "conventional"

      def serve(run):
          ok, value = entry.call(run, "custom: serve", lambda: "registered")
          if ok:
              run.outcome = entry.json_result(value)

      entry.register("app", object(), kind="custom", invoke=serve, platforms=["gcp-functions"])
    `;
    const own = await run(code, generic);
    expect(own).toMatchObject({ verdict: "ok", result: "registered" });
    expect(own.timeline.find((s) => s.kind === "handler")?.label).toBe("custom: serve");
    const elsewhere = await run(code, lambda);
    expect(elsewhere).toMatchObject({ verdict: "ok", result: "conventional" });
  });

  test("RunPod: the worker registered by start() is the entry even beside a function named handler", async () => {
    const r = await run(`
      import runpod

      def handler(job):
          return "not me"

      def process(job):
          return {"seen": job["input"]}

      runpod.serverless.start({"handler": process})
    `, runpod, { event: { prompt: "x" } });
    expect(r).toMatchObject({ verdict: "ok", result: { output: { seen: { prompt: "x" } } } });
  });
});

describe("calling the entry as its platform does", () => {
  test("AWS Lambda always passes (event, context): a one-argument handler fails as it would there", async () => {
    const r = await run(`
      def handler(event):
          return event
    `, lambda);
    expect(r.verdict).toBe("error");
    expect(r.error).toMatchObject({ type: "TypeError", message: "handler() takes 1 positional argument but 2 were given" });
    expect(r.result).toMatchObject({ errorType: "TypeError" });
  });

  test("gunicorn's module:app names the WSGI app, beside a function that would otherwise compete", async () => {
    const code = `
      def app(environ, start_response):
          start_response("200 OK", [("Content-Type", "text/plain")])
          return [environ["PATH_INFO"].encode()]

      def handler(event):
          return "not the app"
    `;
    const r = await run(code, { ...generic, id: "gunicorn" }, { handler: "handler:app", event: { path: "/health" } });
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: "/health" } });
    expect(r.timeline.find((s) => s.kind === "handler")?.label).toBe("WSGI app: app");
    // On gunicorn the app is the convention, so it is the entry even unnamed.
    const unnamed = await run(code, { ...generic, id: "gunicorn" }, { event: { path: "/" } });
    expect(unnamed).toMatchObject({ verdict: "ok", result: { status: 200, body: "/" } });
  });
});

describe("coroutines and generators are never an ok result", () => {
  test("AWS Lambda does not iterate a generator: Runtime.MarshalError with the runtime's text", async () => {
    const r = await run(`
      def lambda_handler(event, context):
          yield 1
    `, lambda);
    expect(r.error).toEqual({
      type: "Runtime.MarshalError",
      message: "Unable to marshal response: Object of type generator is not JSON serializable",
      line: null,
    });
    expect(r.notes?.some((n) => n.kind === "entry" && /does not iterate/.test(n.text))).toBe(true);
  });

  test("async lambda_handler: the coroutine is never awaited, so its sleep never runs", async () => {
    const r = await run(`
      import asyncio
      async def lambda_handler(event, context):
          await asyncio.sleep(100)
          return 1
    `, lambda);
    expect(r).toMatchObject({ verdict: "error", error: { type: "Runtime.MarshalError" } });
    expect(r.elapsedSeconds).toBeLessThan(1);
    expect(r.notes?.find((n) => n.kind === "entry")?.text).toMatch(/never awaits/);
  });

  test("a one-argument handler elsewhere has its coroutine awaited on the virtual clock", async () => {
    const r = await run(`
      import asyncio
      async def handler(event):
          await asyncio.sleep(70)
          return "late"
    `, generic);
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 3 });
  });

  test("a generator handler outside RunPod's start() is an error that says why", async () => {
    const r = await run(`
      def handler(event):
          yield "token"
    `, generic);
    expect(r.verdict).toBe("error");
    expect(r.error?.type).toBe("EntryPointError");
    expect(r.error?.message).toMatch(/generator function/);
    expect(r.result).toBeUndefined();
  });
});
