// Virtual replacements for everything that tells or waits for time: timers, Date, performance,
// process.hrtime and node:timers/promises. All read one clock (VirtualLoop.now), so after a
// 2000 ms timer Date.now() and performance.now() have both moved 2000 ms.

import { captureSite, guarded, markErrorSite, type RunContext } from "./run-context";
import type { Op } from "./virtual-loop";

type Callback = (...args: unknown[]) => unknown;

/** Node clamps delays outside 1..2^31-1 ms to 1 ms; browsers and Workers to 0. */
const TIMEOUT_MAX = 2 ** 31 - 1;

const PROMISIFY_CUSTOM = Symbol.for("nodejs.util.promisify.custom");

export type TimerGlobals = ReturnType<typeof createTimers>;

export function createTimers(ctx: RunContext) {
  const { loop } = ctx;
  const handles = new Map<number, Op>();

  const delayOf = (value: unknown): number => {
    const ms = Number(value);
    if (ctx.webTimers) {
      const web = Number.isFinite(ms) && ms > 0 ? Math.min(ms, TIMEOUT_MAX) : 0;
      // HTML: from the fifth nested timer on, at least 4 ms; otherwise a setTimeout(f, 0)
      // chain would run forever without virtual time moving
      return ctx.loop.sliceNesting >= 5 ? Math.max(4, web) : web;
    }
    return ms >= 1 && ms <= TIMEOUT_MAX ? ms : 1;
  };

  const assertCallback = (callback: unknown): Callback => {
    if (typeof callback !== "function") {
      const error = new TypeError(`The "callback" argument must be of type function. Received ${describe(callback)}`);
      (error as TypeError & { code: string }).code = "ERR_INVALID_ARG_TYPE";
      throw error;
    }
    return callback as Callback;
  };

  // Node's Timeout handle: keeps a process alive unless unref()'d, which is exactly what decides
  // whether a Lambda callback handler can return (callbackWaitsForEmptyEventLoop).
  class Timeout {
    constructor(readonly op: Op) {}
    ref() {
      loop.setRef(this.op, true);
      return this;
    }
    unref() {
      loop.setRef(this.op, false);
      return this;
    }
    hasRef() {
      return this.op.ref;
    }
    refresh() {
      loop.rearm(this.op, this.op.interval > 0 ? this.op.interval : this.op.due - this.op.start);
      return this;
    }
    close() {
      loop.cancel(this.op);
      return this;
    }
    [Symbol.toPrimitive]() {
      return this.op.id;
    }
  }
  class Immediate {
    constructor(readonly op: Op) {}
    ref() {
      loop.setRef(this.op, true);
      return this;
    }
    unref() {
      loop.setRef(this.op, false);
      return this;
    }
    hasRef() {
      return this.op.ref;
    }
  }

  const handleOf = (op: Op): unknown => {
    handles.set(op.id, op);
    return ctx.webTimers ? op.id : new Timeout(op);
  };

  const clear = (handle: unknown) => {
    if (handle instanceof Timeout || handle instanceof Immediate) {
      loop.cancel(handle.op);
      return;
    }
    const op = handles.get(Number(handle));
    if (op) loop.cancel(op);
  };

  function setTimeout(callback: unknown, delay?: unknown, ...args: unknown[]): unknown {
    const fn = assertCallback(callback);
    const ms = delayOf(delay);
    const op = loop.schedule({
      kind: "timeout",
      delay: ms,
      site: captureSite(),
      run: () => {
        handles.delete(op.id);
        fn(...args);
      },
      span: { kind: "timer", label: `setTimeout ${formatMs(ms)}` },
    });
    return handleOf(op);
  }
  Object.defineProperty(setTimeout, PROMISIFY_CUSTOM, { get: () => promises.setTimeout });

  function setInterval(callback: unknown, delay?: unknown, ...args: unknown[]): unknown {
    const fn = assertCallback(callback);
    const ms = delayOf(delay);
    const op = loop.schedule({
      kind: "interval",
      delay: ms,
      interval: ms,
      site: captureSite(),
      run: () => void fn(...args),
      span: { kind: "timer", label: `setInterval ${formatMs(ms)}` },
    });
    return handleOf(op);
  }

  function setImmediate(callback: unknown, ...args: unknown[]): unknown {
    const fn = assertCallback(callback);
    const op = loop.schedule({ kind: "immediate", delay: 0, site: null, run: () => void fn(...args) });
    handles.set(op.id, op);
    return ctx.webTimers ? op.id : new Immediate(op);
  }
  Object.defineProperty(setImmediate, PROMISIFY_CUSTOM, { get: () => promises.setImmediate });

  const queueMicrotask = (callback: unknown) => {
    const fn = assertCallback(callback);
    ctx.host.queueMicrotask(() => guarded(ctx, () => void fn()));
  };

  const abortError = (signal: AbortSignal, site: Error) => {
    // node:timers/promises rejects with Node's own AbortError, not the signal's reason
    const error = new Error("The operation was aborted", { cause: signal.reason });
    error.name = "AbortError";
    (error as Error & { code: string }).code = "ABORT_ERR";
    markErrorSite(ctx, error, site);
    return error;
  };

  const promiseTimer = <T>(ms: number, value: T, options: { signal?: AbortSignal; ref?: boolean } | undefined, kind: "timeout" | "immediate") =>
    new Promise<T>((resolve, reject) => {
      const site = captureSite();
      const signal = options?.signal;
      if (signal?.aborted) {
        reject(abortError(signal, site));
        return;
      }
      const onAbort = () => {
        loop.cancel(op);
        reject(abortError(signal as AbortSignal, site));
      };
      const op = loop.schedule({
        kind,
        delay: ms,
        site,
        ref: options?.ref !== false,
        run: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(value);
        },
        span: kind === "timeout" ? { kind: "timer", label: `setTimeout ${formatMs(ms)}` } : null,
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });

  const promises = {
    setTimeout: <T = void>(delay?: unknown, value?: T, options?: { signal?: AbortSignal; ref?: boolean }) =>
      promiseTimer(delayOf(delay), value as T, options, "timeout"),
    setImmediate: <T = void>(value?: T, options?: { signal?: AbortSignal; ref?: boolean }) => promiseTimer(0, value as T, options, "immediate"),
    setInterval: <T = void>(delay?: unknown, value?: T, options?: { signal?: AbortSignal; ref?: boolean }) => {
      const ms = delayOf(delay);
      let stopped = false;
      const iterator: AsyncIterableIterator<T> = {
        next: async () => {
          if (stopped) return { done: true, value: undefined };
          await promiseTimer(ms, undefined, options, "timeout");
          return { done: false, value: value as T };
        },
        return: async () => {
          stopped = true;
          return { done: true, value: undefined };
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
    scheduler: {
      wait: (delay?: unknown, options?: { signal?: AbortSignal }) => promiseTimer(delayOf(delay), undefined, options, "timeout"),
      yield: () => promiseTimer(0, undefined, undefined, "immediate"),
    },
  };

  return {
    setTimeout,
    setInterval,
    setImmediate,
    clearTimeout: clear,
    clearInterval: clear,
    clearImmediate: clear,
    queueMicrotask,
    promises,
  };
}

/** `Date` on the virtual clock; `new Date(x)`, Date.parse, Date.UTC and instanceof behave as usual. */
export function createDate(ctx: RunContext): DateConstructor {
  const RealDate = Date;
  const now = () => Math.floor(ctx.epoch + ctx.loop.now());
  function VirtualDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  Object.defineProperties(VirtualDate, {
    prototype: { value: RealDate.prototype },
    now: { value: now, writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
  });
  return VirtualDate as unknown as DateConstructor;
}

export function createPerformance(ctx: RunContext) {
  return {
    now: () => ctx.loop.now(),
    timeOrigin: ctx.epoch,
    mark: (name: string) => ({ name, entryType: "mark", startTime: ctx.loop.now(), duration: 0 }),
    measure: (name: string) => ({ name, entryType: "measure", startTime: ctx.loop.now(), duration: 0 }),
    getEntries: () => [],
    getEntriesByName: () => [],
    getEntriesByType: () => [],
    clearMarks: () => undefined,
    clearMeasures: () => undefined,
    toJSON: () => ({ timeOrigin: ctx.epoch }),
  };
}

export function createProcess(ctx: RunContext, env: Record<string, string>, write: (text: string) => void) {
  const hrtime = (previous?: [number, number]) => {
    const ns = Math.round(ctx.loop.now() * 1e6);
    let seconds = Math.floor(ns / 1e9);
    let nanos = ns % 1e9;
    if (previous) {
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) {
        seconds--;
        nanos += 1e9;
      }
    }
    return [seconds, nanos];
  };
  hrtime.bigint = () => BigInt(Math.round(ctx.loop.now() * 1e6));
  const process: Record<string, unknown> = {
    env: { ...env },
    argv: ["/var/lang/bin/node", "/var/task/index.js"],
    execArgv: [],
    platform: "linux",
    arch: "x64",
    pid: 8,
    version: "v20.19.0",
    versions: { node: "20.19.0" },
    release: { name: "node" },
    cwd: () => "/var/task",
    hrtime,
    uptime: () => ctx.loop.now() / 1000,
    memoryUsage: () => ({ rss: 64e6, heapTotal: 32e6, heapUsed: 16e6, external: 1e6, arrayBuffers: 1e5 }),
    cpuUsage: () => ({ user: Math.round(ctx.loop.cpu() * 1000), system: 0 }),
    nextTick: (callback: Callback, ...args: unknown[]) => ctx.host.queueMicrotask(() => guarded(ctx, () => void callback(...args))),
    emitWarning: (warning: unknown) => write(`(node) Warning: ${String(warning)}`),
    exit: (code?: number) => {
      const error = new Error(`Runtime exited with error: exit status ${code ?? 0}`);
      error.name = "Runtime.ExitError";
      ctx.loop.fault(error, "exception");
      throw error;
    },
    stdout: { write: (text: unknown) => (write(String(text).replace(/\n$/, "")), true), isTTY: false },
    stderr: { write: (text: unknown) => (write(String(text).replace(/\n$/, "")), true), isTTY: false },
  };
  // process is an event emitter in Node; handlers for 'exit' or 'unhandledRejection' are accepted
  // but never called, which is what Lambda effectively does too (it owns those events).
  for (const name of ["on", "once", "off", "addListener", "removeListener", "removeAllListeners", "prependListener"]) {
    process[name] = () => process;
  }
  process.emit = () => false;
  process.listenerCount = () => 0;
  return process;
}

export function formatMs(ms: number): string {
  return `${Number.isInteger(ms) ? ms : ms.toFixed(1)} ms`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return `type string ('${value.slice(0, 25)}')`;
  if (typeof value === "object") return `an instance of ${(value as object).constructor?.name ?? "Object"}`;
  return `type ${typeof value} (${String(value)})`;
}
