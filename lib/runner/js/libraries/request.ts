// The deprecated `request` package (2.88.2, its last release; master 3c0cddc, 2020-02-11) over the
// simulated node:http. Its `timeout` option is two timers, and which one fires is what its error
// says (request.js Request.prototype.start, read at 3c0cddc):
//   - until the socket connects, a plain setTimeout: ETIMEDOUT with `connect: true`;
//   - once connected, req.setTimeout(timeout): Node's socket idle timer between bytes, so a server
//     that accepts and then sends nothing for that long (before the headers or between body
//     chunks) gives ESOCKETTIMEDOUT with `connect: false`.
// Without `timeout` nothing limits it: a dropped connection waits for the kernel's connect
// ETIMEDOUT (wire.ts), a stalled server for ever.

import { createHttp, EventEmitter } from "../http";
import { captureSite, markErrorSite, type RunContext } from "../run-context";

type Callback = (error: unknown, response?: unknown, body?: unknown) => void;
type Options = {
  url?: string | URL;
  uri?: string | URL;
  baseUrl?: string;
  method?: string;
  json?: unknown;
  body?: unknown;
  form?: unknown;
  qs?: Record<string, unknown>;
  headers?: Record<string, string>;
  timeout?: number;
  [key: string]: unknown;
};

type Listener = (...args: unknown[]) => void;
type Emitter = EventEmitter & Record<string, unknown>;

export function requestModule(ctx: RunContext) {
  const http = createHttp(ctx, "http:");
  const https = createHttp(ctx, "https:");

  const make = (defaults: Options) => {
    const request = (uriOrOptions: unknown, optionsOrCallback?: unknown, maybeCallback?: unknown): Emitter => {
      const site = captureSite();
      let options: Options = {};
      let callback: Callback | undefined;
      if (typeof uriOrOptions === "string" || uriOrOptions instanceof URL) options.uri = uriOrOptions;
      else options = { ...(uriOrOptions as Options) };
      if (typeof optionsOrCallback === "function") callback = optionsOrCallback as Callback;
      else {
        if (optionsOrCallback && typeof optionsOrCallback === "object") options = { ...options, ...(optionsOrCallback as Options) };
        if (typeof maybeCallback === "function") callback = maybeCallback as Callback;
      }
      if (typeof options.callback === "function") callback ??= options.callback as Callback;
      return start({ ...defaults, ...options, headers: { ...defaults.headers, ...options.headers } }, callback, site);
    };
    const verb = (method: string) => (uri: unknown, options?: unknown, callback?: unknown) => {
      const req = typeof options === "function" ? request(uri, { method }, options) : request(uri, { ...(options as Options), method }, callback);
      return req;
    };
    return Object.assign(request, {
      get: verb("GET"),
      head: verb("HEAD"),
      options: verb("OPTIONS"),
      post: verb("POST"),
      put: verb("PUT"),
      patch: verb("PATCH"),
      del: verb("DELETE"),
      delete: verb("DELETE"),
      defaults: (more: Options) => make({ ...defaults, ...more, headers: { ...defaults.headers, ...more?.headers } }),
      jar: () => ({}),
      cookie: (text: string) => text,
    });
  };

  const start = (options: Options, callback: Callback | undefined, site: Error): Emitter => {
    const self = new EventEmitter() as Emitter;
    let target = String(options.uri ?? options.url ?? "");
    if (options.baseUrl) target = `${options.baseUrl.replace(/\/+$/, "")}/${target.replace(/^\/+/, "")}`;
    let url: URL;
    try {
      url = new URL(target);
      for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
    } catch {
      // request's own text for a uri it cannot use (request.js init)
      const error = new Error(`Invalid URI "${target}"`);
      ctx.host.queueMicrotask(() => finish(error));
      return self;
    }
    const method = (options.method ?? (options.body || options.json !== undefined && options.json !== true || options.form ? "POST" : "GET")).toUpperCase();
    let done = false;
    let aborted = false;
    let timeoutTimer: unknown = null;
    const finish = (error: unknown, response?: unknown, body?: unknown) => {
      if (done) return;
      done = true;
      if (error) {
        markErrorSite(ctx, error, site);
        if (callback) callback(error);
        else if (self.listenerCount("error") > 0) self.emit("error", error);
        else ctx.loop.fault(error, "exception");
        return;
      }
      self.emit("complete", response, body);
      callback?.(null, response, body);
    };
    const timeout = typeof options.timeout === "number" && Number.isFinite(options.timeout) ? Math.max(0, options.timeout) : undefined;
    const module = url.protocol === "https:" ? https : http;
    const req = module.request({ protocol: url.protocol, hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers: options.headers ?? {} }) as Emitter;
    const abort = () => {
      aborted = true;
      (req.abort as () => void)();
    };
    const clearTimer = () => {
      if (timeoutTimer !== null) clearTimeoutOp(timeoutTimer);
      timeoutTimer = null;
    };
    req.on("error", (error: unknown) => {
      if (aborted) return;
      clearTimer();
      finish(error);
    });
    req.on("socket", (socket: unknown) => {
      const sock = socket as Emitter;
      const setReqTimeout = () => {
        (req.setTimeout as (ms: number, cb: Listener) => void)(timeout as number, () => {
          if (done) return;
          abort();
          finish(Object.assign(new Error("ESOCKETTIMEDOUT"), { code: "ESOCKETTIMEDOUT", connect: false }));
        });
      };
      if (timeout === undefined) return;
      if (sock.connecting) {
        const onConnect = () => {
          sock.removeListener("connect", onConnect);
          clearTimer();
          setReqTimeout();
        };
        sock.on("connect", onConnect);
        timeoutTimer = setTimeoutOp(() => {
          sock.removeListener("connect", onConnect);
          abort();
          finish(Object.assign(new Error("ETIMEDOUT"), { code: "ETIMEDOUT", connect: true }));
        }, timeout);
      } else setReqTimeout();
    });
    req.on("response", (res: unknown) => {
      const response = res as Emitter;
      clearTimer();
      const chunks: string[] = [];
      (response.setEncoding as (e: string) => void)("utf8");
      response.on("data", (chunk: unknown) => chunks.push(String(chunk)));
      response.on("end", () => {
        let body: unknown = chunks.join("");
        if (options.json && typeof body === "string" && body !== "") {
          try {
            body = JSON.parse(body);
          } catch {
            // request keeps the text when it does not parse
          }
        }
        response.body = body;
        finish(null, response, body);
      });
      self.emit("response", response);
    });
    let payload = "";
    if (options.json !== undefined && options.json !== true) payload = JSON.stringify(options.json);
    else if (typeof options.body === "string") payload = options.body;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    else if (options.form && typeof options.form === "object") payload = new URLSearchParams(options.form as Record<string, string>).toString();
    // request starts on the next tick, after the caller could attach listeners
    ctx.host.queueMicrotask(() => (req.end as (data?: string) => void)(payload || undefined));
    Object.assign(self, {
      abort,
      uri: url,
      method,
      pipe: (destination: { write?: (chunk: unknown) => unknown; end?: () => unknown }) => {
        self.on("complete", (_response: unknown, body: unknown) => {
          destination.write?.(typeof body === "string" ? body : JSON.stringify(body));
          destination.end?.();
        });
        return destination;
      },
    });
    return self;
  };

  // request's own connect timer is a plain setTimeout on the virtual clock (ref'd, as in Node)
  const setTimeoutOp = (fn: () => void, ms: number) =>
    ctx.loop.schedule({ kind: "timeout", delay: ms, site: new Error("request timeout"), run: fn, span: { kind: "timer", label: `request timeout ${ms} ms (until connected)` } });
  const clearTimeoutOp = (op: unknown) => ctx.loop.cancel(op as Parameters<RunContext["loop"]["cancel"]>[0]);

  const request = make({});
  return Object.assign(request, { default: request });
}
