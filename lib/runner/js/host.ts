// The few real host facilities the engine needs, captured once when the engine is created so
// user code (which only ever sees virtual replacements) cannot reach or patch them. Only web APIs
// that exist in a browser Web Worker, a Node worker_thread and Deno are used; where the hosts
// differ (unhandled rejections), the adapter feature-detects instead of importing node:*.

import { calibrateCrypto, type CryptoRates } from "./crypto-cost";

export type AsyncFault = { kind: "rejection" | "exception"; reason: unknown };

export type Host = {
  /** Real monotonic milliseconds; measures CPU slices, never shown to user code. */
  realNow: () => number;
  /** Real epoch milliseconds, used once per run as the virtual clock's epoch. */
  epochNow: () => number;
  /** Resolves on a fresh macrotask: by then every microtask queued before the call has run. */
  hop: () => Promise<void>;
  /** Real cost of one idle hop, subtracted from each CPU slice so the engine's own overhead is not billed to the user. */
  hopCost: number;
  /** Waits real milliseconds (only used to let real host work finish, never for virtual time). */
  realSleep: (ms: number) => Promise<void>;
  queueMicrotask: (task: () => void) => void;
  /**
   * Marks the host busy (a run in progress) or idle. In Node a listening port keeps the thread
   * alive: needed while a run awaits hops, unwanted after it (a CLI would never exit).
   */
  busy: (active: boolean) => void;
  /** One listener at a time: the run in progress. */
  onAsyncFault: (listener: ((fault: AsyncFault) => void) | null) => void;
  randomUUID: () => string;
  /** this host's hash rates, for billing Web Crypto by the work it does (crypto-cost.ts); null without SubtleCrypto */
  cryptoRates: CryptoRates | null;
};

type FaultTarget = {
  addEventListener?: (type: string, listener: (event: Event & { reason?: unknown; error?: unknown }) => void) => void;
  process?: { on?: (event: string, listener: (reason: unknown) => void) => void };
};

export async function createHost(): Promise<Host> {
  const performanceRef = globalThis.performance;
  const realNow = () => performanceRef.now();
  const RealDate = Date;
  const epochNow = () => RealDate.now();
  const realSetTimeout = globalThis.setTimeout.bind(globalThis);
  const realQueueMicrotask = globalThis.queueMicrotask.bind(globalThis);
  const crypto = globalThis.crypto;

  // MessageChannel delivers a macrotask in browsers, workers, Node and Deno alike; unlike
  // setTimeout(0) it is not clamped to 1-4 ms, which keeps a run of thousands of virtual timers fast.
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  const port = channel.port1 as unknown as { ref?: () => void; unref?: () => void };
  let busyCount = 0;
  const busy = (active: boolean) => {
    busyCount += active ? 1 : -1;
    if (busyCount === 1 && active) port.ref?.();
    if (busyCount === 0) port.unref?.();
  };
  const hop = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });

  let listener: ((fault: AsyncFault) => void) | null = null;
  const target = globalThis as unknown as FaultTarget;
  if (typeof target.addEventListener === "function") {
    target.addEventListener("unhandledrejection", (event) => {
      event.preventDefault();
      listener?.({ kind: "rejection", reason: event.reason });
    });
    target.addEventListener("error", (event) => {
      event.preventDefault();
      listener?.({ kind: "exception", reason: event.error });
    });
  } else if (typeof target.process?.on === "function") {
    // Node worker_threads have no global addEventListener; their process emitter is per thread.
    target.process.on("unhandledRejection", (reason) => listener?.({ kind: "rejection", reason }));
    target.process.on("uncaughtException", (reason) => listener?.({ kind: "exception", reason }));
  }

  // Calibrate the engine's own per-hop overhead (the minimum is the hop itself, not noise).
  let hopCost = Infinity;
  busy(true);
  for (let i = 0; i < 40; i++) {
    const start = realNow();
    await hop();
    hopCost = Math.min(hopCost, realNow() - start);
  }
  const cryptoRates = await calibrateCrypto(crypto?.subtle, realNow);
  busy(false);

  return {
    realNow,
    epochNow,
    hop,
    hopCost: Number.isFinite(hopCost) ? hopCost : 0,
    busy,
    realSleep: (ms) => new Promise((resolve) => realSetTimeout(resolve, ms)),
    queueMicrotask: realQueueMicrotask,
    onAsyncFault: (next) => {
      listener = next;
    },
    cryptoRates,
    randomUUID: () =>
      typeof crypto?.randomUUID === "function"
        ? crypto.randomUUID()
        : "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
            const r = (Math.random() * 16) | 0;
            return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
          }),
  };
}
