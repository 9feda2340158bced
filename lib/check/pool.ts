// Runs the check's jobs across worker threads: one Node simulator (one worker_thread) per slot,
// each taking the next job. Loading an engine costs real time (Python's is a snapshot restore of
// about a second), so a worker takes jobs for an engine it has loaded first, then jobs for an
// engine no worker has loaded yet, and only then loads a second copy of one, when the time it
// measured for a load and for a run says the copy would finish the queue sooner. A worker with
// nothing worth taking waits for the next run to end and asks again, rather than leaving.
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
  // Per engine family: how many workers hold it, and the real time of first runs (load included)
  // and of later runs, to tell whether loading one more copy would finish the queue sooner.
  const holders = new Map<string, number>();
  const first: Record<string, number[]> = {};
  const later: Record<string, number[]> = {};
  const mean = (xs: number[] | undefined) => (xs?.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const worthAnotherCopy = (f: string): boolean => {
    const queued = pending.filter((job) => family(job) === f).length;
    const run = mean(later[f]);
    const load = mean(first[f]);
    // Nothing measured yet: the first copy is still loading; a second would only compete with it.
    if (run === null || load === null) return false;
    return (queued * run) / (holders.get(f) ?? 1) > Math.max(0, load - run);
  };
  let running = 0;
  const take = (loaded: Set<string>): Job | undefined => {
    let i = pending.findIndex((job) => loaded.has(family(job)));
    if (i < 0) i = pending.findIndex((job) => !holders.has(family(job)));
    if (i < 0) i = pending.findIndex((job) => worthAnotherCopy(family(job)));
    // Nobody is running anything (the others have stopped): someone has to load a copy.
    if (i < 0 && running === 0 && pending.length) i = 0;
    if (i < 0) return undefined;
    const job = pending.splice(i, 1)[0]!;
    if (!loaded.has(family(job))) holders.set(family(job), (holders.get(family(job)) ?? 0) + 1);
    // Counted here, not when the run starts: the next worker asks before this one resumes.
    running++;
    return job;
  };
  // Resolved each time a run ends: a waiting worker then weighs the queue again.
  let runEnded: () => void = () => {};
  let nextRunEnd = new Promise<void>((resolve) => (runEnded = resolve));
  const next = async (loaded: Set<string>): Promise<Job | undefined> => {
    for (;;) {
      const job = take(loaded);
      if (job || pending.length === 0) return job;
      await nextRunEnd;
    }
  };
  const slot = async () => {
    const sim = simulator();
    const loaded = new Set<string>();
    try {
      for (let job = await next(loaded); job; job = await next(loaded)) {
        const f = family(job);
        const isFirst = !loaded.has(f);
        loaded.add(f);
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
        (isFirst ? (first[f] ??= []) : (later[f] ??= [])).push(outcome.realMs);
        outcomes.push(outcome);
        running--;
        const ended = runEnded;
        nextRunEnd = new Promise<void>((resolve) => (runEnded = resolve));
        ended();
        onOutcome?.(outcome);
      }
    } finally {
      await sim.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, slot));
  return outcomes.sort((a, b) => a.job.index - b.job.index);
}
