// The simulated network. Nothing leaves the worker: each call waits its host's modelled latency
// on the virtual loop and answers with a stub. Aborts and timeouts fail with the same error types
// and messages as the real clients (undici's fetch, axios, node:http), at exactly the virtual time
// they would fire, because that error text is what people paste into a search box.

import { hostOf, latencyFor } from "../latency";
import type { Answer } from "../world";
import { formatMs } from "./clock";
import { captureSite, guarded, markErrorSite, type RunContext } from "./run-context";
import type { Op } from "./virtual-loop";

const TIMEOUT_MESSAGE = "The operation was aborted due to timeout";

/** AbortSignal whose static timeout() runs on the virtual clock; any() and abort() are the real ones. */
export function createAbortSignal(ctx: RunContext): typeof AbortSignal {
  const Real = AbortSignal;
  const timeout = (ms: unknown): AbortSignal => {
    const delay = Number(ms);
    if (!Number.isFinite(delay) || delay < 0) {
      throw new TypeError(`The "delay" argument must be >= 0 and <= 9007199254740991. Received ${String(ms)}`);
    }
    const controller = new AbortController();
    const site = captureSite();
    // Like Node's, the timer behind AbortSignal.timeout is unref'd: it never keeps a Lambda
    // invocation open on its own.
    const op: Op = ctx.loop.schedule({
      kind: "signal",
      delay,
      site,
      ref: false,
      run: () => {
        ctx.loop.addSpan({ kind: "timer", startMs: op.start, endMs: ctx.loop.now(), site, label: `AbortSignal.timeout ${formatMs(delay)} (fired)` });
        controller.abort(new DOMException(TIMEOUT_MESSAGE, "TimeoutError"));
      },
    });
    return controller.signal;
  };
  return new Proxy(Real, {
    get(target, key) {
      if (key === "timeout") return timeout;
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" && key !== "prototype" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The simulated answer as a fetch Response: a response rule's, or 200 with {"ok": true, "url"}. */
export function stubResponse(url: string, answer?: Pick<Answer, "status" | "headers" | "body">): Response {
  const body = answer?.body ?? JSON.stringify({ ok: true, url });
  const status = answer?.status ?? 200;
  // Statuses without a body (204, 304) cannot carry one in a Response.
  const nullBody = status === 204 || status === 205 || status === 304;
  const response = new Response(nullBody ? null : body, { status, headers: answer?.headers ?? { "content-type": "application/json" } });
  let used = false;
  const take = (): Promise<string> => {
    if (used) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    used = true;
    return Promise.resolve(body);
  };
  // Reading the body settles in a microtask on every host, so the virtual loop never has to
  // guess whether a real macrotask is still on its way.
  Object.defineProperties(response, {
    url: { value: url },
    bodyUsed: { get: () => used },
    text: { value: () => take() },
    json: { value: () => take().then((text) => JSON.parse(text) as unknown) },
    arrayBuffer: { value: () => take().then((text) => new TextEncoder().encode(text).buffer) },
    bytes: { value: () => take().then((text) => new TextEncoder().encode(text)) },
    blob: { value: () => take().then((text) => new Blob([text], { type: "application/json" })) },
    clone: { value: () => stubResponse(url, answer) },
  });
  return response;
}

export function createFetch(ctx: RunContext) {
  return function fetch(input: unknown, init?: RequestInit): Promise<Response> {
    const site = captureSite();
    let url: string;
    let method = "GET";
    let signal: AbortSignal | null | undefined;
    if (typeof Request !== "undefined" && input instanceof Request) {
      url = input.url;
      method = input.method;
      signal = input.signal;
    } else {
      url = input instanceof URL ? input.href : String(input);
    }
    try {
      url = new URL(url).href;
    } catch (cause) {
      return Promise.reject(new TypeError(`Failed to parse URL from ${url}`, { cause }));
    }
    if (init?.method) method = String(init.method).toUpperCase();
    if (init?.signal !== undefined) signal = init.signal;
    const host = hostOf(url);
    const answer = ctx.responder.answer(method, url, ctx.loop.now() / 1000);
    const seconds = answer.latency;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        markErrorSite(ctx, signal.reason, site);
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        ctx.loop.cancel(op, "aborted");
        markErrorSite(ctx, signal?.reason, site);
        // undici rejects with the signal's reason: a TimeoutError DOMException for
        // AbortSignal.timeout, an AbortError DOMException for controller.abort()
        reject(signal?.reason);
      };
      const op = ctx.loop.schedule({
        kind: "network",
        delay: seconds * 1000,
        site,
        run: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(stubResponse(url, answer));
        },
        span: { kind: "network", host, latency: seconds, label: `${method} ${url}`, status: answer.status, answer: answer.source },
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  };
}

// ---------------------------------------------------------------------------------------------
// axios: the common timeout is a config option, and its error text is distinctive
// ("timeout of 5000ms exceeded", code ECONNABORTED), so it is modelled on axios' own adapters.

type AxiosConfig = {
  url?: string;
  baseURL?: string;
  method?: string;
  timeout?: number;
  timeoutErrorMessage?: string;
  transitional?: { clarifyTimeoutError?: boolean };
  signal?: AbortSignal;
  data?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  [key: string]: unknown;
};

export function createAxios(ctx: RunContext) {
  class AxiosError extends Error {
    static ERR_BAD_OPTION_VALUE = "ERR_BAD_OPTION_VALUE";
    static ERR_BAD_OPTION = "ERR_BAD_OPTION";
    static ECONNABORTED = "ECONNABORTED";
    static ETIMEDOUT = "ETIMEDOUT";
    static ERR_NETWORK = "ERR_NETWORK";
    static ERR_BAD_RESPONSE = "ERR_BAD_RESPONSE";
    static ERR_BAD_REQUEST = "ERR_BAD_REQUEST";
    static ERR_CANCELED = "ERR_CANCELED";
    readonly isAxiosError = true;
    constructor(
      message: string,
      readonly code?: string,
      readonly config?: AxiosConfig,
      readonly request?: unknown,
      readonly response?: unknown,
    ) {
      super(message);
      this.name = "AxiosError";
    }
    toJSON() {
      return { message: this.message, name: this.name, code: this.code, status: null };
    }
  }
  class CanceledError extends AxiosError {
    constructor(message?: string, config?: AxiosConfig, request?: unknown) {
      super(message ?? "canceled", AxiosError.ERR_CANCELED, config, request);
      this.name = "CanceledError";
    }
  }

  const create = (defaults: AxiosConfig = {}) => {
    const request = (config: AxiosConfig): Promise<unknown> => {
      const site = captureSite();
      const merged: AxiosConfig = { ...defaults, ...config, headers: { ...defaults.headers, ...config.headers } };
      const method = (merged.method ?? "get").toLowerCase();
      let url = merged.url ?? "";
      if (merged.baseURL && !/^[a-z][a-z\d+.-]*:/i.test(url)) url = `${merged.baseURL.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
      const fail = (error: AxiosError, reject: (reason: unknown) => void) => {
        markErrorSite(ctx, error, site);
        reject(error);
      };
      return new Promise((resolve, reject) => {
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          fail(new AxiosError("Invalid URL", "ERR_INVALID_URL", merged), reject);
          return;
        }
        const signal = merged.signal;
        if (signal?.aborted) {
          fail(new CanceledError(undefined, merged), reject);
          return;
        }
        const latencyMs = latencyFor(parsed.href, ctx.latency) * 1000;
        const timeout = Number(merged.timeout) || 0;
        const timesOut = timeout > 0 && timeout < latencyMs;
        const host = hostOf(parsed.href);
        const onAbort = () => {
          ctx.loop.cancel(op, "canceled");
          fail(new CanceledError(undefined, merged), reject);
        };
        const op = ctx.loop.schedule({
          kind: "network",
          delay: timesOut ? timeout : latencyMs,
          site,
          run: () => {
            signal?.removeEventListener("abort", onAbort);
            if (timesOut) {
              if (op.span) op.span.label = `${op.span.label ?? ""} (timeout)`;
              const message = merged.timeoutErrorMessage ?? (timeout ? `timeout of ${timeout}ms exceeded` : "timeout exceeded");
              const code = merged.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
              fail(new AxiosError(message, code, merged, {}), reject);
              return;
            }
            resolve({
              data: { ok: true, url: parsed.href },
              status: 200,
              statusText: "OK",
              headers: { "content-type": "application/json" },
              config: merged,
              request: {},
            });
          },
          span: { kind: "network", host, latency: latencyMs / 1000, label: `${method.toUpperCase()} ${host}` },
        });
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    };
    const call = (urlOrConfig: string | AxiosConfig, config?: AxiosConfig) =>
      request(typeof urlOrConfig === "string" ? { ...config, url: urlOrConfig } : urlOrConfig);
    const noBody = (method: string) => (url: string, config?: AxiosConfig) => request({ ...config, url, method });
    const withBody = (method: string) => (url: string, data?: unknown, config?: AxiosConfig) => request({ ...config, url, data, method });
    const interceptors = () => ({ use: () => 0, eject: () => undefined, clear: () => undefined });
    return Object.assign(call, {
      request,
      get: noBody("get"),
      delete: noBody("delete"),
      head: noBody("head"),
      options: noBody("options"),
      post: withBody("post"),
      put: withBody("put"),
      patch: withBody("patch"),
      defaults: { ...defaults, headers: { ...defaults.headers } },
      interceptors: { request: interceptors(), response: interceptors() },
      create: (more?: AxiosConfig) => create({ ...defaults, ...more }),
    });
  };

  const axios = Object.assign(create(), {
    AxiosError,
    CanceledError,
    isAxiosError: (value: unknown) => typeof value === "object" && value !== null && (value as { isAxiosError?: unknown }).isAxiosError === true,
    isCancel: (value: unknown) => value instanceof CanceledError,
    all: (values: unknown[]) => Promise.all(values),
  });
  return Object.assign(axios, { default: axios });
}

// ---------------------------------------------------------------------------------------------
// node:http / node:https request and get. `timeout` here is Node's socket timeout: it only emits
// 'timeout'; the request goes on unless the code destroys it, a classic source of hung Lambdas.

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
    const seconds = latencyFor(url, ctx.latency);
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
      socketTimer = ctx.loop.schedule({ kind: "timeout", delay: ms, site, ref: false, run: () => void req.emit("timeout") });
    };
    if (callback) req.once("response", callback);
    if (options.timeout) armSocketTimeout(options.timeout);
    Object.assign(req, {
      method,
      path: new URL(url).pathname,
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
        response = ctx.loop.schedule({
          kind: "network",
          delay: seconds * 1000,
          site,
          run: () => {
            if (socketTimer) ctx.loop.cancel(socketTimer);
            const res = new EventEmitter() as EventEmitter & Record<string, unknown>;
            const body = JSON.stringify({ ok: true, url });
            Object.assign(res, {
              statusCode: 200,
              statusMessage: "OK",
              headers: { "content-type": "application/json" },
              setEncoding: () => res,
              resume: () => res,
            });
            req.emit("response", res);
            // the body arrives after the 'response' listeners had a chance to attach 'data'/'end';
            // chunks are strings, as after res.setEncoding("utf8") (Buffer is not in browsers)
            ctx.host.queueMicrotask(() =>
              guarded(ctx, () => {
                res.emit("data", body);
                res.emit("end");
                req.emit("close");
              }),
            );
          },
          span: { kind: "network", host, latency: seconds, label: `${method} ${host}` },
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
