// The page's side of the simulator, and the only trusted party in it. It owns the runner frame
// (an opaque-origin sandboxed iframe, frame.ts), hands it the runtime as bytes, and starts each
// run with an id and a fresh nonce. It believes a message only when it comes from that frame,
// matches the protocol's schema (protocol.ts), and carries the current run's id and nonce;
// everything else is ignored and counted. It guarantees an answer for every run: a run that has
// not answered RUN_LIMIT_MS after it started is stopped, and a frame that stops answering pings
// (its renderer crashed or ran out of memory) is replaced. Framework-free; the editor wraps it.
import { familyOf, FromFrame, parseResult, RunnerMessage, type Family, type PythonAssets, type ToFrame } from "../protocol";
import type { Language, SimulationRequest, SimulationResult } from "../types";
import { FRAME_URL, loadPythonAssets, loadWorkerSource, unlistenPythonAssets, type DownloadProgress } from "./assets";

export type RunProgress = { stage: string; loaded?: number; total?: number };

/** Messages that claimed to come from the simulator and were ignored: wrong run, shape or nonce. */
type Counted = { ignored: number };

export type RunOutcome = Counted &
  (
    | { kind: "result"; result: SimulationResult; realMs: number }
    /** Stop was pressed */
    | { kind: "stopped"; realMs: number }
    /** the simulator stopped the run from outside: it did not answer in time, or misbehaved */
    | { kind: "killed"; realMs: number; reason: string }
    /** the run answered with something that is not a result */
    | { kind: "invalid"; realMs: number }
    /** the sandbox itself stopped answering (its process crashed, e.g. out of memory) and was replaced */
    | { kind: "lost"; realMs: number }
    /** the simulator itself failed (bad request, runtime failed to load) */
    | { kind: "failure"; realMs: number; message: string }
  );

export type BrowserSimulatorOptions = {
  frameUrl?: string;
  /** real ms a run may take once the person's code has started, before it is stopped */
  runLimitMs?: number;
  /** real ms a run may spend loading its runtime before it is declared stuck */
  loadLimitMs?: number;
};

type Frame = {
  element: HTMLIFrameElement;
  ready: Promise<void>;
  /** the frame said it was ready (ready has resolved) */
  isReady: boolean;
  /** our end of the frame's channel, once it is ready */
  port?: MessagePort;
  sent: { worker: boolean; python: boolean };
  unanswered: number;
};

type Current = {
  id: number;
  nonce: string;
  family: Family;
  started: number;
  resolve: (outcome: RunOutcome) => void;
  onProgress: ((p: RunProgress) => void) | undefined;
  onOutput: ((text: string) => void) | undefined;
  watchdog: ReturnType<typeof setTimeout> | undefined;
  rejected: number;
  dropped: number;
  /** the worker said the person's code started: the frame that got the run is alive */
  began: boolean;
};

/**
 * The worker's own budgets end a run after 3.5 s of real time (simulator.worker.ts); this is the
 * page's backstop for code they cannot stop (a catastrophic regular expression, a native call).
 */
const RUN_LIMIT_MS = 4300;
const LOAD_LIMIT_MS = 90_000;
const PING_MS = 250;
/** between runs a ping goes every IDLE_EVERY ticks (1 s); during one, every tick */
const IDLE_EVERY = 4;
/**
 * Pings without an answer before the frame is declared lost: 2 s into a run, 3 s between runs.
 * Counted, not timed: a background tab's timers slow down, but its messages still arrive at once.
 */
const LOST_RUNNING = 8;
const LOST_IDLE = 3;
/** Real ms after a run ended by which the next spare worker is asked for, the page idle or not. */
const SPARE_LATEST_MS = 300;
/** How long a run waits for the frame to answer before it starts, or gets a new frame. */
const PREFLIGHT_MS = 1000;

export function createBrowserSimulator({ frameUrl = FRAME_URL, runLimitMs = RUN_LIMIT_MS, loadLimitMs = LOAD_LIMIT_MS }: BrowserSimulatorOptions = {}) {
  let frame: Frame | undefined;
  let current: Current | undefined;
  let nextId = 1;
  let pings = 0;
  let ticks = 0;
  /** preflight pings waiting for their pong, by number */
  const waiting = new Map<number, () => void>();
  /** messages from outside any run, or for runs long over */
  let strays = 0;
  const warm = new Set<Family>();
  /** families whose files are being fetched for prepare() */
  const preparing = new Set<Family>();
  let readyFrame: (() => void) | undefined;

  const post = (message: ToFrame) => (frame?.port ? frame.port.postMessage(message) : frame?.element.contentWindow?.postMessage(message, "*"));
  const elapsed = (run: Current) => performance.now() - run.started;
  const counted = (run: Current): Counted => ({ ignored: run.rejected + run.dropped });

  const finish = (outcome: RunOutcome) => {
    const run = current;
    if (!run) return;
    current = undefined;
    clearTimeout(run.watchdog);
    post({ type: "stop", id: run.id, answered: outcome.kind === "result" });
    run.resolve(outcome);
    // The frame boots the next run's worker when asked (frame.ts): once the page has shown the
    // verdict and its details and is idle, since booting takes the CPU that showing them needs;
    // SPARE_LATEST_MS at the latest. (Safari has no requestIdleCallback: after two frames.)
    const target = frame;
    const ask = () => {
      if (frame === target) post({ type: "prepare", family: run.family });
    };
    if (typeof requestIdleCallback === "function") requestIdleCallback(ask, { timeout: SPARE_LATEST_MS });
    else requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ask)));
  };

  const arm = (ms: number, reason: string) => {
    const run = current;
    if (!run) return;
    clearTimeout(run.watchdog);
    run.watchdog = setTimeout(() => {
      if (current !== run) return;
      finish({ kind: "killed", realMs: elapsed(run), reason, ...counted(run) });
      // A JS run stopped from outside may have been filling the frame's heap: an allocation
      // bomb takes the frame's process down a moment later, which would then be blamed on the
      // next run. The next run gets a new frame; removing this one also ends its process. A
      // Python run's memory is its wasm heap, which fails inside the worker (MemoryError), and
      // dropping its frame would cost the next run its runtime (and the page a long task).
      if (run.family === "js") dropFrame();
    }, ms);
  };

  const onMessage = (event: MessageEvent) => {
    if (!frame || event.source !== frame.element.contentWindow) return;
    receive(event.data);
  };

  /**
   * Gives the frame its end of a channel that the rest of its messages use (frame.ts says why):
   * what comes over our end is the frame's, as what comes from its window is.
   */
  const connect = (target: Frame) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (event: MessageEvent) => {
      if (frame === target) receive(event.data);
    };
    target.element.contentWindow?.postMessage({ type: "port" } satisfies ToFrame, "*", [port2]);
    target.port = port1;
  };

  const receive = (payload: unknown) => {
    const parsed = FromFrame.safeParse(payload);
    const run = current;
    if (!parsed.success) {
      if (run) run.rejected++;
      else strays++;
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case "ready":
        if (frame && !frame.isReady) {
          frame.isReady = true;
          connect(frame);
        }
        readyFrame?.();
        return;
      case "pong":
        if (frame) frame.unanswered = 0;
        waiting.get(message.n)?.();
        return;
      case "prepared":
        warm.add(message.family);
        return;
      case "prepare-failed":
        warm.delete(message.family);
        return;
    }
    if (!run || message.id !== run.id) {
      // A run long over, or an id never given: replayed or forged, never believed.
      if (run) run.rejected++;
      else strays++;
      return;
    }
    if (message.type === "dropped") {
      run.dropped = message.count;
      return;
    }
    if (message.type === "ended") {
      if (message.reason === "error") finish({ kind: "failure", realMs: elapsed(run), message: message.detail, ...counted(run) });
      else finish({ kind: "killed", realMs: elapsed(run), reason: message.detail, ...counted(run) });
      return;
    }
    run.dropped = Math.max(run.dropped, message.dropped);
    const inner = RunnerMessage.safeParse(message.message);
    if (!inner.success || inner.data.id !== run.id || inner.data.nonce !== run.nonce) {
      run.rejected++;
      return;
    }
    const data = inner.data;
    switch (data.type) {
      case "started":
        run.began = true;
        arm(runLimitMs, `stopped automatically: the run had not answered ${(runLimitMs / 1000).toFixed(1)} s of real time after it started (code the simulator cannot interrupt, such as a runaway regular expression, or memory filling faster than the simulator can stop it)`);
        return;
      case "progress":
        run.onProgress?.({ stage: data.stage });
        return;
      case "output":
        run.onOutput?.(data.text);
        return;
      case "failure":
        finish({ kind: "failure", realMs: elapsed(run), message: data.message, ...counted(run) });
        return;
      case "result": {
        const result = parseResult(data.json);
        warm.add(run.family);
        finish(result ? { kind: "result", result, realMs: elapsed(run), ...counted(run) } : { kind: "invalid", realMs: elapsed(run), ...counted(run) });
      }
    }
  };

  /** Drops the frame and all it held (workers, the Python snapshot): the next run gets a new one. */
  const dropFrame = () => {
    frame?.port?.close();
    frame?.element.remove();
    frame = undefined;
    warm.clear();
  };

  const replaceLostFrame = () => {
    const run = current;
    dropFrame();
    if (run) finish({ kind: "lost", realMs: elapsed(run), ...counted(run) });
  };

  const tick = () => {
    if (!frame) return;
    const running = current !== undefined;
    if (!running && ticks++ % IDLE_EVERY !== 0) return;
    if (frame.unanswered >= (running ? LOST_RUNNING : LOST_IDLE)) return replaceLostFrame();
    frame.unanswered++;
    post({ type: "ping", n: ++pings });
  };

  const supplied = (target: Frame, family: Family) => target.sent.worker && (family !== "python" || target.sent.python);

  /**
   * A frame can die after its last run ended: an allocation bomb that the page stopped takes its
   * process down a moment later. So the frame that was just given a run must answer a ping (or
   * start the run) within PREFLIGHT_MS; if it does neither, that death is repaired here, and the
   * run, which never started, goes to a new frame rather than being blamed for the crash. The
   * check runs beside the run, so a live frame costs the run nothing.
   */
  const confirm = async (target: Frame, run: Current, request: SimulationRequest) => {
    if (await answers(target, PREFLIGHT_MS)) return;
    if (current !== run || run.began || frame !== target) return;
    run.onProgress?.({ stage: "Restarting the sandbox" });
    dropFrame();
    try {
      const next = ensureFrame();
      await supply(next, run.family, run.onProgress);
      if (current !== run) return;
      post({ type: "run", id: run.id, nonce: run.nonce, request });
    } catch (error) {
      if (current === run) finish({ kind: "failure", realMs: elapsed(run), message: error instanceof Error ? error.message : String(error), ...counted(run) });
    }
  };

  /** Whether the frame answers a ping within ms: its process may have died since the last run. */
  const answers = (target: Frame, ms: number) =>
    new Promise<boolean>((resolve) => {
      const n = ++pings;
      const done = (alive: boolean) => {
        clearTimeout(timer);
        waiting.delete(n);
        resolve(alive);
      };
      const timer = setTimeout(() => done(false), ms);
      waiting.set(n, () => done(true));
      if (frame === target) post({ type: "ping", n });
      else done(false);
    });
  let ticker: ReturnType<typeof setInterval> | undefined;
  let listening = false;

  const ensureFrame = (): Frame => {
    if (frame) return frame;
    if (!listening) window.addEventListener("message", onMessage);
    listening = true;
    const element = document.createElement("iframe");
    // No allow-same-origin: the document gets an opaque origin, cross-origin to the page.
    element.setAttribute("sandbox", "allow-scripts");
    element.title = "Simulator sandbox";
    element.setAttribute("aria-hidden", "true");
    element.tabIndex = -1;
    element.style.cssText = "position:absolute;width:0;height:0;border:0;visibility:hidden";
    const ready = new Promise<void>((resolve) => {
      readyFrame = resolve;
    });
    element.src = frameUrl;
    document.body.append(element);
    frame = { element, ready, isReady: false, sent: { worker: false, python: false }, unanswered: 0 };
    ticker ??= setInterval(tick, PING_MS);
    return frame;
  };

  /** Hands the frame what a run of this family needs; bytes are kept (assets.ts) so a new frame gets them too. */
  const supply = async (target: Frame, family: Family, onProgress: ((p: RunProgress) => void) | undefined) => {
    const listener: DownloadProgress | undefined = onProgress && ((loaded, total) => onProgress({ stage: "Downloading the Python runtime", loaded, total }));
    let source: ArrayBuffer;
    let python: PythonAssets | undefined;
    try {
      [source, python] = await Promise.all([loadWorkerSource(), family === "python" ? loadPythonAssets(listener) : undefined]);
    } finally {
      if (listener) unlistenPythonAssets(listener);
    }
    await target.ready;
    if (frame !== target) throw new Error("the sandbox was replaced while loading");
    if (!target.sent.worker) {
      post({ type: "assets", worker: source });
      target.sent.worker = true;
    }
    if (python && !target.sent.python) {
      post({ type: "python-assets", files: python });
      target.sent.python = true;
    }
  };

  return {
    /** Whether a run in this language will start without loading a runtime first. */
    isWarm: (language: Language) => warm.has(familyOf(language)),
    get running() {
      return current !== undefined;
    },
    /** Messages that were ignored outside any run (a stray or replayed message). */
    get strays() {
      return strays;
    },
    /** onOutput hears the handler's output while it runs (capped, throttled: live-output.ts); the result holds all of it. */
    run(request: SimulationRequest, onProgress?: (p: RunProgress) => void, onOutput?: (text: string) => void): Promise<RunOutcome> {
      if (current) finish({ kind: "killed", realMs: elapsed(current), reason: "a new run replaced it", ...counted(current) });
      const id = nextId++;
      const family = familyOf(request.language);
      return new Promise<RunOutcome>((resolve) => {
        const run: Current = { id, nonce: crypto.randomUUID(), family, started: performance.now(), resolve, onProgress, onOutput, watchdog: undefined, rejected: 0, dropped: 0, began: false };
        current = run;
        arm(loadLimitMs, `the simulator did not start within ${Math.round(loadLimitMs / 1000)} s`);
        const send = (target: Frame) => {
          post({ type: "run", id, nonce: run.nonce, request });
          void confirm(target, run, request);
        };
        // Warm: the run is posted within the press's own task, before the page re-renders.
        if (frame?.isReady && supplied(frame, family)) return send(frame);
        void (async () => {
          try {
            const target = ensureFrame();
            await supply(target, family, onProgress);
            if (current !== run) return;
            if (family === "python" && !warm.has("python")) onProgress?.({ stage: "Starting Python" });
            send(target);
          } catch (error) {
            if (current === run) finish({ kind: "failure", realMs: elapsed(run), message: error instanceof Error ? error.message : String(error), ...counted(run) });
          }
        })();
      });
    },
    /**
     * Starts the runtime for this language ahead of the first run: downloads its files and has
     * the frame boot a worker with them (Python: the first boot, whose snapshot later workers
     * restore). Idempotent; a run that starts meanwhile waits for the same work instead of
     * repeating it.
     */
    prepare(language: Language) {
      const family = familyOf(language);
      if (preparing.has(family) || warm.has(family)) return;
      preparing.add(family);
      const target = ensureFrame();
      void supply(target, family, undefined)
        .then(() => {
          if (frame === target) post({ type: "prepare", family });
        })
        .catch(() => undefined)
        .finally(() => preparing.delete(family));
    },
    /** Stops the run in progress: its worker is terminated, wherever it was. */
    stop() {
      const run = current;
      if (run) finish({ kind: "stopped", realMs: elapsed(run), ...counted(run) });
    },
    dispose() {
      clearInterval(ticker);
      ticker = undefined;
      if (listening) window.removeEventListener("message", onMessage);
      listening = false;
      dropFrame();
    },
  };
}

export type BrowserSimulator = ReturnType<typeof createBrowserSimulator>;
