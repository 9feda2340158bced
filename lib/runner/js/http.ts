// node:http / node:https request and get on the simulated network. Answers come from the world's
// rules (ctx.responder) like fetch's, or from a server the code started (local-server.ts).
// `timeout` (and socket.setTimeout) is Node's socket idle timeout: it counts while connecting and
// between reads, only emits 'timeout', and the request goes on unless the code destroys it, a
// classic source of hung Lambdas; req.setTimeout() starts it only once the socket connects. A
// refused connection emits 'error' with Node's ECONNREFUSED error; a dropped one never connects,
// so the kernel's connect ETIMEDOUT (after about 127 s) ends it unless a timeout or the deadline
// does first (Node 20 lib/_http_client.js, lib/net.js; wire.ts).

import { hostOf } from "../latency";
import type { Answer } from "../world";
import { statusText } from "./axios";
import { createServer, localServerFor } from "./local-server";
import { addressOf, refusedError } from "./network-errors";
import { connectionNote } from "./network";
import { captureSite, guarded, markErrorSite, type RunContext } from "./run-context";
import type { Op } from "./virtual-loop";
import { bodyPlan, KERNEL_CONNECT_TIMEOUT_MS, kernelTimeoutError, streamNote } from "./wire";

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
   * 'response' listeners had a chance to attach them), or read with for await. A streamed answer
   * (`chunks`, `gap`) delivers each chunk on the virtual clock and `onChunk` tells the socket, whose
   * idle timer restarts with every read. Chunks are Buffers where the host has Buffer (Node),
   * strings after setEncoding() or in browsers.
   */
  const incomingMessage = (answer: Pick<Answer, "status" | "headers" | "body" | "chunks" | "gap">, site: Error, onChunk: () => void, onEnd: () => void) => {
    const res = new EventEmitter() as EventEmitter & Record<string, unknown>;
    const plan = bodyPlan(answer);
    let encoding: string | null = null;
    // paused until something reads it, as a Readable is: a 'data' listener, resume() or pipe()
    let flowing = false;
    let ended = false;
    let destroyed = false;
    const arrived: string[] = [];
    let delivered = 0;
    let complete = plan.gapMs === 0;
    if (complete) arrived.push(...plan.parts);
    const waiters: Array<() => void> = [];
    const HostBuffer = (globalThis as { Buffer?: { from(text: string): unknown } }).Buffer;
    const chunk = (text: string) => (encoding || !HostBuffer ? text : HostBuffer.from(text));
    let req: EventEmitter = res;
    const flush = () => {
      if (ended || destroyed || !flowing) return;
      while (delivered < arrived.length) {
        const text = arrived[delivered++] as string;
        if (text.length > 0) res.emit("data", chunk(text));
        if (!flowing) return;
      }
      if (!complete) return;
      ended = true;
      res.complete = true;
      onEnd();
      res.emit("end");
      res.emit("close");
      req.emit("close");
    };
    const ops: Op[] = [];
    if (!complete) {
      plan.parts.forEach((part, index) => {
        ops.push(
          ctx.loop.schedule({
            kind: "network",
            delay: plan.gapMs * (index + 1),
            site,
            run: () => {
              arrived.push(part);
              if (index === plan.parts.length - 1) complete = true;
              onChunk();
              for (const waiter of waiters.splice(0)) waiter();
              flush();
            },
          }),
        );
      });
    }
    const startFlowing = () => {
      flowing = true;
      ctx.host.queueMicrotask(() => guarded(ctx, flush));
    };
    const on = res.on.bind(res);
    const listen = (event: string | symbol, fn: Listener) => {
      on(event, fn);
      if (event === "data") startFlowing();
      return res;
    };
    Object.assign(res, {
      on: listen,
      addListener: listen,
      statusCode: answer.status,
      statusMessage: statusText(answer.status),
      headers: { ...answer.headers },
      rawHeaders: Object.entries(answer.headers).flat(),
      complete: false,
      setEncoding: (value: string) => {
        encoding = value;
        return res;
      },
      resume: () => {
        startFlowing();
        return res;
      },
      pause: () => {
        flowing = false;
        return res;
      },
      destroy: (error?: unknown) => {
        if (destroyed) return res;
        destroyed = true;
        for (const op of ops) ctx.loop.cancel(op, "destroyed");
        for (const waiter of waiters.splice(0)) waiter();
        if (error) res.emit("error", error);
        res.emit("close");
        return res;
      },
      pipe: (destination: { write?: (chunk: unknown) => unknown; end?: () => unknown }) => {
        on("end", () => destination.end?.());
        listen("data", (data: unknown) => destination.write?.(data));
        return destination;
      },
      [Symbol.asyncIterator]: async function* () {
        flowing = false;
        for (;;) {
          while (delivered < arrived.length) {
            const text = arrived[delivered++] as string;
            if (text.length > 0) yield chunk(text);
          }
          if (complete || destroyed) break;
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
        if (!destroyed) {
          ended = true;
          res.complete = true;
          onEnd();
        }
      },
      _attach: (request: EventEmitter) => {
        req = request;
      },
    });
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
    const local = localServerFor(ctx, url);
    const answer: Answer = local
      ? { status: 0, headers: {}, body: "", latency: 0, source: "server" }
      : ctx.responder.answer(method, url, ctx.loop.now() / 1000);
    const seconds = answer.latency;
    const req = new EventEmitter() as EventEmitter & Record<string, unknown>;
    let response: Op | null = null;
    let connectOp: Op | null = null;
    let socketTimer: Op | null = null;
    let idleMs = 0;
    let destroyed = false;
    let finished = false;
    const written: string[] = [];
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
    // Node's socket idle timer (socket.setTimeout): restarted by every byte read; it only emits
    // 'timeout', the request goes on unless the code destroys it
    const armSocketTimeout = (ms: number) => {
      if (socketTimer) ctx.loop.cancel(socketTimer);
      socketTimer = null;
      idleMs = ms;
      if (!(ms > 0) || finished || destroyed) return;
      socketTimer = ctx.loop.schedule({
        kind: "timeout",
        delay: ms,
        site,
        ref: false,
        run: () => {
          socketTimer = null;
          socket.emit("timeout");
          req.emit("timeout");
        },
      });
    };
    const activity = () => {
      if (socketTimer) armSocketTimeout(idleMs);
    };
    if (callback) req.once("response", callback);
    // the socket the request runs on; `socket.setTimeout` arms the idle timer at once, even while
    // connecting, as http.request's `timeout` option does (net.connect sets it before connecting)
    const socket = new EventEmitter() as EventEmitter & Record<string, unknown>;
    Object.assign(socket, {
      setTimeout: (ms: number, onTimeout?: Listener) => {
        if (onTimeout) socket.once("timeout", onTimeout);
        armSocketTimeout(ms);
        return socket;
      },
      setNoDelay: () => socket,
      setKeepAlive: () => socket,
      ref: () => socket,
      unref: () => socket,
      destroy: (error?: unknown) => (req.destroy as (error?: unknown) => unknown)(error),
      remoteAddress: undefined,
      connecting: true,
      _connecting: true,
    });
    req.socket = socket;
    if (options.timeout) armSocketTimeout(options.timeout);
    const fail = (error: unknown) => {
      markErrorSite(ctx, error, site);
      destroyed = true;
      req.destroyed = true;
      if (socketTimer) ctx.loop.cancel(socketTimer);
      emitLater("error", error);
      emitLater("close");
    };
    ctx.host.queueMicrotask(() =>
      guarded(ctx, () => {
        if (destroyed) return;
        req.emit("socket", socket);
        // the connection opens on a later turn (after 'socket' listeners are attached), is refused
        // at once, or (dropped) never opens: then the kernel gives up after its SYN retries
        connectOp = ctx.loop.schedule({
          kind: "network",
          delay: answer.connection === "dropped" ? KERNEL_CONNECT_TIMEOUT_MS : 0,
          site,
          ...(answer.connection === "dropped"
            ? { span: { kind: "network" as const, host, label: `connect ${url} (never accepted; the kernel gives up after ${KERNEL_CONNECT_TIMEOUT_MS / 1000} s)`, answer: answer.source } }
            : {}),
          run: () => {
            connectOp = null;
            if (answer.connection === "refused") return fail(refusedError(url));
            if (answer.connection === "dropped") return fail(kernelTimeoutError(url));
            socket.connecting = false;
            socket._connecting = false;
            socket.remoteAddress = addressOf(url).address;
            socket.emit("connect");
            activity();
          },
        });
      }),
    );
    const respond = (status: Answer) => {
      if (socketTimer) activity();
      const res = incomingMessage(status, site, activity, () => {
        finished = true;
        if (socketTimer) ctx.loop.cancel(socketTimer);
        socketTimer = null;
      });
      (res._attach as (request: EventEmitter) => void)(req);
      req.res = res;
      req.emit("response", res);
    };
    Object.assign(req, {
      method,
      path: `${new URL(url).pathname}${new URL(url).search}`,
      host,
      destroyed: false,
      setHeader: () => req,
      getHeader: () => undefined,
      removeHeader: () => req,
      write: (chunk: unknown) => {
        if (typeof chunk === "string") written.push(chunk);
        return true;
      },
      // ClientRequest.setTimeout: on a socket still connecting, the idle timer starts once it
      // connects (Node 20 lib/_http_client.js setSocketTimeout), so it never fires on a host that
      // never accepts
      setTimeout: (ms: number, onTimeout?: Listener) => {
        if (onTimeout) req.once("timeout", onTimeout);
        if (socket.connecting) socket.once("connect", () => armSocketTimeout(ms));
        else armSocketTimeout(ms);
        return req;
      },
      end: (...args: unknown[]) => {
        if (response || destroyed) return req;
        if (typeof args[0] === "string") written.push(args[0]);
        if (local) {
          const span = ctx.loop.addSpan({ kind: "network", startMs: ctx.loop.now(), endMs: ctx.loop.now(), site, host, label: `${method} ${url} (a server this run started)`, answer: "server", open: true });
          response = ctx.loop.schedule({
            kind: "network",
            delay: 0,
            site,
            run: () => {
              void local.dispatch({ method, url, headers: options.headers ?? {}, body: written.join("") }).then((answer) => {
                if (destroyed) return;
                if (span) {
                  span.endMs = ctx.loop.now();
                  span.open = false;
                  span.status = answer.status;
                }
                respond(answer);
              });
            },
          });
          return req;
        }
        // dropped: the connection never completes; the connect op above fails it
        const delay = answer.connection ? Number.POSITIVE_INFINITY : seconds * 1000;
        response = ctx.loop.schedule({
          kind: "network",
          delay,
          site,
          // a dropped connection's wait is the connect op's; this one never completes
          ref: !answer.connection,
          run: () => respond(answer),
          ...(answer.connection
            ? {}
            : {
                span: {
                  kind: "network" as const,
                  host,
                  latency: seconds,
                  label: `${method} ${url}${connectionNote(answer)}${streamNote(answer)}`,
                  status: answer.status,
                  answer: answer.source,
                },
              }),
        });
        return req;
      },
      destroy: (error?: unknown) => {
        if (destroyed) return req;
        destroyed = true;
        req.destroyed = true;
        if (response) ctx.loop.cancel(response, "destroyed");
        if (connectOp) ctx.loop.cancel(connectOp, "destroyed");
        if (socketTimer) ctx.loop.cancel(socketTimer);
        const res = req.res as (Record<string, unknown> & { destroy?: (error?: unknown) => unknown }) | undefined;
        if (res && !res.complete) res.destroy?.();
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
      abort: () => {
        req.aborted = true;
        return (req.destroy as (error?: unknown) => unknown)();
      },
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
  return {
    request,
    get,
    createServer: (...args: unknown[]) => createServer(ctx, ...args),
    Agent,
    globalAgent: new Agent(),
    STATUS_CODES: statusCodes(),
    METHODS: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
  };
}

function statusCodes(): Record<number, string> {
  const out: Record<number, string> = {};
  for (const code of [200, 201, 202, 204, 301, 302, 304, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504]) out[code] = statusText(code);
  return out;
}
