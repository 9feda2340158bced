// The virtual loop must time things as CPython does. Each scenario runs in the simulator (virtual
// seconds) and, when a real `python3` is on the PATH, in CPython with real sleeps scaled down by
// SCALE; both must match the expected figures, in units of the scaled second.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, test } from "vitest";
import type { PythonEngine, PythonPreset } from "./engine";
import { createNodePythonEngine } from "./load-node";

const SCALE = 0.2;
// Real CPython pays thread start-up and scheduling, and real sleeps on a busy 2-core CI machine
// wake late; every expected mark differs from its neighbours by a whole unit, so half a unit
// (in scaled seconds) still tells them apart.
const CPYTHON_TOLERANCE = 0.5;

const preset: PythonPreset = { id: "runpod", clock: "wall", timeout: 600, countsInit: false, message: () => "job timed out" };

const hasPython = spawnSync("python3", ["--version"]).status === 0;

type Scenario = { name: string; body: string; expected: Record<string, number> };

// Each body defines `async def main(S)` returning marks in units of S.
const scenarios: Scenario[] = [
  {
    name: "gather of sleeps costs the longest",
    body: `
async def main(S):
    loop = asyncio.get_running_loop(); t0 = loop.time()
    await asyncio.gather(asyncio.sleep(3 * S), asyncio.sleep(2 * S), asyncio.sleep(1 * S))
    return {"total": (loop.time() - t0) / S}
`,
    expected: { total: 3 },
  },
  {
    name: "a blocking time.sleep in a coroutine delays every timer",
    body: `
async def main(S):
    loop = asyncio.get_running_loop(); t0 = loop.time(); marks = {}
    async def blocker():
        time.sleep(3 * S); marks["blocker"] = (loop.time() - t0) / S
    async def ticker():
        await asyncio.sleep(1 * S); marks["tick1"] = (loop.time() - t0) / S
        await asyncio.sleep(1 * S); marks["tick2"] = (loop.time() - t0) / S
    await asyncio.gather(ticker(), blocker())
    return marks
`,
    expected: { blocker: 3, tick1: 3, tick2: 4 },
  },
  {
    name: "to_thread overlaps with the loop",
    body: `
async def main(S):
    loop = asyncio.get_running_loop(); t0 = loop.time()
    await asyncio.gather(asyncio.to_thread(time.sleep, 3 * S), asyncio.sleep(2 * S))
    return {"total": (loop.time() - t0) / S}
`,
    expected: { total: 3 },
  },
  {
    name: "an executor with two workers queues the rest",
    body: `
async def main(S):
    from concurrent.futures import ThreadPoolExecutor
    loop = asyncio.get_running_loop(); t0 = loop.time()
    with ThreadPoolExecutor(max_workers=2) as pool:
        await asyncio.gather(*[loop.run_in_executor(pool, time.sleep, 1 * S) for _ in range(5)])
    return {"total": (loop.time() - t0) / S}
`,
    expected: { total: 3 },
  },
  {
    name: "wait_for and asyncio.timeout",
    body: `
async def main(S):
    loop = asyncio.get_running_loop(); out = {}
    t0 = loop.time()
    try:
        await asyncio.wait_for(asyncio.sleep(10 * S), 2 * S)
    except TimeoutError:
        out["wait_for"] = (loop.time() - t0) / S
    t0 = loop.time()
    try:
        async with asyncio.timeout(1 * S):
            await asyncio.sleep(10 * S)
    except TimeoutError:
        out["timeout"] = (loop.time() - t0) / S
    return out
`,
    expected: { wait_for: 2, timeout: 1 },
  },
  {
    name: "wait_for only fires when the coroutine yields",
    body: `
async def main(S):
    loop = asyncio.get_running_loop(); out = {}
    async def blocks():
        time.sleep(3 * S)
    async def blocks_then_awaits():
        time.sleep(2 * S)
        await asyncio.sleep(2 * S)
    t0 = loop.time()
    await asyncio.wait_for(blocks(), 1 * S)
    out["no_timeout"] = (loop.time() - t0) / S
    t0 = loop.time()
    try:
        await asyncio.wait_for(blocks_then_awaits(), 1 * S)
    except TimeoutError:
        out["late_timeout"] = (loop.time() - t0) / S
    return out
`,
    expected: { no_timeout: 3, late_timeout: 2 },
  },
  {
    name: "tasks, cancellation and asyncio.wait",
    body: `
async def main(S):
    loop = asyncio.get_running_loop(); out = {}
    t0 = loop.time()
    task = asyncio.create_task(asyncio.sleep(2 * S))
    await asyncio.sleep(1 * S)
    await task
    out["create_task"] = (loop.time() - t0) / S
    t0 = loop.time()
    slow = asyncio.create_task(asyncio.sleep(10 * S))
    await asyncio.sleep(1 * S)
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        out["cancelled"] = (loop.time() - t0) / S
    t0 = loop.time()
    done, pending = await asyncio.wait(
        [asyncio.create_task(asyncio.sleep(d * S)) for d in (3, 1, 2)], return_when=asyncio.FIRST_COMPLETED)
    out["first_completed"] = (loop.time() - t0) / S
    for p in pending:
        p.cancel()
    return out
`,
    expected: { create_task: 2, cancelled: 1, first_completed: 1 },
  },
  {
    name: "threads from sync code: a pool's map and as_completed",
    body: `
async def main(S):
    from concurrent.futures import ThreadPoolExecutor, as_completed
    out = {}
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(time.sleep, [1 * S] * 6))
    out["map"] = (time.monotonic() - t0) / S
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(time.sleep, d * S) for d in (3, 1, 2)]
        first = next(as_completed(futures))
        out["first"] = (time.monotonic() - t0) / S
    out["all"] = (time.monotonic() - t0) / S
    return out
`,
    expected: { map: 2, first: 1, all: 3 },
  },
];

function inCPython(body: string): Record<string, number> {
  const script = `import asyncio, json, sys, time\n${body}\nprint(json.dumps(asyncio.run(main(float(sys.argv[1])))))\n`;
  const out = spawnSync("python3", ["-c", script, String(SCALE)], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as Record<string, number>;
}

let engine: PythonEngine;
beforeAll(async () => {
  engine = await createNodePythonEngine();
});

describe.each(scenarios)("$name", ({ body, expected }) => {
  test("the simulator", async () => {
    const code = `import asyncio, json, time\n${body}\ndef handler(event):\n    return asyncio.run(main(1.0))\n`;
    const r = await engine.run({ language: "python", code, platform: "runpod" }, preset);
    expect(r.error).toBeNull();
    const marks = r.result as Record<string, number>;
    expect(Object.keys(marks).sort()).toEqual(Object.keys(expected).sort());
    // Virtual time includes the real CPU the run spends, a few ms at most on a busy machine.
    for (const [name, value] of Object.entries(expected)) expect(marks[name], name).toBeCloseTo(value, 1);
  });

  test.skipIf(!hasPython)("CPython with real sleeps", () => {
    const marks = inCPython(body);
    expect(Object.keys(marks).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, value] of Object.entries(expected)) {
      expect(Math.abs((marks[name] ?? NaN) - value), `${name}: CPython measured ${marks[name]}`).toBeLessThan(CPYTHON_TOLERANCE);
    }
  });
});
