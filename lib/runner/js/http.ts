// node:http / node:https request and get on the simulated network. Answers come from the world's
// rules (ctx.responder) like fetch's. `timeout` (and socket.setTimeout) is Node's socket idle
// timeout: it only emits 'timeout'; the request goes on unless the code destroys it, a classic
// source of hung Lambdas. A refused connection emits 'error' with Node's ECONNREFUSED error; a
// dropped one never connects, so only the socket timeout (or the deadline) ends it (Node 20
// lib/_http_client.js, lib/net.js).

import { hostOf } from "../latency";
import { statusText } from "./axios";
import { connectionNote, refusedError } from "./network";
import { captureSite, guarded, markErrorSite, type RunContext } from "./run-context";
import type { Op } from "./virtual-loop";

type Listener = (...args: unknown[]) => void;

export class EventEmitter {
  private listeners = new Map<string | symbol, Array<{ fn: Listener; once: boolean }>>();
  on(event: string | symbol, fn: Listener) {
    const list = this.listeners.get(event) ?? [];
    list.push({ fn, once: false });
    this.listeners.set(event, list);
    return this;
  }
  addListener(event: string | symbol, fn: Listener) {
    return this.on(event, fn);
  }
  prependListener(event: string | symbol, fn: Listener) {
    this.listeners.set(event, [{ fn, once: false }, ...(this.listeners.get(event) ?? [])]);
    return this;
  }
  once(event: string | symbol, fn: Listener) {
    const list = this.listeners.get(event) ?? [];
    list.push({ fn, once: true });
    this.listeners.set(event, list);
    return this;
  }
  off(event: string | symbol, fn: Listener) {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((entry) => entry.fn !== fn),
    );
    return this;
  }
  removeListener(event: string | symbol, fn: Listener) {
    return this.off(event, fn);
  }
  removeAllListeners(event?: string | symbol) {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }
  listenerCount(event: string | symbol) {
    return this.listeners.get(event)?.length ?? 0;
  }
  setMaxListeners() {
    return this;
  }
  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.listeners.get(event);
    if (!list || list.length === 0) {
      if (event === "error") throw args[0];
      return false;
    }
    this.listeners.set(
      event,
      list.filter((entry) => !entry.once),
    );
    for (const entry of list) entry.fn.apply(this, args);
    return true;
  }
}

export function createHttp(ctx: RunContext, protocol: "http:" | "https:") {
  /**
   * The IncomingMessage: statusCode, headers, and the body as 'data' chunks then 'end' (after the
   * 'response' listeners had a chance to attach them), or read with for await. Chunks are
   * Buffers where the host has Buffer (Node), strings after setEncoding() or in browsers.
   */
  const incomingMessage = (status: number, headers: Record<string, string>, body: string) => {
    const res = new EventEmitter() as EventEmitter & Record<string, unknown>;
    let encoding: string | null = null;
    let flowing = true;
    let done = false;
    const HostBuffer = (globalThis as { Buffer?: { from(text: string): unknown } }).Buffer;
    const chunk = () => (encoding || !HostBuffer ? body : HostBuffer.from(body));
    const deliver = () => {
      if (done || !flowing) return;
      done = true;
      if (body.length > 0) res.emit("data", chunk());
      res.complete = true;
      res.emit("end");
      res.emit("close");
      req.emit("close");
    };
    let req: EventEmitter = res;
    Object.assign(res, {
      statusCode: status,
      statusMessage: statusText(status),
      headers: { ...headers },
      rawHeaders: Object.entries(headers).flat(),
      complete: false,
      setEncoding: (value: string) => {
        encoding = value;
        return res;
      },
      resume: () => {
        flowing = true;
        ctx.host.queueMicrotask(() => guarded(ctx, deliver));
        return res;
      },
      pause: () => {
        flowing = false;
        return res;
      },
      pipe: (destination: { write?: (chunk: unknown) => unknown; end?: () => unknown }) => {
        res.on("data", (data: unknown) => destination.write?.(data));
        res.on("end", () => destination.end?.());
        return destination;
      },
      [Symbol.asyncIterator]: async function* () {
        flowing = false;
        done = true;
        if (body.length > 0) yield chunk();
        res.complete = true;
      },
      _attach: (request: EventEmitter) => {
        req = request;
      },
    });
    ctx.host.queueMicrotask(() => guarded(ctx, deliver));
    return res;
  };

  type Options = {
    protocol?: string;
    hostname?: string;
    host?: string;
    port?: number | string;
    path?: string;
    method?: string;
    timeout?: number;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  };

  const toUrl = (target: unknown, options: Options): string => {
    if (typeof target === "string" || target instanceof URL) return new URL(String(target)).href;
    const hostname = options.hostname ?? options.host ?? "localhost";
    const port = options.port ? `:${options.port}` : "";
    return `${options.protocol ?? protocol}//${hostname}${port}${options.path ?? "/"}`;
  };

  const request = (target: unknown, maybeOptions?: unknown, maybeCallback?: unknown) => {
    const site = captureSite();
    let options: Options = {};
    let callback: Listener | undefined;
    if (typeof target === "string" || target instanceof URL) {
      if (typeof maybeOptions === "function") callback = maybeOptions as Listener;
      else {
        options = (maybeOptions as Options | undefined) ?? {};
        callback = maybeCallback as Listener | undefined;
      }
    } else {
      options = (target as Options | undefined) ?? {};
      callback = maybeOptions as Listener | undefined;
    }
    const url = toUrl(target, options);
    const method = (options.method ?? "GET").toUpperCase();
    const host = hostOf(url);
    const answer = ctx.responder.answer(method, url, ctx.loop.now() / 1000);
    const seconds = answer.latency;
    const req = new EventEmitter() as EventEmitter & Record<string, unknown>;
    let response: Op | null = null;
    let socketTimer: Op | null = null;
    let destroyed = false;
    const emitLater = (event: string, ...args: unknown[]) =>
      ctx.host.queueMicrotask(() =>
        guarded(ctx, () => {
          if (event === "error" && req.listenerCount("error") === 0) {
            ctx.loop.fault(args[0], "exception");
            return;
          }
          req.emit(event, ...args);
        }),
      );
    const armSocketTimeout = (ms: number) => {
      if (socketTimer) ctx.loop.cancel(socketTimer);
      socketTimer = ctx.loop.schedule({
        kind: "timeout",
        delay: ms,
        site,
        ref: false,
        run: () => {
          socket.emit("timeout");
          req.emit("timeout");
        },
      });
    };
    if (callback) req.once("response", callback);
    if (options.timeout) armSocketTimeout(options.timeout);
    // the socket the request runs on; `socket.setTimeout` is the same idle timer as req.setTimeout
    const socket = new EventEmitter() as EventEmitter & Record<string, unknown>;
    Object.assign(socket, {
      setTimeout: (ms: number, onTimeout?: Listener) => {
        (req.setTimeout as (ms: number, onTimeout?: Listener) => unknown)(ms, onTimeout);
        return socket;
      },
      setNoDelay: () => socket,
      setKeepAlive: () => socket,
      ref: () => socket,
      unref: () => socket,
      destroy: (error?: unknown) => (req.destroy as (error?: unknown) => unknown)(error),
      remoteAddress: undefined,
      connecting: true,
    });
    req.socket = socket;
    ctx.host.queueMicrotask(() => guarded(ctx, () => void req.emit("socket", socket)));
    Object.assign(req, {
      method,
      path: `${new URL(url).pathname}${new URL(url).search}`,
      host,
      destroyed: false,
      setHeader: () => req,
      getHeader: () => undefined,
      removeHeader: () => req,
      write: () => true,
      setTimeout: (ms: number, onTimeout?: Listener) => {
        if (onTimeout) req.once("timeout", onTimeout);
        armSocketTimeout(ms);
        return req;
      },
      end: (..._args: unknown[]) => {
        if (response || destroyed) return req;
        // dropped: the connection never completes; only the socket timeout or the deadline ends it
        const delay = answer.connection === "refused" ? 0 : answer.connection === "dropped" ? Number.POSITIVE_INFINITY : seconds * 1000;
        response = ctx.loop.schedule({
          kind: "network",
          delay,
          site,
          run: () => {
            if (socketTimer) ctx.loop.cancel(socketTimer);
            if (answer.connection === "refused") {
              const error = refusedError(url);
              markErrorSite(ctx, error, site);
              destroyed = true;
              req.destroyed = true;
              emitLater("error", error);
              emitLater("close");
              return;
            }
            socket.connecting = false;
            socket.remoteAddress = host;
            const res = incomingMessage(answer.status, answer.headers, answer.body);
            (res._attach as (request: EventEmitter) => void)(req);
            req.emit("response", res);
          },
          span: {
            kind: "network",
            host,
            latency: seconds,
            label: `${method} ${url}${connectionNote(answer)}`,
            ...(answer.connection ? {} : { status: answer.status }),
            answer: answer.source,
          },
        });
        return req;
      },
      destroy: (error?: unknown) => {
        if (destroyed) return req;
        destroyed = true;
        req.destroyed = true;
        if (response) ctx.loop.cancel(response, "destroyed");
        if (socketTimer) ctx.loop.cancel(socketTimer);
        const reason =
          error ??
          Object.assign(new Error("socket hang up"), {
            code: "ECONNRESET",
          });
        markErrorSite(ctx, reason, site);
        emitLater("error", reason);
        emitLater("close");
        return req;
      },
      abort: () => (req.destroy as (error?: unknown) => unknown)(),
    });
    const signal = options.signal;
    if (signal) {
      const abort = () => {
        const error = Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR", cause: signal.reason });
        (req.destroy as (error?: unknown) => unknown)(error);
      };
      if (signal.aborted) abort();
      else signal.addEventListener("abort", abort, { once: true });
    }
    return req;
  };

  const get = (target: unknown, maybeOptions?: unknown, maybeCallback?: unknown) => {
    const req = request(target, maybeOptions, maybeCallback);
    (req.end as () => unknown)();
    return req;
  };

  class Agent {
    constructor(readonly options: unknown = {}) {}
    destroy() {}
  }
  return { request, get, Agent, globalAgent: new Agent(), METHODS: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] };
}
