// The Python engine of the simulator. Runs inside a worker (browser Web Worker or Node
// worker_thread), so it touches only Pyodide and web-standard globals; Node-only loading lives in
// load-node.ts. The simulation itself is Python (./shims): a virtual clock, asyncio on virtual
// time, stubs for runpod and HTTP clients. This file installs the shims, drives one run at a time
// and shapes the result into the shared contract.
import type { PyodideInterface } from "pyodide";
import { hostOf } from "../latency";
import { createCostModel, createResponder, worldOf } from "../world";
import type { EnginePreset, RunHooks } from "../engine";
import type { MessageContext } from "../platforms";
import type { ProjectSpec, RequestOutcome, SimulationRequest, SimulationResult } from "../types";
import { SHIM_SOURCES } from "./shim-sources.generated";

/** Where the shims live in Pyodide's in-memory filesystem; shims/_deadline/imports.py expects it. */
const SHIM_ROOT = "/deadline";

/** Real milliseconds between two runaway checks inside the interpreter. */
const TICK_MS = 5;

/** Interrupt-buffer reads per look at the clock. */
const CLOCK_STRIDE = 64;

/** Real seconds of execution after which code that never waits is declared runaway. */
const DEFAULT_REAL_GUARD_SECONDS = 3;

/**
 * What the engine needs from a platform preset (lib/runner/engine.ts); `initTimeout` optionally
 * bounds module-level code when it does not count toward `timeout`.
 */
export type PythonPreset = EnginePreset;

/** What `name` is inside `dir` of a handler's project (see lib/runner/node/python-project.ts). */
export type ProjectEntry = {
  kind: "module" | "package" | "namespace";
  /** the .py file of a module, the folder of a package or namespace package */
  path: string;
  /** a file of native code that makes it unloadable (.so, .pyd, or one its RECORD lists) */
  native?: string;
};

/**
 * Synchronous, read-only access to a handler's project, built per request by a Node host. The
 * browser engine gets none, so it never imports Node modules.
 */
export type ProjectFiles = {
  /** the package name when the project's root folder is itself a package (holds __init__.py) */
  package: string | null;
  lookup(dir: string, name: string): ProjectEntry | null;
  /** a file's UTF-8 text; throws an Error whose message names the file and the cap it passes */
  read(path: string): string;
};

export type PythonEngineOptions = {
  /** Builds the file provider for a request's project; without it request.project is ignored. */
  projectFiles?: (project: ProjectSpec) => ProjectFiles;
  /** Real seconds of CPU without any wait before a run is stopped as runaway (default 3). */
  realGuardSeconds?: number;
  /**
   * Real seconds a whole run may take before the simulator gives up with a SimulationLimit error
   * (default: no limit). The browser sets one so that every run answers within seconds.
   */
  realBudgetSeconds?: number;
  /**
   * The host's own interrupt buffer (a SharedArrayBuffer-backed Int32Array), if it uses one: the
   * engine takes over Pyodide's interrupt buffer during a run and forwards what the host writes.
   */
  interruptBuffer?: Int32Array;
  /**
   * The interpreter was restored from a snapshot taken after createPythonEngine had set it up
   * (lib/runner/python/load-node.ts): the standard library is imported, the stubs compiled and the
   * collector frozen already, so warm_up is not run again. Its files are written all the same.
   */
  warmedUp?: boolean;
};

export type PythonEngine = {
  run(request: SimulationRequest, preset: PythonPreset, hooks?: RunHooks): Promise<SimulationResult>;
};

type PlatformDetail = Pick<MessageContext, "entryName" | "limit" | "limitText" | "request" | "workerClass" | "responseStarted">;

/** What the Python runner returns: a result without the platform's text, which TS formats. */
type PythonRun = Omit<SimulationResult, "platformMessage" | "deadlineSeconds" | "requests"> & {
  /** null when the run never got a finite limit */
  deadlineSeconds: number | null;
  /** what the platform's text needs besides the figures: the entry's own name, the limit that ended it */
  platformDetail?: PlatformDetail;
  requests?: Omit<RequestOutcome, "platformMessage">[];
};

/**
 * What the Python shims ask of the world rules (lib/runner/world), so both engines answer alike.
 * Values cross as JSON strings: cheaper and simpler than proxying objects through Pyodide.
 */
export type WorldBridge = {
  latencyFor(url: string): number;
  hostOf(url: string): string;
  /** the matching response rule's Answer as JSON, or "" when no rule applies */
  respond(method: string, url: string, now: number): string;
  /** what respond() would answer, without using the answer up (a database connect), or "" */
  peek(method: string, url: string, now: number): string;
  /** the default Answer as JSON */
  fallback(url: string): string;
  /** {seconds, pattern} as JSON for a call known by these names (a JSON list), or "" */
  costOf(namesJson: string): string;
  isModelled(module: string): boolean;
  /** the ProjectEntry as JSON, or "" when nothing by that name is there */
  projectLookup(dir: string, name: string): string;
  /** {"text"} or {"error"} as JSON */
  projectRead(path: string): string;
  /** output written since the last call, sent at most every LIVE_INTERVAL (runner.py) when the config asks for liveOutput */
  output(text: string): void;
};

type PythonRunner = { run(configJson: string, bridge: WorldBridge): string };

function installShims(pyodide: PyodideInterface, warm: boolean): void {
  // Pyodide's file system lives outside the wasm memory, so even an interpreter restored from a
  // snapshot that has the shims imported needs their files again (stubs load from them per run).
  const files = Object.entries(SHIM_SOURCES).map(([path, source]) => [`${SHIM_ROOT}/${path}`, source] as const);
  for (const dir of new Set(files.map(([full]) => full.slice(0, full.lastIndexOf("/"))))) pyodide.FS.mkdirTree(dir);
  for (const [full, source] of files) pyodide.FS.writeFile(full, source);
  pyodide.runPython(`
import sys
if ${JSON.stringify(SHIM_ROOT)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(SHIM_ROOT)})
import _deadline.runner
${warm ? "_deadline.runner.warm_up()" : ""}
`);
}

/**
 * CPython polls Pyodide's interrupt buffer (reads index 0, then writes 0) every few dozen
 * bytecodes. Reading our object costs one clock check, and every TICK_MS it answers with the
 * guard's signal, so the Python guard runs in whatever frame is executing, with no per-bytecode
 * cost to the code being measured.
 */
function guardBuffer(signal: number, host: Int32Array | undefined): { 0: number } {
  let next = 0;
  let reads = 0;
  return {
    get 0(): number {
      if (host) {
        const pending = Atomics.load(host, 0);
        if (pending !== 0) {
          Atomics.store(host, 0, 0);
          return pending;
        }
      }
      // The interpreter reads this far more often than the clock needs asking: a browser
      // worker's performance.now() costs about 0.5 µs, which a loop of short sleeps would pay
      // millions of times (CLOCK_STRIDE reads still come well within one tick).
      if (++reads % CLOCK_STRIDE !== 0) return 0;
      const now = performance.now();
      if (now >= next) {
        next = now + TICK_MS;
        return signal;
      }
      return 0;
    },
    set 0(_value: number) {},
  };
}

/**
 * Every timed-out request's text, in the order the platform would log them (by when each was cut
 * off), each once: one worker killed with three requests on it is one WORKER TIMEOUT.
 */
function timedOutTexts(requests: readonly RequestOutcome[]): string | null {
  const cut = requests
    .filter((r) => r.verdict === "timeout" && r.platformMessage)
    .sort((a, b) => a.elapsedSeconds - b.elapsedSeconds || a.index - b.index)
    .map((r) => r.platformMessage as string);
  return cut.length > 0 ? [...new Set(cut)].join("\n") : null;
}

function moduleNameFor(preset: PythonPreset, filename: string): string {
  // Lambda imports the handler file as a module named after it; RunPod workers run it as a
  // script (`python handler.py`), where `if __name__ == "__main__":` blocks do run.
  if (!preset.id.startsWith("aws-lambda")) return "__main__";
  const base = filename.slice(filename.lastIndexOf("/") + 1);
  return base.endsWith(".py") ? base.slice(0, -3) : base;
}

export function createPythonEngine(pyodide: PyodideInterface, options: PythonEngineOptions = {}): PythonEngine {
  installShims(pyodide, !options.warmedUp);
  const runner = pyodide.pyimport("_deadline.runner") as PythonRunner;
  const signal = Number(pyodide.runPython("import _deadline.guard; _deadline.guard.GUARD_SIGNAL"));
  const realGuardSeconds = options.realGuardSeconds ?? DEFAULT_REAL_GUARD_SECONDS;
  // One run at a time: the interpreter, its clock patches and its sys.modules are shared.
  let queue: Promise<unknown> = Promise.resolve();
  // Set once Pyodide has hit a fatal error: the interpreter is gone and the host must load a new one.
  let crashed: string | null = null;

  function runNow(request: SimulationRequest, preset: PythonPreset, hooks: RunHooks = {}): SimulationResult {
    if (crashed !== null) {
      throw new Error(`the Python engine crashed earlier (${crashed}); create a new one`);
    }
    if (request.language !== "python") {
      throw new Error(`the Python engine cannot run ${request.language}`);
    }
    const filename = request.filename ?? "handler.py";
    const timeout = request.timeout ?? preset.timeout;
    const world = worldOf(request);
    const responder = createResponder(world);
    const costs = createCostModel(world);
    // Deterministic within a run, fresh for each: the job / Lambda context and the platform's
    // timeout text name the same request.
    const requestId = globalThis.crypto.randomUUID();
    const files = request.project && options.projectFiles ? options.projectFiles(request.project) : null;
    const config = {
      requestId,
      code: request.code,
      filename,
      moduleName: moduleNameFor(preset, filename),
      platform: request.platform,
      clock: preset.clock,
      // null: no limit unless the code sets one (Celery); a runtime stub reads it from the code.
      timeout: Number.isFinite(timeout) ? timeout : null,
      // A limit in the code (Modal's timeout=) applies unless the request gave one.
      timeoutGiven: request.timeout !== undefined,
      noLimit: preset.noLimit ?? null,
      countsInit: preset.countsInit,
      initTimeout: preset.initTimeout ?? null,
      realGuardSeconds,
      realBudgetSeconds: options.realBudgetSeconds ?? null,
      event: request.event ?? {},
      handler: request.handler ?? null,
      // Which of the platform's limits the timeout is (Celery's "soft" plan: --soft-time-limit).
      plan: preset.plan ?? request.plan ?? null,
      concurrency: request.concurrency ?? 1,
      // A proxy's read timeout (nginx, Cloudflare): every part of the response restarts the deadline.
      deadlineBetweenReads: preset.deadlineBetweenReads ?? false,
      // The platform's variables, then the request's (prepare.ts merges them).
      env: preset.env ?? {},
      model: request.model ?? [],
      startedAt: request.startedAt ?? null,
      // Python hands its output over only when the host listens (a crossing into JS per flush).
      liveOutput: hooks.onOutput !== undefined,
      project: files && request.project ? { root: request.project.root, pythonPath: request.project.pythonPath ?? [], package: files.package } : null,
    };
    const bridge: WorldBridge = {
      latencyFor: (url) => responder.latency(url),
      hostOf,
      respond: (method, url, now) => {
        const answer = responder.match(method, url, now);
        return answer ? JSON.stringify(answer) : "";
      },
      peek: (method, url, now) => {
        const answer = responder.peek(method, url, now);
        return answer ? JSON.stringify(answer) : "";
      },
      fallback: (url) => JSON.stringify(responder.fallback(url)),
      costOf: (namesJson) => {
        const match = costs.costOf(JSON.parse(namesJson) as string[]);
        return match ? JSON.stringify(match) : "";
      },
      isModelled: (module) => costs.isModelled(module),
      projectLookup: (dir, name) => {
        const found = files?.lookup(dir, name);
        return found ? JSON.stringify(found) : "";
      },
      output: (text) => hooks.onOutput?.(String(text)),
      projectRead: (path) => {
        if (!files) return JSON.stringify({ error: "this host reads no project files" });
        try {
          return JSON.stringify({ text: files.read(path) });
        } catch (error) {
          return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
        }
      },
    };

    // The interrupt buffer only has to answer index 0; Pyodide's type asks for a TypedArray.
    pyodide.setInterruptBuffer(guardBuffer(signal, options.interruptBuffer) as unknown as Int32Array);
    let output: PythonRun;
    try {
      output = JSON.parse(runner.run(JSON.stringify(config), bridge)) as PythonRun;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if ((error as { pyodide_fatal_error?: boolean }).pyodide_fatal_error) crashed = message;
      return {
        verdict: "error",
        platform: request.platform,
        deadlineSeconds: timeout,
        elapsedSeconds: 0,
        line: null,
        error: { type: "SimulatorError", message: `the simulator failed: ${message}`, line: null },
        platformMessage: null,
        stdout: "",
        timeline: [],
      };
    } finally {
      if (crashed === null) pyodide.setInterruptBuffer(options.interruptBuffer as Int32Array);
    }

    const deadlineSeconds = output.deadlineSeconds ?? Number.POSITIVE_INFINITY;
    const textFor = (elapsed: number, id = requestId) =>
      preset.message({ timeout: deadlineSeconds, elapsed, requestId: id, kind: "timeout", ...output.platformDetail });
    // Each simultaneous request has an id of its own (Heroku's request_id); the first keeps the run's.
    const requests = output.requests?.map((r): RequestOutcome => ({
      ...r,
      platformMessage: r.verdict === "timeout" ? textFor(r.elapsedSeconds, r.index === 1 ? requestId : globalThis.crypto.randomUUID()) : null,
    }));
    const result: SimulationResult = {
      verdict: output.verdict,
      platform: output.platform,
      deadlineSeconds,
      elapsedSeconds: output.elapsedSeconds,
      line: output.line,
      error: output.error,
      platformMessage: output.verdict !== "timeout" ? null : requests ? timedOutTexts(requests) : textFor(output.elapsedSeconds),
      stdout: output.stdout,
      timeline: output.timeline,
    };
    if (requests) result.requests = requests;
    if ("result" in output) result.result = output.result;
    if (output.runaway) result.runaway = true;
    if (output.notes?.length) result.notes = output.notes;
    if (output.truncated) result.truncated = output.truncated;
    return result;
  }

  return {
    run(request, preset, hooks) {
      const next = queue.then(() => runNow(request, preset, hooks));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
