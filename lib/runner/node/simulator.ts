// Runs simulations in a Node worker_thread, so a handler that never yields cannot freeze the
// caller: engines stop runaway code themselves within a few real seconds, and when a worker
// stops answering at all it is terminated and a fresh one serves the next run.
import { Worker } from "node:worker_threads";
import { prepare, UsageError } from "../prepare";
import type { FromWorker, ToWorker } from "../protocol";
import type { Language, SimulationRequest, SimulationResult } from "../types";
import { projectProblem } from "./python-project";

export type NodeSimulatorOptions = {
  /** real milliseconds a run may take before the worker is killed (engine load included) */
  hardLimitMs?: number;
};

type Pending = { resolve: (message: FromWorker) => void; timer: NodeJS.Timeout; worker: Worker };

const WORKER_URL = new URL("./worker-entry.mjs", import.meta.url);
const MEMORY_LIMIT_MB = 1024;

export function createNodeSimulator({ hardLimitMs = 30_000 }: NodeSimulatorOptions = {}) {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const spawn = (): Worker => {
    // tsx compiles the worker's TypeScript; the CLI and tests run under it too.
    // A handler that allocates without end must crash this worker, not exhaust the machine.
    const w = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB } });
    w.on("message", (message: FromWorker) => {
      if (message.type === "progress") return;
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      clearTimeout(p.timer);
      p.resolve(message);
    });
    w.on("error", (error) => {
      const outOfMemory = /memory limit|heap out of memory/i.test(error.message);
      failAll(w, outOfMemory ? `the handler ran out of memory (the simulator allows ${MEMORY_LIMIT_MB} MB); on the platform it would be killed the same way` : error.message, outOfMemory ? "OutOfMemory" : "WorkerCrashed");
    });
    w.on("exit", () => {
      if (worker === w) worker = undefined;
      failAll(w, "the simulator's worker exited");
    });
    w.unref();
    return w;
  };

  // Only the runs sent to this worker: a killed worker's late "exit" must not fail the next run.
  const failAll = (w: Worker, message: string, name = "WorkerCrashed") => {
    for (const [id, p] of pending) {
      if (p.worker !== w) continue;
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve({ type: "failure", id, error: { name, message } });
    }
  };

  const send = (message: ToWorker): Promise<FromWorker> => {
    worker ??= spawn();
    const w = worker;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(message.id);
        // The worker is wedged: kill it; the next run gets a fresh one.
        worker = undefined;
        void w.terminate();
        resolve({ type: "failure", id: message.id, error: { name: "WorkerKilled", message: `no answer within ${hardLimitMs} ms of real time` } });
      }, hardLimitMs);
      pending.set(message.id, { resolve, timer, worker: w });
      w.ref();
      w.postMessage(message);
    }).finally(() => {
      if (![...pending.values()].some((p) => p.worker === w)) w.unref();
    }) as Promise<FromWorker>;
  };

  return {
    /** Runs one handler. Throws UsageError for a request that cannot run as given. */
    async simulate(request: SimulationRequest): Promise<SimulationResult & { realMs: number }> {
      const { preset, engine, notes } = prepare(request);
      const problem = request.project ? projectProblem(request.project) : null;
      if (problem) throw new UsageError(problem);
      const started = performance.now();
      const answer = await send({ type: "run", id: nextId++, request });
      if (answer.type === "result") return { ...answer.result, realMs: answer.realMs };
      if (answer.type === "failure" && answer.error.name === "UsageError") throw new UsageError(answer.error.message);
      const killed = answer.type === "failure" && answer.error.name === "WorkerKilled";
      // The engine could not finish the run: report what is known, never hang or crash the caller.
      return {
        verdict: killed ? "timeout" : "error",
        platform: preset.id,
        deadlineSeconds: engine.timeout,
        elapsedSeconds: killed ? engine.timeout : 0,
        line: null,
        error: answer.type === "failure" ? { type: answer.error.name, message: answer.error.message, line: null } : null,
        platformMessage: killed ? engine.message({ timeout: engine.timeout, elapsed: engine.timeout, requestId: "simulated", kind: "timeout" }) : null,
        stdout: "",
        timeline: [],
        ...(notes.length > 0 ? { notes } : {}),
        realMs: performance.now() - started,
      };
    },
    /** Loads a language's runtime ahead of the first run; resolves with the real milliseconds it took. */
    async warm(language: Language): Promise<number> {
      const answer = await send({ type: "warm", id: nextId++, language });
      if (answer.type !== "warmed") throw new Error(answer.type === "failure" ? answer.error.message : "unexpected answer");
      return answer.realMs;
    },
    async close(): Promise<void> {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

export type NodeSimulator = ReturnType<typeof createNodeSimulator>;
