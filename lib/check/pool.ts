// Runs the check's jobs across worker threads: one Node simulator (one worker_thread) per slot,
// each taking the next job. A worker that has loaded an engine (Python's costs a snapshot
// restore) takes jobs in that language first, so each engine loads in as few workers as it can.
import { createNodeSimulator, type NodeSimulator } from "../runner/node/simulator";
import type { SimulationResult } from "../runner/types";
import type { Job } from "./jobs";

export type Outcome = { job: Job; result: SimulationResult; realMs: number };

export type PoolOptions = {
  workers: number;
  /** a simulator per slot (tests and benchmarks may give their own) */
  simulator?: () => NodeSimulator;
  /** each outcome as it comes, in completion order */
  onOutcome?: (outcome: Outcome) => void;
};

const family = (job: Job) => (job.request.language === "python" ? "python" : "js");

export async function runJobs(jobs: readonly Job[], { workers, simulator = () => createNodeSimulator(), onOutcome }: PoolOptions): Promise<Outcome[]> {
  const pending = [...jobs];
  const outcomes: Outcome[] = [];
  const take = (loaded: Set<string>): Job | undefined => {
    const i = pending.findIndex((job) => loaded.has(family(job)));
    return pending.splice(i >= 0 ? i : 0, 1)[0];
  };
  const slot = async () => {
    const sim = simulator();
    const loaded = new Set<string>();
    try {
      for (let job = take(loaded); job; job = take(loaded)) {
        loaded.add(family(job));
        const started = performance.now();
        let result: SimulationResult;
        try {
          const { realMs: _realMs, ...rest } = await sim.simulate(job.request);
          result = rest;
        } catch (error) {
          // prepare() passed when the jobs were built; what is left is the project on disk
          // (a --python-path that is not a folder): reported on the run's row.
          result = { verdict: "error", platform: job.request.platform, deadlineSeconds: job.request.timeout ?? Number.NaN, elapsedSeconds: 0, line: null, error: { type: (error as Error).name, message: (error as Error).message, line: null }, platformMessage: null, stdout: "", timeline: [] };
        }
        const outcome = { job, result, realMs: performance.now() - started };
        outcomes.push(outcome);
        onOutcome?.(outcome);
      }
    } finally {
      await sim.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, slot));
  return outcomes.sort((a, b) => a.job.index - b.job.index);
}
