import type { PyodideInterface } from "pyodide";
import { beforeAll, describe, expect, test } from "vitest";
import type { SimulationRequest, SimulationResult } from "../types";
import { createPythonEngine, type PythonEngine, type PythonPreset } from "./engine";
import { loadPyodideFromNodeModules } from "./load-node";
import { expectSeconds } from "../virtual-time.fixture";

// Small literal presets: the real ones live in lib/runner/platforms/.
const runpod: PythonPreset = {
  id: "runpod",
  clock: "wall",
  timeout: 60,
  countsInit: false,
  message: () => "job timed out",
};
const lambda: PythonPreset = {
  id: "aws-lambda",
  clock: "wall",
  timeout: 60,
  countsInit: true,
  message: ({ elapsed }) => `Task timed out after ${elapsed.toFixed(2)} seconds`,
};
const cpuLimited: PythonPreset = {
  id: "cpu-limited",
  clock: "cpu",
  timeout: 0.3,
  countsInit: false,
  message: () => "exceeded the CPU time limit",
};

let pyodide: PyodideInterface;
let engine: PythonEngine;

beforeAll(async () => {
  pyodide = await loadPyodideFromNodeModules();
  engine = createPythonEngine(pyodide);
});

/** Strips the first newline and the common indentation, so line 1 is the first line written. */
function py(source: string): string {
  const lines = source.replace(/^\n/, "").replace(/\s+$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return `${lines.map((l) => l.slice(indent)).join("\n")}\n`;
}

function run(code: string, preset: PythonPreset = runpod, extra: Partial<SimulationRequest> = {}): Promise<SimulationResult> {
  return engine.run({ language: "python", code: py(code), platform: preset.id, ...extra }, preset);
}

describe("virtual clock", () => {
  test("after time.sleep(5) every clock has moved 5 s, and the sleep cost no real time", async () => {
    const started = performance.now();
    const r = await run(`
      import asyncio, datetime, time
      def handler(event):
          loop = asyncio.new_event_loop()
          before = [time.time(), time.monotonic(), time.perf_counter(), time.time_ns() / 1e9, loop.time(),
                    datetime.datetime.now().timestamp(), datetime.datetime.now(datetime.timezone.utc).timestamp()]
          time.sleep(5)
          after = [time.time(), time.monotonic(), time.perf_counter(), time.time_ns() / 1e9, loop.time(),
                   datetime.datetime.now().timestamp(), datetime.datetime.now(datetime.timezone.utc).timestamp()]
          return [b - a for a, b in zip(before, after)]
    `);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.verdict).toBe("ok");
    const moved = r.result as number[];
    expect(moved).toHaveLength(7);
    for (const delta of moved) expect(delta).toBeCloseTo(5, 1);
    expectSeconds(r.elapsedSeconds, 5);
  });

  test("a sync handler sleeping 120 s under a 60 s deadline times out at 60.0 on the sleep's line", async () => {
    const r = await run(`
      import runpod, time

      def handler(job):
          print("starting")
          time.sleep(120)
          return {"done": True}

      runpod.serverless.start({"handler": handler})
    `);
    expect(r).toMatchObject({
      verdict: "timeout",
      platform: "runpod",
      deadlineSeconds: 60,
      elapsedSeconds: 60,
      line: 5,
      error: null,
      platformMessage: "job timed out",
    });
    expect(r.runaway).toBeUndefined();
    expect(r.result).toBeUndefined();
    expect(r.stdout).toBe("--- Starting Serverless Worker |  Version 1.12.0 ---\nstarting\n");
    const sleep = r.timeline.find((s) => s.kind === "sleep");
    expect(sleep).toMatchObject({ line: 5, label: "time.sleep(120)" });
    const handler = r.timeline.find((s) => s.kind === "handler");
    expect(handler && handler.end - handler.start).toBeCloseTo(60, 6);
    expect(sleep?.end).toBeCloseTo(handler?.end ?? 0, 6);
  });

  test("nothing printed after the deadline reaches stdout: the platform killed the process", async () => {
    const r = await run(`
      import time
      def handler(event):
          print("before")
          try:
              time.sleep(120)
          finally:
              print("cleanup")
    `);
    expect(r).toMatchObject({ verdict: "timeout", line: 5, stdout: "before\n" });
  });

  test("init does not count on RunPod: 50 s of module code, then a 20 s job, is ok at 20 s", async () => {
    const r = await run(`
      import runpod, time
      time.sleep(50)
      def handler(job):
          time.sleep(20)
          return "done"
      runpod.serverless.start({"handler": handler})
    `);
    expect(r.verdict).toBe("ok");
    expectSeconds(r.elapsedSeconds, 20);
    expect(r.result).toEqual({ output: "done" });
    const init = r.timeline.find((s) => s.kind === "init");
    const handler = r.timeline.find((s) => s.kind === "handler");
    expect(init?.end).toBeCloseTo(50, 1);
    expect(handler?.start).toBeCloseTo(50, 1);
    expect(handler?.end).toBeCloseTo(70, 1);
  });

  test("init counts when the preset says so: 50 s of init plus a 20 s handler times out at 60", async () => {
    const r = await run(
      `
      import time
      time.sleep(50)
      def lambda_handler(event, context):
          time.sleep(20)
          return 1
    `,
      lambda,
    );
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 4 });
    expect(r.platformMessage).toBe("Task timed out after 60.00 seconds");
  });

  test("a request timeout overrides the preset's", async () => {
    const r = await run(`
      import time
      def handler(event):
          time.sleep(90)
    `, runpod, { timeout: 600 });
    expect(r).toMatchObject({ verdict: "ok", deadlineSeconds: 600 });
    expectSeconds(r.elapsedSeconds, 90);
  });
});

describe("asyncio on virtual time", () => {
  test("gather of sleeps costs the longest, not the sum", async () => {
    const r = await run(`
      import asyncio
      async def handler(event):
          await asyncio.gather(asyncio.sleep(3), asyncio.sleep(2), asyncio.sleep(1))
          return "ok"
    `);
    expect(r.verdict).toBe("ok");
    expectSeconds(r.elapsedSeconds, 3);
    expect(r.timeline.filter((s) => s.kind === "sleep").map((s) => s.line)).toEqual([3, 3, 3]);
  });

  test("a blocking time.sleep inside async def blocks every other task (CPython: 3, 3, 4)", async () => {
    const r = await run(`
      import asyncio, time
      async def handler(event):
          loop = asyncio.get_running_loop()
          start, marks = loop.time(), {}
          async def blocker():
              time.sleep(3)
              marks["blocker"] = loop.time() - start
          async def ticker():
              await asyncio.sleep(1)
              marks["tick1"] = loop.time() - start
              await asyncio.sleep(1)
              marks["tick2"] = loop.time() - start
          await asyncio.gather(ticker(), blocker())
          return {k: round(v, 1) for k, v in marks.items()}
    `);
    expect(r.result).toEqual({ blocker: 3, tick1: 3, tick2: 4 });
    expectSeconds(r.elapsedSeconds, 4);
  });

  test("wait_for and asyncio.timeout fire at the right virtual time", async () => {
    const r = await run(`
      import asyncio
      async def handler(event):
          loop = asyncio.get_running_loop()
          out = []
          start = loop.time()
          try:
              await asyncio.wait_for(asyncio.sleep(10), 2)
          except TimeoutError as e:
              out.append(["wait_for", repr(e), round(loop.time() - start, 1)])
          start = loop.time()
          try:
              async with asyncio.timeout(1.5):
                  await asyncio.sleep(10)
          except TimeoutError:
              out.append(["timeout", round(loop.time() - start, 1)])
          return out
    `);
    expect(r.result).toEqual([
      ["wait_for", "TimeoutError()", 2],
      ["timeout", 1.5],
    ]);
    expect(r.timeline.filter((s) => s.kind === "timer").map((s) => s.line)).toEqual([7, 12]);
  });

  test("wait_for cannot interrupt a coroutine that blocks synchronously; it fires at the next await", async () => {
    const r = await run(`
      import asyncio, time
      async def blocks():
          time.sleep(3)
          return "finished"
      async def blocks_then_awaits():
          time.sleep(2)
          await asyncio.sleep(2)
      async def handler(event):
          loop = asyncio.get_running_loop()
          first = await asyncio.wait_for(blocks(), 1)
          start = loop.time()
          try:
              await asyncio.wait_for(blocks_then_awaits(), 1)
          except TimeoutError:
              return [first, round(loop.time() - start, 1)]
    `);
    expect(r.result).toEqual(["finished", 2]);
  });

  test("to_thread work overlaps in virtual time: gather(to_thread(time.sleep, 3), sleep(2)) takes 3 s", async () => {
    const r = await run(`
      import asyncio, time
      async def handler(event):
          loop = asyncio.get_running_loop()
          start = loop.time()
          await asyncio.gather(asyncio.to_thread(time.sleep, 3), asyncio.sleep(2))
          mixed = loop.time() - start
          start = loop.time()
          await asyncio.gather(*[loop.run_in_executor(None, time.sleep, 1) for _ in range(3)])
          parallel = loop.time() - start
          start = loop.time()
          await asyncio.gather(*[asyncio.to_thread(time.sleep, 1) for _ in range(7)])
          queued = loop.time() - start
          return [round(mixed, 1), round(parallel, 1), round(queued, 1)]
    `);
    // The default executor has min(32, cpus + 4) = 6 workers, so the 7th job waits for one.
    expect(r.result).toEqual([3, 1, 2]);
    expect(r.timeline.find((s) => s.kind === "timer")).toMatchObject({ line: 5, label: "thread: sleep" });
  });

  test("to_thread work that would end after the deadline times out at the awaiting line", async () => {
    const r = await run(`
      import asyncio, time
      def slow():
          time.sleep(500)
      async def handler(event):
          await asyncio.sleep(1)
          await asyncio.to_thread(slow)
    `);
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 6 });
  });

  test("an async handler past the deadline reports the innermost awaiting line", async () => {
    const r = await run(`
      import runpod, asyncio

      async def step():
          await asyncio.sleep(100)

      async def handler(job):
          await asyncio.sleep(1)
          task = asyncio.create_task(step())
          await task

      runpod.serverless.start({"handler": handler})
    `);
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 4, platformMessage: "job timed out" });
  });

  test("awaiting something that never happens times out at the deadline", async () => {
    const r = await run(`
      import asyncio
      async def handler(event):
          event = asyncio.Event()
          await event.wait()
    `);
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 4 });
  });

  test("get_event_loop().run_until_complete in a sync handler runs on the virtual loop", async () => {
    const r = await run(`
      import asyncio
      async def work():
          await asyncio.sleep(3)
          return 7
      def handler(event):
          return asyncio.get_event_loop().run_until_complete(work())
    `);
    expect(r).toMatchObject({ verdict: "ok", result: 7 });
    expectSeconds(r.elapsedSeconds, 3);
  });
});

describe("threads", () => {
  test("a ThreadPoolExecutor runs max_workers jobs at a time; join waits for the longest thread", async () => {
    const r = await run(`
      import threading, time
      from concurrent.futures import ThreadPoolExecutor, as_completed
      def work(i):
          time.sleep(2)
          return i
      def handler(event):
          start = time.monotonic()
          with ThreadPoolExecutor(max_workers=4) as pool:
              results = sorted(f.result() for f in as_completed([pool.submit(work, i) for i in range(8)]))
          pooled = time.monotonic() - start
          start = time.monotonic()
          threads = [threading.Thread(target=time.sleep, args=(s,)) for s in (3, 1, 2)]
          for t in threads:
              t.start()
          for t in threads:
              t.join()
          return [results, round(pooled, 1), round(time.monotonic() - start, 1)]
    `);
    expect(r.result).toEqual([[0, 1, 2, 3, 4, 5, 6, 7], 4, 3]);
  });
});

describe("signal.alarm (which Pyodide lacks) on the virtual clock", () => {
  test("an alarm whose handler raises interrupts a sleep at the alarm time", async () => {
    const r = await run(`
      import signal, time
      class Timeout(Exception):
          pass
      def on_alarm(signum, frame):
          raise Timeout("took too long")
      def handler(event):
          signal.signal(signal.SIGALRM, on_alarm)
          signal.alarm(5)
          try:
              time.sleep(30)
          except Timeout as e:
              return str(e)
          finally:
              signal.alarm(0)
    `);
    expect(r).toMatchObject({ verdict: "ok", result: "took too long" });
    expectSeconds(r.elapsedSeconds, 5);
  });

  test("an alarm with no handler kills the process, and one that fires during CPU work raises there", async () => {
    const killed = await run(`
      import signal, time
      def handler(event):
          signal.alarm(2)
          time.sleep(10)
    `);
    expect(killed).toMatchObject({ verdict: "error", line: 4, error: { type: "SIGALRM" } });
    expectSeconds(killed.elapsedSeconds, 2);
    const busy = await run(`
      import signal
      def on_alarm(signum, frame):
          raise TimeoutError("cpu budget")
      def handler(event):
          signal.signal(signal.SIGALRM, on_alarm)
          signal.setitimer(signal.ITIMER_REAL, 0.2)
          while True:
              pass
    `);
    expect(busy).toMatchObject({ verdict: "error", error: { type: "TimeoutError", message: "cpu budget", line: 3 } });
    expectSeconds(busy.elapsedSeconds, 0.2);
  });
});

describe("runpod.serverless.start", () => {
  test("a bare function instead of the config dict fails as the SDK does", async () => {
    const r = await run(`
      import runpod

      def handler(job):
          return job["input"]

      runpod.serverless.start(handler)
    `);
    expect(r).toMatchObject({
      verdict: "error",
      line: 6,
      error: { type: "TypeError", message: "'function' object does not support item assignment", line: 6 },
      platformMessage: null,
    });
    expect(r.stdout).toBe("--- Starting Serverless Worker |  Version 1.12.0 ---\n");
  });

  test("the job is {id, input}; a plain return becomes {output}; code after start() never runs", async () => {
    const r = await run(`
      import runpod
      def handler(job):
          return {"id": job["id"], "doubled": job["input"]["n"] * 2}
      if __name__ == "__main__":
          runpod.serverless.start({"handler": handler})
          print("after start")
    `, runpod, { event: { n: 21 } });
    expect(r).toMatchObject({ verdict: "ok", result: { output: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), doubled: 42 } } });
    expect(r.stdout).not.toContain("after start");
  });

  test("a WSGI app (gunicorn's convention) serves the event as a request; the response is the result", async () => {
    const gunicorn: PythonPreset = { id: "gunicorn", clock: "wall", timeout: 30, countsInit: true, message: () => "[CRITICAL] WORKER TIMEOUT" };
    const app = `
      import json, time
      def app(environ, start_response):
          size = int(environ["CONTENT_LENGTH"])
          payload = json.loads(environ["wsgi.input"].read(size))
          time.sleep(payload["seconds"])
          start_response("201 Created", [("Content-Type", "application/json")])
          return [json.dumps({"path": environ["PATH_INFO"], "q": environ["QUERY_STRING"], "method": environ["REQUEST_METHOD"]}).encode()]
    `;
    const ok = await run(app, gunicorn, { event: { method: "post", path: "/jobs?x=1", body: { seconds: 4 } } });
    expect(ok).toMatchObject({ verdict: "ok", result: { status: 201, headers: { "Content-Type": "application/json" } } });
    expectSeconds(ok.elapsedSeconds, 4);
    expect(JSON.parse((ok.result as { body: string }).body)).toEqual({ path: "/jobs", q: "x=1", method: "POST" });
    const slow = await run(app, gunicorn, { event: { method: "post", body: { seconds: 40 } } });
    expect(slow).toMatchObject({ verdict: "timeout", elapsedSeconds: 30, line: 5, platformMessage: "[CRITICAL] WORKER TIMEOUT" });
  });

  test("a RunPod cold start past the init limit never takes the job: InitTimeout on the blocking line", async () => {
    const r = await run(
      `
      import time
      import runpod
      time.sleep(500)
      def handler(job):
          return 1
      runpod.serverless.start({"handler": handler})
    `,
      { ...runpod, initTimeout: 420 },
    );
    expect(r).toMatchObject({ verdict: "error", elapsedSeconds: 0, error: { type: "InitTimeout", line: 3 }, platformMessage: null });
    expect(r.error?.message).toMatch(/420 s cold-start limit/);
  });

  test("a worker script that never calls start() takes no job: it fails as a worker that never started", async () => {
    const r = await run(`
      import runpod
      def handler(job):
          return {"ok": True}
    `);
    expect(r).toMatchObject({ verdict: "error", error: { type: "WorkerNeverStarted", line: null } });
    expect(r.error?.message).toMatch(/stays IN_QUEUE/);
    // A plain function without runpod is still called directly, so pasted snippets run.
    const plain = await run(`
      def handler(job):
          return {"ok": True}
    `);
    expect(plain).toMatchObject({ verdict: "ok" });
  });

  test("a returned dict has error and refresh_worker popped, as the SDK does", async () => {
    const r = await run(`
      import runpod
      def handler(job):
          return {"error": "bad prompt", "refresh_worker": True}
      runpod.serverless.start({"handler": handler})
    `);
    expect(r).toMatchObject({ verdict: "ok", result: { error: "bad prompt", stopPod: true } });
  });

  test("a generator's steps add up; return_aggregate_stream collects the outputs", async () => {
    const r = await run(`
      import runpod, time
      def handler(job):
          for i in range(3):
              time.sleep(1.5)
              yield {"step": i}
      runpod.serverless.start({"handler": handler, "return_aggregate_stream": True})
    `);
    expect(r.verdict).toBe("ok");
    expectSeconds(r.elapsedSeconds, 4.5);
    expect(r.result).toEqual({ output: [{ step: 0 }, { step: 1 }, { step: 2 }] });
  });

  test("an async generator without return_aggregate_stream streams, leaving output empty", async () => {
    const r = await run(`
      import runpod, asyncio
      async def handler(job):
          for i in range(3):
              await asyncio.sleep(2)
              yield i
      runpod.serverless.start({"handler": handler})
    `);
    expect(r).toMatchObject({ verdict: "ok", result: { output: [] } });
    expectSeconds(r.elapsedSeconds, 6);
  });

  test("an exception is reported on the user's line, with the SDK's error result", async () => {
    const r = await run(`
      import runpod
      def parse(job):
          return job["input"]["prompt"]
      def handler(job):
          return parse(job)
      runpod.serverless.start({"handler": handler})
    `);
    expect(r).toMatchObject({ verdict: "error", line: 3, error: { type: "KeyError", message: "'prompt'", line: 3 } });
    const payload = JSON.parse((r.result as { error: string }).error) as Record<string, string>;
    expect(payload.error_type).toBe("<class 'KeyError'>");
    expect(payload.error_traceback).toContain('File "handler.py", line 3, in parse');
    expect(payload.runpod_version).toBe("1.12.0");
  });

  test("a sync handler calling asyncio.run fails: the worker's job loop is already running", async () => {
    const r = await run(`
      import runpod, asyncio
      async def work():
          await asyncio.sleep(1)
      def handler(job):
          asyncio.run(work())
      runpod.serverless.start({"handler": handler})
    `);
    expect(r.error).toMatchObject({ type: "RuntimeError", message: "asyncio.run() cannot be called from a running event loop", line: 5 });
  });
});

describe("lambda-style handlers", () => {
  test("the context lives on the virtual clock", async () => {
    const r = await run(
      `
      import time
      def lambda_handler(event, context):
          before = context.get_remaining_time_in_millis()
          time.sleep(10)
          return [before, context.get_remaining_time_in_millis(), context.function_name,
                  context.memory_limit_in_mb, context.aws_request_id, context.invoked_function_arn,
                  context.log_stream_name, event]
    `,
      lambda,
      { event: { id: 7 } },
    );
    const [before, after, name, memory, requestId, arn, stream, event] = r.result as [number, number, ...string[]];
    expect(before).toBeGreaterThan(59_990);
    expect(before - after).toBeGreaterThanOrEqual(9_999);
    expect(before - after).toBeLessThanOrEqual(10_010);
    expect(name).toBe("handler-function");
    expect(memory).toBe("128");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(arn).toBe("arn:aws:lambda:us-east-1:123456789012:function:handler-function");
    expect(stream).toContain("[$LATEST]");
    expect(event).toEqual({ id: 7 });
  });

  test("Lambda does not await an async lambda_handler: the coroutine cannot be marshalled", async () => {
    const r = await run(`
      async def lambda_handler(event, context):
          return 1
    `, lambda);
    expect(r.error).toEqual({
      type: "Runtime.MarshalError",
      message: "Unable to marshal response: Object of type coroutine is not JSON serializable",
      line: null,
    });
    expect(r.stdout).toContain("coroutine 'lambda_handler' was never awaited");
  });

  test("handler(event) is found by name, and awaited when async", async () => {
    const r = await run(`
      import asyncio
      async def handler(event):
          await asyncio.sleep(2)
          return {"seen": event}
    `, runpod, { event: "hello" });
    expect(r).toMatchObject({ verdict: "ok", result: { seen: "hello" } });
  });

  test("a file with no entry point says what it looked for", async () => {
    const r = await run(`x = 1`);
    expect(r.verdict).toBe("error");
    expect(r.error?.type).toBe("EntryPointError");
    expect(r.error?.message).toContain("lambda_handler(event, context)");
  });
});

describe("simulated network", () => {
  test("requests with timeout=(3, 10) to a host with 45 s latency raises ReadTimeout at 10 s", async () => {
    const r = await run(
      `
      import requests
      def lambda_handler(event, context):
          r = requests.post("http://127.0.0.1:8188/prompt", json={"prompt": 1}, timeout=(3, 10))
          return r.json()
    `,
      lambda,
      { latency: { "127.0.0.1": 45 } },
    );
    expect(r).toMatchObject({
      verdict: "error",
      line: 3,
      error: {
        type: "requests.exceptions.ReadTimeout",
        message: "HTTPConnectionPool(host='127.0.0.1', port=8188): Read timed out. (read timeout=10)",
        line: 3,
      },
    });
    expectSeconds(r.elapsedSeconds, 10);
    const call = r.timeline.find((s) => s.kind === "network");
    expect(call).toMatchObject({ host: "127.0.0.1", latency: 45, line: 3 });
    expect(call && call.end - call.start).toBeCloseTo(10, 1);
    expect((r.result as { errorType: string }).errorType).toBe("ReadTimeout");
  });

  test("a call without a timeout waits for the host; the stub answers 200 with an echo", async () => {
    const r = await run(
      `
      import requests
      def handler(event):
          r = requests.get("https://api.example.com/v1/items", params={"page": 2})
          return [r.status_code, r.json(), round(r.elapsed.total_seconds(), 1), r.headers["content-type"]]
    `,
      runpod,
      { latency: { "*.example.com": 12 } },
    );
    expect(r.result).toEqual([200, { ok: true, url: "https://api.example.com/v1/items?page=2" }, 12, "application/json"]);
    expectSeconds(r.elapsedSeconds, 12);
  });

  test("a network call still waiting at the deadline times out on its line", async () => {
    const r = await run(
      `
      import requests
      def handler(event):
          requests.get("https://slow.example.com/")
    `,
      runpod,
      { latency: { "slow.example.com": 600 } },
    );
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 3 });
  });

  test("requests rejects a URL without a scheme with its own message", async () => {
    const r = await run(`
      import requests
      def handler(event):
          requests.get("localhost:8188/prompt")
    `);
    expect(r.error).toEqual({
      type: "requests.exceptions.InvalidSchema",
      message: "No connection adapters were found for 'localhost:8188/prompt'",
      line: 3,
    });
  });

  test("httpx: 5 s default timeout; sync and async ReadTimeout carry httpx's messages", async () => {
    const r = await run(
      `
      import httpx
      async def handler(event):
          out = []
          try:
              httpx.get("https://slow.example.com/")
          except httpx.ReadTimeout as e:
              out.append(str(e))
          async with httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0)) as client:
              ok = await client.get("https://fast.example.com/")
              try:
                  await client.post("https://slow.example.com/", json={})
              except httpx.TimeoutException as e:
                  out.append([type(e).__name__, str(e)])
          return [out, ok.json()["ok"]]
    `,
      runpod,
      { latency: { "slow.example.com": 45, "fast.example.com": 1 } },
    );
    expect(r.result).toEqual([["timed out", ["ReadTimeout", ""]], true]);
    expectSeconds(r.elapsedSeconds, 5 + 1 + 10);
  });

  test("aiohttp: total timeouts raise a bare TimeoutError, rounded up to a whole second; sock_read raises SocketTimeoutError", async () => {
    const r = await run(
      `
      import aiohttp, asyncio
      async def handler(event):
          loop = asyncio.get_running_loop()
          out = []
          async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
              start = loop.time()
              try:
                  async with session.get("https://slow.example.com/") as resp:
                      await resp.json()
              except asyncio.TimeoutError as e:
                  out.append([type(e).__name__, str(e), round(loop.time() - start)])
              start = loop.time()
              try:
                  await session.get("https://slow.example.com/", timeout=aiohttp.ClientTimeout(sock_read=3))
              except aiohttp.ServerTimeoutError as e:
                  out.append([type(e).__name__, str(e), round(loop.time() - start, 1)])
          return out
    `,
      runpod,
      { latency: { "slow.example.com": 45 } },
    );
    expect(r.result).toEqual([
      ["TimeoutError", "", 11],
      ["SocketTimeoutError", "Timeout on reading data from socket", 3],
    ]);
  });

  test("urllib.request.urlopen: a read timeout is a bare TimeoutError('timed out'), as CPython raises", async () => {
    const r = await run(
      `
      import json, urllib.request
      def handler(event):
          with urllib.request.urlopen("http://fast.example.com/a", timeout=5) as resp:
              body = json.loads(resp.read())
          try:
              urllib.request.urlopen("http://slow.example.com/a", timeout=5)
          except TimeoutError as e:
              return [resp.status, body["ok"], repr(e)]
    `,
      runpod,
      { latency: { "slow.example.com": 45, "fast.example.com": 0.5 } },
    );
    expect(r.result).toEqual([200, true, "TimeoutError('timed out')"]);
    expectSeconds(r.elapsedSeconds, 5.5);
  });
});

describe("errors", () => {
  test("a syntax error reports its line", async () => {
    const r = await run(`
      def handler(event):
          return (1 +
      x = 2
    `);
    expect(r).toMatchObject({ verdict: "error", line: 2, error: { type: "SyntaxError", line: 2 } });
  });

  test("an exception reports the user's innermost line", async () => {
    const r = await run(`
      import json
      def decode(text):
          return json.loads(text)
      def handler(event):
          return decode("{")
    `);
    expect(r.verdict).toBe("error");
    expect(r.error).toMatchObject({ type: "json.decoder.JSONDecodeError", line: 3 });
  });

  test("deep recursion is a RecursionError on the recursive line", async () => {
    const r = await run(`
      def depth(n):
          return depth(n + 1)
      def handler(event):
          return depth(0)
    `);
    expect(r).toMatchObject({ verdict: "error", line: 2, error: { type: "RecursionError", line: 2 } });
  });

  test("an import the simulator cannot provide fails before running, on the import line, and says how to model it", async () => {
    const r = await run(`
      import json
      import torch
      def handler(event):
          return 1
    `);
    expect(r).toMatchObject({ verdict: "error", line: 2, error: { type: "ImportsUnavailable", line: 2, imports: [{ module: "torch", line: 2 }] } });
    expect(r.error?.message).toContain("line 2: torch: model it (--model torch");
    expect(r.error?.message).toContain("--cost 'torch.load=4'");
  });
});

describe("runaway guards", () => {
  test("while True is stopped within a few real seconds and reported at the deadline on the loop's line", async () => {
    const started = performance.now();
    const r = await run(`
      def handler(event):
          n = 0
          while True:
              n += 1
    `);
    expect(performance.now() - started).toBeLessThan(8000);
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 4, platformMessage: "job timed out", runaway: true });
    // Stopped after 3 real seconds, the loop is shown running on to the deadline.
    const runaway = r.timeline.find((s) => s.label?.startsWith("runaway"));
    const handler = r.timeline.find((s) => s.kind === "handler");
    expect(runaway).toMatchObject({ kind: "cpu", line: 4 });
    expect(runaway?.end).toBeCloseTo(handler?.end ?? 0, 6);
    expect(handler && handler.end - handler.start).toBeCloseTo(60, 6);
  });

  test("code that catches BaseException and keeps looping is stopped too", async () => {
    const started = performance.now();
    const r = await run(`
      import time
      def handler(event):
          while True:
              try:
                  time.sleep(1)
                  while True:
                      pass
              except BaseException:
                  pass
    `);
    expect(performance.now() - started).toBeLessThan(8000);
    expect(r.verdict).toBe("timeout");
    expect(r.elapsedSeconds).toBe(60);
  });

  test("CPU work counts on the virtual clock: a busy loop under a 1 s deadline stops at 1.0", async () => {
    const r = await run(`
      def handler(event):
          total = 0
          for i in range(10**10):
              total += i
    `, runpod, { timeout: 1 });
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 1, line: 4 });
    expect(r.timeline.find((s) => s.kind === "cpu" && s.line === 4)).toBeDefined();
  });

  test("on a CPU-clock platform sleeps are free and the CPU limit decides", async () => {
    const asleep = await run(`
      import time
      def handler(event):
          time.sleep(100)
          return "rested"
    `, cpuLimited);
    expect(asleep).toMatchObject({ verdict: "ok", result: "rested" });
    expect(asleep.elapsedSeconds).toBeLessThan(0.3);
    const busy = await run(`
      def handler(event):
          x = 0
          while True:
              x += 1
    `, cpuLimited);
    expect(busy).toMatchObject({ verdict: "timeout", elapsedSeconds: 0.3, line: 4, platformMessage: "exceeded the CPU time limit" });
  });
});

describe("a warm engine", () => {
  test("runs request after request with no state carried over", async () => {
    const first = await run(`
      import logging, os, asyncio
      logging.basicConfig(level=logging.INFO)
      os.environ["LEFT_BEHIND"] = "1"
      SEEN = []
      async def background():
          await asyncio.sleep(1000)
      async def handler(event):
          SEEN.append(event)
          asyncio.create_task(background())
          logging.getLogger("app").info("handled")
          return len(SEEN)
    `);
    expect(first).toMatchObject({ verdict: "ok", result: 1 });
    expect(first.stdout).toBe("INFO:app:handled\n");
    const second = await run(`
      import logging, os, sys
      def handler(event):
          return [os.environ.get("LEFT_BEHIND"), "requests" in sys.modules, len(logging.getLogger().handlers), __name__]
    `);
    expect(second.result).toEqual([null, false, 0, "__main__"]);
    const interpreter = pyodide.runPython(`
import asyncio, datetime, sys, time
from _deadline import state
[time.sleep.__module__, datetime.datetime.__name__ == "datetime" and datetime.datetime.__module__ == "datetime"
 and type(datetime.datetime) is type, type(asyncio.events._event_loop_policy).__name__, state.current is None,
 sys.stdout is not sys.stderr, any("Stub" in type(f).__name__ or getattr(f, "__name__", "").endswith("Finder") and f.__module__.startswith("_deadline") for f in sys.meta_path)]
`) as { toJs(): unknown[]; destroy(): void };
    const state = interpreter.toJs();
    interpreter.destroy();
    expect(state).toEqual(["time", true, "WebLoopPolicy", true, true, false]);
  });

  test("120 s of sleeps cost no real time in a warm engine", async () => {
    // Timing is reported by bench, not asserted here: only that warm runs complete correctly.
    for (let i = 0; i < 5; i++) {
      const r = await run(`
        import time
        def handler(event):
            for _ in range(12):
                time.sleep(10)
            return "slept"
      `, runpod, { timeout: 300 });
      expect(r).toMatchObject({ verdict: "ok", result: "slept" });
      expectSeconds(r.elapsedSeconds, 120);
    }
  });
});

describe("coroutines a RunPod handler never awaits", () => {
  test("a sync decorator around an async handler: the SDK reports the TypeError, then CPython warns where the coroutine is freed", async () => {
    const r = await run(`
      import asyncio, functools, runpod
      def timed(fn):
          @functools.wraps(fn)
          def wrapper(job):
              output = fn(job)
              output["seconds"] = 1
              return output
          return wrapper
      @timed
      async def handler(job):
          await asyncio.sleep(8)
          return {"ok": True}
      runpod.serverless.start({"handler": handler})
    `);
    expect(r).toMatchObject({ verdict: "error", line: 6, error: { type: "TypeError", message: "'coroutine' object does not support item assignment" } });
    expect(r.elapsedSeconds).toBeLessThan(1);
    // As on CPython: the warning comes when the SDK's except block lets go of the traceback,
    // right after the SDK's own error lines, not when the run is over.
    const warning = r.stdout.indexOf("RuntimeWarning: coroutine 'handler' was never awaited");
    expect(warning).toBeGreaterThan(r.stdout.indexOf("Captured Handler Exception"));
    expect(r.stdout).toContain("RuntimeWarning: Enable tracemalloc to get the object allocation traceback");
  });

  test("asyncio.run in a sync handler: RuntimeError, and the coroutine it was given is never awaited", async () => {
    const r = await run(`
      import asyncio, runpod
      async def generate():
          await asyncio.sleep(1)
      def handler(job):
          return asyncio.run(generate())
      runpod.serverless.start({"handler": handler})
    `);
    expect(r.error).toMatchObject({ type: "RuntimeError", line: 5 });
    expect(r.stdout).toContain("RuntimeWarning: coroutine 'generate' was never awaited");
  });
});

describe("RunPod's queue API on api.runpod.ai", () => {
  const base = "https://api.runpod.ai/v2/abc123";

  test("/runsync answers IN_PROGRESS when its 90 s wait runs out; ?wait= moves it; a short job comes back COMPLETED", async () => {
    const r = await run(
      `
      import requests, time
      def lambda_handler(event, context):
          out = []
          for query in ("", "?wait=120000", "?wait=999999"):
              start = time.monotonic()
              job = requests.post("${base}/runsync" + query, json={"input": {}}).json()
              out.append([job["status"], job["id"].startswith("sync-"), "output" in job, round(time.monotonic() - start, 1)])
          return out
    `,
      lambda,
      { timeout: 900, latency: { "api.runpod.ai": 150 } },
    );
    expect(r.result).toEqual([
      ["IN_PROGRESS", true, false, 90],
      ["IN_PROGRESS", true, false, 120],
      ["COMPLETED", true, true, 150],
    ]);
  });

  test("a client read timeout shorter than the /runsync wait raises ReadTimeout; the job still runs", async () => {
    const r = await run(
      `
      import requests
      def lambda_handler(event, context):
          requests.post("${base}/runsync", json={"input": {}}, timeout=60)
    `,
      lambda,
      { timeout: 300, latency: { "api.runpod.ai": 150 } },
    );
    expect(r).toMatchObject({
      verdict: "error",
      line: 3,
      error: {
        type: "requests.exceptions.ReadTimeout",
        message: "HTTPSConnectionPool(host='api.runpod.ai', port=443): Read timed out. (read timeout=60)",
      },
    });
    expectSeconds(r.elapsedSeconds, 60);
  });

  test("/run answers IN_QUEUE at once; /status is IN_PROGRESS until the job's duration has passed, then COMPLETED", async () => {
    const r = await run(
      `
      import requests, time
      def lambda_handler(event, context):
          job = requests.post("${base}/run", json={"input": {}}).json()
          seen = [job["status"], job["id"].endswith("-u1")]
          while True:
              time.sleep(10)
              state = requests.get(f"${base}/status/{job['id']}").json()
              if state["status"] != "IN_PROGRESS":
                  return [seen, state["status"], state["output"], round(context.get_remaining_time_in_millis() / 1000)]
    `,
      lambda,
      { timeout: 300, latency: { "api.runpod.ai": 45 } },
    );
    const [seen, status, output, remaining] = r.result as [unknown[], string, unknown, number];
    expect(seen).toEqual(["IN_QUEUE", true]);
    expect(status).toBe("COMPLETED");
    expect(output).toEqual({ ok: true });
    expect(remaining).toBe(300 - 50);
  });

  test("/cancel stops a running job; an id never submitted is a 404; httpx and aiohttp see the same service", async () => {
    const r = await run(
      `
      import aiohttp, httpx, requests
      async def handler(job):
          queued = httpx.post("${base}/run", json={"input": {}}).json()
          cancelled = requests.post(f"${base}/cancel/{queued['id']}").json()["status"]
          async with aiohttp.ClientSession() as session:
              async with session.get(f"${base}/status/{queued['id']}") as resp:
                  after = (await resp.json())["status"]
              async with session.get("${base}/status/nope") as resp:
                  missing = resp.status
          return [cancelled, after, missing, httpx.get("${base}/status/nope").reason_phrase]
    `,
      runpod,
      { latency: { "api.runpod.ai": 30 } },
    );
    expect(r.result).toEqual(["CANCELLED", "CANCELLED", 404, "Not Found"]);
    expect(r.elapsedSeconds).toBeLessThan(1);
  });
});
