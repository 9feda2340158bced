import { describe, expect, test } from "vitest";
import type { NodeSimulator } from "../runner/node/simulator";
import type { Language, SimulationRequest, SimulationResult } from "../runner/types";
import type { Job } from "./jobs";
import { runJobs } from "./pool";

const job = (index: number, language: Language): Job => ({
  index,
  handler: `h${index}`,
  event: "default",
  file: `h${index}.${language === "python" ? "py" : "mjs"}`,
  path: `/p/h${index}`,
  request: { language, code: "", platform: "aws-lambda", latency: {} },
  maxShare: 0.8,
  timeoutSource: "the flag",
});

/**
 * Simulators that take `loadMs` of real time on the first run of each engine family and `runMs`
 * on every run, recording which simulator ran which job: the pool's choices, not its speed.
 */
function fakes(loadMs: number, runMs = 0) {
  const ranBy = new Map<number, number>();
  let made = 0;
  const simulator = (): NodeSimulator => {
    const id = ++made;
    const loaded = new Set<string>();
    return {
      async simulate(request: SimulationRequest & { index?: number }) {
        const family = request.language === "python" ? "python" : "js";
        if (!loaded.has(family)) {
          loaded.add(family);
          await new Promise((r) => setTimeout(r, loadMs));
        }
        if (runMs) await new Promise((r) => setTimeout(r, runMs));
        ranBy.set(Number(request.filename), id);
        const result: SimulationResult = { verdict: "ok", platform: request.platform, deadlineSeconds: 3, elapsedSeconds: 0, line: null, error: null, platformMessage: null, stdout: "", timeline: [] };
        return { ...result, realMs: 0 };
      },
      warm: async () => 0,
      close: async () => {},
    } as unknown as NodeSimulator;
  };
  return { simulator, ranBy };
}

const numbered = (jobs: Job[]) => jobs.map((j) => ({ ...j, request: { ...j.request, filename: String(j.index) } }));

describe("runJobs", () => {
  test("runs every job once and returns the outcomes in the jobs' order, whatever order they ended in", async () => {
    const jobs = numbered([0, 1, 2, 3, 4, 5].map((i) => job(i, i % 2 ? "python" : "javascript")));
    const { simulator, ranBy } = fakes(5);
    const seen: number[] = [];
    const outcomes = await runJobs(jobs, { workers: 3, simulator, onOutcome: (o) => seen.push(o.job.index) });
    expect(outcomes.map((o) => o.job.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ranBy.size).toBe(6);
  });

  test("two families on two workers: each worker keeps to the engine it loaded", async () => {
    const jobs = numbered([0, 1, 2, 3, 4, 5, 6, 7].map((i) => job(i, i < 4 ? "python" : "javascript")));
    const { simulator, ranBy } = fakes(20);
    await runJobs(jobs, { workers: 2, simulator });
    const python = new Set([0, 1, 2, 3].map((i) => ranBy.get(i)));
    const js = new Set([4, 5, 6, 7].map((i) => ranBy.get(i)));
    expect(python.size).toBe(1);
    expect(js.size).toBe(1);
    expect([...python][0]).not.toBe([...js][0]);
  });

  test("a load far longer than the queue's runs: no second copy of the engine is loaded, and nothing is left undone", async () => {
    const jobs = numbered([0, 1, 2, 3].map((i) => job(i, "python")));
    const { simulator, ranBy } = fakes(300);
    const outcomes = await runJobs(jobs, { workers: 4, simulator });
    expect(outcomes).toHaveLength(4);
    expect(new Set(ranBy.values()).size).toBe(1);
  });

  test("a long queue of runs as slow as a load: a second worker loads a copy and shares the queue", async () => {
    const jobs = numbered(Array.from({ length: 12 }, (_, i) => job(i, "python")));
    const { simulator, ranBy } = fakes(20, 20);
    await runJobs(jobs, { workers: 2, simulator });
    expect(new Set(ranBy.values()).size).toBe(2);
  });

  test("an engine that fails to run reports an error row, and the queue goes on", async () => {
    const jobs = numbered([0, 1].map((i) => job(i, "javascript")));
    const simulator = (): NodeSimulator =>
      ({
        simulate: async (request: SimulationRequest) => {
          if (request.filename === "0") throw new Error("the project folder is gone");
          return { verdict: "ok", platform: "aws-lambda", deadlineSeconds: 3, elapsedSeconds: 0, line: null, error: null, platformMessage: null, stdout: "", timeline: [], realMs: 0 };
        },
        warm: async () => 0,
        close: async () => {},
      }) as unknown as NodeSimulator;
    const outcomes = await runJobs(jobs, { workers: 1, simulator });
    expect(outcomes[0]!.result.verdict).toBe("error");
    expect(outcomes[0]!.result.error?.message).toBe("the project folder is gone");
    expect(outcomes[1]!.result.verdict).toBe("ok");
  });
});
