// The page's side of the simulator: owns the Web Worker, matches answers to requests, and
// guarantees an answer for every run even when user code never yields (the worker is then
// terminated and a fresh one takes the next run). Framework-free; the editor island wraps it.
import type { FromWorker, ToWorker } from "../protocol";
import type { Language, SimulationRequest, SimulationResult } from "../types";

export type RunProgress = { stage: string; loaded?: number; total?: number };

export type RunOutcome =
  | { kind: "result"; result: SimulationResult; realMs: number }
  /** Stop was pressed */
  | { kind: "stopped"; realMs: number }
  /** the worker stopped answering and was replaced */
  | { kind: "killed"; realMs: number; reason: string }
  /** the simulator itself failed (bad request, runtime failed to load) */
  | { kind: "failure"; realMs: number; message: string };

export type BrowserSimulatorOptions = {
  workerUrl?: string;
  /** real ms without any message from the worker before it is declared stuck */
  silenceLimitMs?: number;
};

type Pending = {
  resolve: (outcome: RunOutcome) => void;
  onProgress: ((p: RunProgress) => void) | undefined;
  started: number;
  language: Language;
  watchdog: ReturnType<typeof setTimeout> | undefined;
};

const STOP_GRACE_MS = 750;
const SIGINT = 2;

export function createBrowserSimulator({ workerUrl = "/runner/simulator.worker.js", silenceLimitMs = 15_000 }: BrowserSimulatorOptions = {}) {
  let worker: Worker | undefined;
  let nextId = 1;
  let current: { id: number; pending: Pending } | undefined;
  // Python polls this buffer: Stop interrupts it without discarding the warm runtime.
  const interrupt = typeof SharedArrayBuffer === "function" && globalThis.crossOriginIsolated ? new SharedArrayBuffer(4) : undefined;
  const warm = new Set<"python" | "js">();
  const family = (language: Language) => (language === "python" ? "python" : "js");

  const finish = (outcome: RunOutcome) => {
    const run = current;
    if (!run) return;
    current = undefined;
    clearTimeout(run.pending.watchdog);
    run.pending.resolve(outcome);
  };

  const kill = (reason: string) => {
    worker?.terminate();
    worker = undefined;
    warm.clear();
    const run = current;
    if (run) finish({ kind: "killed", realMs: performance.now() - run.pending.started, reason });
  };

  const armWatchdog = () => {
    const run = current;
    if (!run) return;
    clearTimeout(run.pending.watchdog);
    run.pending.watchdog = setTimeout(() => kill(`the handler did not yield for ${Math.round(silenceLimitMs / 1000)} s of real time`), silenceLimitMs);
  };

  const spawn = (): Worker => {
    const w = new Worker(workerUrl, { type: "module", name: "deadline-simulator" });
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      const run = current;
      if (!run || message.id !== run.id) return;
      if (message.type === "progress") {
        armWatchdog();
        run.pending.onProgress?.({ stage: message.stage, ...(message.loaded !== undefined ? { loaded: message.loaded } : {}), ...(message.total !== undefined ? { total: message.total } : {}) });
        return;
      }
      const realMs = performance.now() - run.pending.started;
      if (message.type === "result") {
        warm.add(family(run.pending.language));
        finish({ kind: "result", result: message.result, realMs });
      } else if (message.type === "failure") finish({ kind: "failure", realMs, message: message.error.message });
    };
    w.onerror = (event) => {
      event.preventDefault();
      kill(event.message || "the simulator's worker failed");
    };
    if (interrupt) w.postMessage({ type: "configure", id: 0, interrupt } satisfies ToWorker);
    return w;
  };

  return {
    /** Whether a run in this language will start without loading a runtime first. */
    isWarm: (language: Language) => warm.has(family(language)),
    get running() {
      return current !== undefined;
    },
    run(request: SimulationRequest, onProgress?: (p: RunProgress) => void): Promise<RunOutcome> {
      if (current) kill("a new run replaced it");
      worker ??= spawn();
      const id = nextId++;
      return new Promise<RunOutcome>((resolve) => {
        current = { id, pending: { resolve, onProgress, started: performance.now(), language: request.language, watchdog: undefined } };
        armWatchdog();
        if (interrupt) Atomics.store(new Int32Array(interrupt), 0, 0);
        worker!.postMessage({ type: "run", id, request } satisfies ToWorker);
      });
    },
    /** Stops the run in progress: Python is interrupted in place, anything else restarts the worker. */
    stop() {
      const run = current;
      if (!run) return;
      const stopped = () => finish({ kind: "stopped", realMs: performance.now() - run.pending.started });
      if (interrupt && run.pending.language === "python" && warm.has("python")) {
        Atomics.store(new Int32Array(interrupt), 0, SIGINT);
        // The interpreter answers at its next check; if it does not, fall back to a restart.
        const resolve = run.pending.resolve;
        run.pending.resolve = () => resolve({ kind: "stopped", realMs: performance.now() - run.pending.started });
        setTimeout(() => {
          if (current === run) {
            kill("stopped");
            resolve({ kind: "stopped", realMs: performance.now() - run.pending.started });
          }
        }, STOP_GRACE_MS);
        return;
      }
      worker?.terminate();
      worker = undefined;
      warm.clear();
      stopped();
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
    },
  };
}

export type BrowserSimulator = ReturnType<typeof createBrowserSimulator>;
