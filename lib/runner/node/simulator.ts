// Runs simulations in Node worker_threads, so a handler that never yields cannot freeze the
// caller: engines stop runaway code themselves within a few real seconds, and when a worker
// stops answering at all it is terminated and a fresh one serves the next run. Python and
// JavaScript get a worker each: Pyodide's heap makes garbage-collection pauses of tens of ms,
// which a JS run on a CPU-clock platform (10 ms on Workers Free) would otherwise be billed.
import { Worker } from "node:worker_threads";
import { prepare, UsageError } from "../prepare";
import type { FromWorker, ToWorker } from "../protocol";
import type { Language, SimulationRequest, SimulationResult } from "../types";
import { projectProblem } from "./python-project";

export type NodeSimulatorOptions = {
  /** real milliseconds a run may take before the worker is killed (loading the engine is not counted) */
  hardLimitMs?: number;
};

/** Loading a runtime (Pyodide boots in 0.3–3 s, more on a loaded machine) has its own, wider limit. */
const LOAD_LIMIT_MS = 120_000;

type Pending = { resolve: (message: FromWorker) => void; timer: NodeJS.Timeout; worker: Worker };

const WORKER_URL = new URL("./worker-entry.mjs", import.meta.url);
const MEMORY_LIMIT_MB = 1024;

type Family = "python" | "js";

const familyOf = (language: Language): Family => (language === "python" ? "python" : "js");

export function createNodeSimulator({ hardLimitMs = 30_000 }: NodeSimulatorOptions = {}) {
  const workers = new Map<Family, Worker>();
  // Workers whose engine has loaded: a run's hard limit then counts the run alone.
  const ready = new WeakSet<Worker>();
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const spawn = (family: Family): Worker => {
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
      if (workers.get(family) === w) workers.delete(family);
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

  const send = (message: ToWorker, family: Family, limitMs = hardLimitMs): Promise<FromWorker> => {
    let w = workers.get(family);
    if (!w) {
      w = spawn(family);
      workers.set(family, w);
    }
    const worker = w;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(message.id);
        // The worker is wedged: kill it; the next run gets a fresh one.
        if (workers.get(family) === worker) workers.delete(family);
        void worker.terminate();
        resolve({ type: "failure", id: message.id, error: { name: "WorkerKilled", message: `no answer within ${limitMs} ms of real time` } });
      }, limitMs);
      pending.set(message.id, { resolve, timer, worker });
      worker.ref();
      worker.postMessage(message);
    }).finally(() => {
      if (![...pending.values()].some((p) => p.worker === worker)) worker.unref();
    }) as Promise<FromWorker>;
  };

  /** Loads the family's engine in its worker, if that worker has not yet; a failure is left to the run to report. */
  const load = async (family: Family, language: Language): Promise<void> => {
    const w = workers.get(family);
    if (w && ready.has(w)) return;
    const answer = await send({ type: "warm", id: nextId++, language }, family, Math.max(hardLimitMs, LOAD_LIMIT_MS));
    const now = workers.get(family);
    if (answer.type === "warmed" && now) ready.add(now);
  };

  return {
    /** Runs one handler. Throws UsageError for a request that cannot run as given. */
    async simulate(request: SimulationRequest): Promise<SimulationResult & { realMs: number }> {
      const { preset, engine, notes } = prepare(request);
      const problem = request.project ? projectProblem(request.project) : null;
      if (problem) throw new UsageError(problem);
      const started = performance.now();
      const family = familyOf(request.language);
      await load(family, request.language);
      const answer = await send({ type: "run", id: nextId++, request }, family);
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
      const answer = await send({ type: "warm", id: nextId++, language }, familyOf(language), Math.max(hardLimitMs, LOAD_LIMIT_MS));
      if (answer.type !== "warmed") throw new Error(answer.type === "failure" ? answer.error.message : "unexpected answer");
      const w = workers.get(familyOf(language));
      if (w) ready.add(w);
      return answer.realMs;
    },
    async close(): Promise<void> {
      const all = [...workers.values()];
      workers.clear();
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

export type NodeSimulator = ReturnType<typeof createNodeSimulator>;
