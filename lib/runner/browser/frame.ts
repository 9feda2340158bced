// THE RUNNER FRAME: the boundary between the page and the person's code.
//
// Bundled by scripts/prepare-runtime-assets.ts into public/runtime/runner/<hash>/frame.html as its only (inline)
// script. The page embeds that document as <iframe sandbox="allow-scripts">, so it has an opaque
// origin, and its CSP (next.config.mjs) says connect-src 'none', worker-src data:, no 'self'
// anywhere. Each run's worker starts from a data: URL, so it has an opaque origin of its own:
// no other context shares it (no BroadcastChannel peer, even in principle), and unlike a blob:
// worker of an opaque origin it is a secure context (crypto.subtle works). What that guarantees, enforced by the browser rather than by this code:
//   - no request of any kind leaves this frame or its workers (fetch, XHR, WebSocket,
//     EventSource, import() of URLs, sendBeacon): it cannot even fetch its own runtime, which
//     the page hands over as bytes;
//   - no storage: an opaque origin has no IndexedDB, Cache Storage, cookies or OPFS, and nothing
//     it holds outlives the frame;
//   - no reach into the page: it is cross-origin to it, so it can only postMessage, and Chromium
//     runs it in a renderer process of its own (a crash or an out-of-memory kill takes this frame
//     down, never the page).
// What this code adds: each run gets a worker of its own, prepared before the run and terminated
// after it, so nothing one run does can reach another; and whatever the worker posts is data to
// check (shape and size) before it is relayed, never an instruction. Once the person's code has
// run in a worker, that worker can post anything; the page decides what counts (protocol.ts).
// What it does not guarantee: that a run's verdict is honest. The simulator runs in the same
// worker as the code it judges, so that code can fool its own verdict (and nothing else).
import type { Family, PythonAssets, RunnerControl, ToFrame, ToRunner } from "../protocol";
import { MAX_RELAYED_CHARS } from "../result-limits";

type Spare = { worker: Worker; family: Family; ready: Promise<void> };
type Run = { worker: Worker; family: Family; dropped: number; relayed: number; messages: number; reported: number; flush: ReturnType<typeof setTimeout> | undefined };

/** Messages a run may have dropped, or characters it may have relayed, before it is stopped. */
const MAX_DROPPED = 500;
/**
 * The simulator's own worker posts three or four messages a run, plus live output at most every
 * 100 ms (live-output.ts) of a run the page ends within 4.3 s: under 50. Past this many, none is relayed.
 */
const MAX_RELAYED_MESSAGES = 100;
const MAX_RELAYED_TOTAL = 4 * MAX_RELAYED_CHARS;
/** Longest string field the frame relays, besides a result's JSON. */
const MAX_FIELD_CHARS = 4000;

const parentOrigin = new URL(location.href).origin;
/**
 * The page's end of a MessageChannel it hands over once this frame is ready: messages on it go
 * straight between the two renderer processes, where window.postMessage to a frame of another
 * process is routed through the browser's UI thread, which a click keeps busy for tens of ms.
 * Held here only, never given to a worker. Before it arrives, the window carries the messages.
 */
let port: MessagePort | undefined;
const toParent = (message: unknown) => (port ? port.postMessage(message) : parent.postMessage(message, parentOrigin));

/** The worker's own code, which the page hands over (the worker evaluates it first thing). */
let workerSource: string | undefined;
/**
 * A data: worker's first message is its code: the bootstrap loads it from a blob: URL made in
 * the worker's own origin (a data: URL of the whole engine would pass Chromium's 2 MB URL limit).
 */
const BOOTSTRAP = `data:text/javascript,${encodeURIComponent("onmessage=(e)=>{onmessage=null;importScripts(URL.createObjectURL(new Blob([e.data],{type:'text/javascript'})))}")}`;
const waitingForWorker: Array<() => void> = [];
let python: { files: PythonAssets; module: Promise<WebAssembly.Module>; snapshot?: Uint8Array } | undefined;
const waitingForPython: Array<() => void> = [];
const spares: Partial<Record<Family, Spare>> = {};
const runs = new Map<number, Run>();
/** runs stopped before their worker was ready */
const cancelled = new Set<number>();

const until = (ready: () => boolean, queue: Array<() => void>) => (ready() ? Promise.resolve() : new Promise<void>((resolve) => queue.push(resolve)));

function initFor(family: Family, module: WebAssembly.Module | undefined): ToRunner {
  if (family === "js") return { type: "init", family };
  const files = python!.files;
  return {
    type: "init",
    family,
    module: module!,
    loader: files.loader,
    asm: files.asm,
    stdlib: files.stdlib,
    lock: files.lock,
    ...(python!.snapshot ? { snapshot: python!.snapshot } : {}),
  };
}

function spawn(family: Family): Spare {
  const spare = { family } as Spare;
  spare.ready = (async () => {
    await until(() => workerSource !== undefined, waitingForWorker);
    if (family === "python") await until(() => python !== undefined, waitingForPython);
    const module = family === "python" ? await python!.module : undefined;
    const worker = new Worker(BOOTSTRAP, { name: `deadline-${family}` });
    spare.worker = worker;
    worker.postMessage(workerSource);
    await new Promise<void>((resolve, reject) => {
      // Before it is given a run, the worker holds only our code: its word is trusted here.
      worker.onmessage = (event: MessageEvent<RunnerControl>) => {
        const data = event.data;
        if (data?.type === "prepared") {
          if (family === "python" && data.snapshot instanceof Uint8Array && python && !python.snapshot) python.snapshot = data.snapshot;
          resolve();
        } else if (data?.type === "prepare-failed") reject(new Error(String(data.message).slice(0, MAX_FIELD_CHARS)));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || "the simulator's worker failed to start"));
      };
      worker.postMessage(initFor(family, module));
    });
    toParent({ type: "prepared", family });
  })();
  spare.ready.catch((error: unknown) => {
    if (spares[family] === spare) spares[family] = undefined;
    spare.worker?.terminate();
    toParent({ type: "prepare-failed", family, message: error instanceof Error ? error.message : String(error) });
  });
  return spare;
}

/** families the page asked to prepare while a run was in progress */
const deferred = new Set<Family>();

/**
 * Boots a spare worker for the family, unless a run is in progress: booting takes CPU, and a
 * run's CPU time is what the simulator measures (a CPU-clock platform bills it). A family asked
 * for meanwhile is booted with the next spare the page asks for, which it does after each run.
 */
function prepare(family: Family): void {
  terminateRetired();
  if (runs.size > 0) {
    deferred.add(family);
    return;
  }
  spares[family] ??= spawn(family);
  for (const other of [...deferred]) {
    deferred.delete(other);
    spares[other] ??= spawn(other);
  }
}

/** A flat object of short primitive fields, rebuilt from what the worker posted; null otherwise. */
function envelope(data: unknown): Record<string, string | number | boolean | null> | null {
  if (typeof data !== "object" || data === null || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) return null;
  const keys = Object.keys(data);
  if (keys.length > 8) return null;
  const out: Record<string, string | number | boolean | null> = {};
  for (const key of keys) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === "string") {
      if (value.length > (key === "json" ? MAX_RELAYED_CHARS : MAX_FIELD_CHARS)) return null;
    } else if (!(typeof value === "number" || typeof value === "boolean" || value === null)) return null;
    out[key] = value as string | number | boolean | null;
  }
  return out;
}

/**
 * Workers whose run answered, kept until the page asks for the next spare or RETIRE_MS pass:
 * ending a Python worker frees its whole heap, tens of ms of CPU that the page needs to show the
 * verdict. They hold nothing the page listens to any more.
 */
const retired = new Set<Worker>();
const RETIRE_MS = 500;

function retire(worker: Worker): void {
  worker.onmessage = null;
  worker.onmessageerror = null;
  worker.onerror = (event) => event.preventDefault();
  retired.add(worker);
  setTimeout(() => terminateRetired(), RETIRE_MS);
}

function terminateRetired(): void {
  for (const worker of retired) worker.terminate();
  retired.clear();
}

function end(id: number, reason: "error" | "stopped" | "oversized" | "flood", detail: string, answered = false): void {
  const run = runs.get(id);
  if (run) {
    if (answered) retire(run.worker);
    else run.worker.terminate();
    clearTimeout(run.flush);
    if (run.dropped > run.reported) toParent({ type: "dropped", id, count: run.dropped });
    runs.delete(id);
    // The next run of this family gets a fresh worker, but not now: the page asks for it once
    // this run's verdict is on screen (client.ts), since booting one (about 60 ms of copying
    // the runtime here and a few hundred in the worker) takes the CPU the page needs to show it.
    // A run that comes first boots its own.
  }
  if (reason !== "stopped") toParent({ type: "ended", id, reason, detail: detail.slice(0, MAX_FIELD_CHARS) });
}

function drop(id: number, run: Run): void {
  run.dropped++;
  if (run.dropped > MAX_DROPPED) return end(id, "flood", `the handler posted over ${MAX_DROPPED} messages the simulator does not send`);
  // Reported at most every 200 ms: a flood must not become a flood of reports.
  run.flush ??= setTimeout(() => {
    run.flush = undefined;
    run.reported = run.dropped;
    toParent({ type: "dropped", id, count: run.dropped });
  }, 200);
}

async function start(id: number, nonce: string, request: Extract<ToFrame, { type: "run" }>["request"]): Promise<void> {
  const family: Family = request.language === "python" ? "python" : "js";
  // nothing of an earlier run competes with this one for the CPU
  terminateRetired();
  const spare = spares[family] ?? spawn(family);
  spares[family] = undefined;
  try {
    await spare.ready;
  } catch (error) {
    toParent({ type: "ended", id, reason: "error", detail: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (cancelled.delete(id)) {
    spare.worker.terminate();
    prepare(family);
    return;
  }
  const worker = spare.worker;
  const run: Run = { worker, family, dropped: 0, relayed: 0, messages: 0, reported: 0, flush: undefined };
  runs.set(id, run);
  worker.onmessage = (event) => {
    if (runs.get(id) !== run) return;
    const message = envelope(event.data);
    if (!message) {
      if (typeof event.data === "object" && event.data !== null && typeof (event.data as { json?: unknown }).json === "string") {
        return end(id, "oversized", "the handler posted a message larger than any result the simulator sends");
      }
      return drop(id, run);
    }
    if (++run.messages > MAX_RELAYED_MESSAGES) return drop(id, run);
    run.relayed += typeof message.json === "string" ? message.json.length : 0;
    if (run.relayed > MAX_RELAYED_TOTAL) return end(id, "flood", "the handler posted more data than the simulator ever sends");
    // The count so far travels with each message, so the page knows it when the result arrives.
    toParent({ type: "runner", id, message, dropped: run.dropped });
  };
  worker.onmessageerror = () => drop(id, run);
  worker.onerror = (event) => {
    event.preventDefault();
    end(id, "error", event.message || "the simulator's worker failed");
  };
  worker.postMessage({ type: "run", id, nonce, request } satisfies ToRunner);
}

function receive(message: ToFrame | undefined): void {
  switch (message?.type) {
    case "ping":
      toParent({ type: "pong", n: message.n });
      return;
    case "assets":
      workerSource = new TextDecoder().decode(message.worker);
      for (const resolve of waitingForWorker.splice(0)) resolve();
      return;
    case "python-assets":
      if (python) return;
      python = { files: message.files, module: WebAssembly.compile(message.files.wasm) };
      python.module.catch(() => undefined);
      for (const resolve of waitingForPython.splice(0)) resolve();
      return;
    case "prepare":
      prepare(message.family);
      return;
    case "run":
      void start(message.id, message.nonce, message.request);
      return;
    case "stop": {
      const run = runs.get(message.id);
      if (!run) {
        cancelled.add(message.id);
        return;
      }
      end(message.id, "stopped", "", message.answered === true);
      return;
    }
  }
}

window.addEventListener("message", (event: MessageEvent<ToFrame>) => {
  if (event.source !== parent || event.origin !== parentOrigin) return;
  if (event.data?.type === "port") {
    if (port || !event.ports[0]) return;
    port = event.ports[0];
    port.onmessage = (e: MessageEvent<ToFrame>) => receive(e.data);
    return;
  }
  receive(event.data);
});

toParent({ type: "ready" });
