import { afterAll, describe, expect, test } from "vitest";
import { templateFor } from "../templates";
import { createNodeSimulator } from "./simulator";

// The worker host as the CLI and verify:content use it: real worker threads, both engines.
const simulator = createNodeSimulator({ hardLimitMs: 20_000 });
afterAll(() => simulator.close());

describe("the Node worker host", () => {
  test("runs Python and JavaScript in the same warm worker", async () => {
    const py = await simulator.simulate({ language: "python", platform: "aws-lambda", timeout: 3, code: "import time\n\ndef lambda_handler(event, context):\n    time.sleep(5)\n" });
    expect(py).toMatchObject({ verdict: "timeout", elapsedSeconds: 3, line: 4 });
    expect(py.platformMessage).toMatch(/Task timed out after 3\.00 seconds$/);
    const js = await simulator.simulate({ language: "typescript", platform: "vercel", timeout: 10, code: "export async function GET(request: Request) {\n  return Response.json({ ok: true });\n}\n" });
    expect(js).toMatchObject({ verdict: "ok", result: { status: 200 } });
  });

  test("every editor template finishes on its own platform", async () => {
    const cases = [
      ["runpod", "python"],
      ["aws-lambda", "python"],
      ["aws-lambda", "javascript"],
      ["aws-lambda", "typescript"],
      ["cloudflare-workers", "javascript"],
      ["supabase-edge", "typescript"],
      ["vercel", "typescript"],
    ] as const;
    for (const [platform, language] of cases) {
      const result = await simulator.simulate({ language, platform, code: templateFor(platform, language), event: { input: { prompt: "hi" } } });
      expect(result.verdict, `${platform} ${language}: ${JSON.stringify(result.error)}`).toBe("ok");
    }
  });

  test("a request the simulator cannot run is a UsageError, not a verdict", async () => {
    await expect(simulator.simulate({ language: "python", platform: "supabase-edge", code: "x = 1\n" })).rejects.toThrow(/does not run python/);
    await expect(simulator.simulate({ language: "python", platform: "aws-lambda", timeout: 901, code: "x = 1\n" })).rejects.toThrow(/1 to 900 s/);
  });

  test("a handler that exhausts memory crashes only its worker; the next run works", async () => {
    const result = await simulator.simulate({ language: "javascript", platform: "aws-lambda", timeout: 30, code: "export const handler = async () => {\n  const a = [];\n  for (;;) a.push(new Array(1e6).fill(1));\n};\n" });
    expect(result.verdict).toBe("error");
    expect(result.error).toMatchObject({ type: "OutOfMemory" });
    const next = await simulator.simulate({ language: "javascript", platform: "aws-lambda", code: "export const handler = async () => 42;\n" });
    expect(next).toMatchObject({ verdict: "ok", result: 42 });
  });
});

describe("the hard limit", () => {
  test("a worker that stops answering is killed, the run is judged at the deadline, and a fresh worker serves the next", async () => {
    const strict = createNodeSimulator({ hardLimitMs: 1500 });
    try {
      // One C-level call the Python guard cannot interrupt.
      const stuck = await strict.simulate({ language: "python", platform: "aws-lambda", timeout: 60, code: "def lambda_handler(event, context):\n    return sum(range(10**13))\n" });
      expect(stuck).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, error: { type: "WorkerKilled" } });
      const next = await strict.simulate({ language: "javascript", platform: "aws-lambda", code: "export const handler = async () => 'again';\n" });
      expect(next).toMatchObject({ verdict: "ok", result: "again" });
    } finally {
      await strict.close();
    }
  });
});
