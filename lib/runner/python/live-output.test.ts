import { beforeAll, expect, test } from "vitest";
import { createPythonEngine, type PythonEngine } from "./engine";
import { loadPyodideFromNodeModules } from "./load-node";
import { lambda, py } from "./test-engine";

// The Python engine hands its output to a listening host while it runs (runner.py _Capture):
// at most every LIVE_INTERVAL of real time and LIVE_LIMIT characters in all, each a piece of the
// very text the result's stdout keeps.

let engine: PythonEngine;

beforeAll(async () => {
  engine = createPythonEngine(await loadPyodideFromNodeModules());
});

async function runListening(code: string) {
  const live: { text: string; at: number }[] = [];
  const result = await engine.run({ language: "python", code: py(code), platform: lambda.id }, lambda, { onOutput: (text) => live.push({ text, at: performance.now() }) });
  return { result, live };
}

test("output arrives while the run goes, in pieces of the result's own stdout, not one call per print", async () => {
  const { result, live } = await runListening(`
    import time
    def lambda_handler(event, context):
        for i in range(60):
            print("line", i)
            end = time.perf_counter() + 0.005
            while time.perf_counter() < end:
                pass
        return "done"
  `);
  expect(result.verdict, JSON.stringify(result.error ?? result.timeline.at(-1))).toBe("ok");
  expect(live.length).toBeGreaterThan(1);
  expect(live.length).toBeLessThan(100);
  // The first write goes at once (print writes "line", " ", "0" and "\n" apart), the rest batched.
  expect("line 0\n".startsWith(live[0]!.text)).toBe(true);
  const joined = live.map((l) => l.text).join("");
  expect(result.stdout.startsWith(joined)).toBe(true);
  expect(joined).toContain("line 1\n");
});

test("a flood of output hands over at most 16 000 characters; the result keeps its own, longer record", async () => {
  const { result, live } = await runListening(`
    def lambda_handler(event, context):
        for i in range(2000):
            print("x" * 99)
        return "done"
  `);
  const joined = live.map((l) => l.text).join("");
  expect(joined.length).toBeLessThanOrEqual(16_000);
  expect(result.stdout.length).toBe(200_000);
  expect(result.stdout.startsWith(joined)).toBe(true);
});

test("without a listener nothing is handed over and the run is as before", async () => {
  const result = await engine.run({ language: "python", code: py('def lambda_handler(event, context):\n    print("quiet")\n'), platform: lambda.id }, lambda);
  expect(result.stdout).toBe("quiet\n");
});
