// The simulated network. Nothing leaves the worker: each call waits its host's modelled latency
// on the virtual loop and answers with a stub. Aborts and timeouts fail with the same error types
// and messages as the real clients (undici's fetch, axios, node:http), at exactly the virtual time
// they would fire, because that error text is what people paste into a search box.

import { hostOf } from "../latency";
import type { Answer } from "../world";
import { formatMs } from "./clock";
import { captureSite, markErrorSite, type RunContext } from "./run-context";
import type { Op } from "./virtual-loop";

const TIMEOUT_MESSAGE = "The operation was aborted due to timeout";

/**
 * undici's default connect timeout (Agent `connect.timeout`, 10e3 ms in lib/core/connect.js,
 * Node 20's bundled undici 6.x): a host that never accepts fails fetch after this long.
 */
export const UNDICI_CONNECT_TIMEOUT_MS = 10_000;

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/**
 * Where a connection went: the address Node's error names. The simulator resolves no names, so
 * only localhost and IP literals have their real address; other hosts are named as written.
 */
export function addressOf(target: string): { address: string; port: number } {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const address = host === "localhost" ? "127.0.0.1" : host;
  return { address, port: Number(url.port || DEFAULT_PORTS[url.protocol] || 80) };
}

/**
 * Node's error for a refused connection (lib/net.js afterConnect → exceptionWithHostPort):
 * message "connect ECONNREFUSED 127.0.0.1:8188", code ECONNREFUSED, errno -111, syscall connect.
 */
export function refusedError(target: string): Error {
  const { address, port } = addressOf(target);
  return Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), { errno: -111, code: "ECONNREFUSED", syscall: "connect", address, port });
}

/** undici's ConnectTimeoutError (lib/core/connect.js onConnectTimeout), code UND_ERR_CONNECT_TIMEOUT. */
export function connectTimeoutError(target: string, timeoutMs: number): Error {
  const { address, port } = addressOf(target);
  const error = new Error(`Connect Timeout Error (attempted address: ${address}:${port}, timeout: ${timeoutMs}ms)`);
  error.name = "ConnectTimeoutError";
  return Object.assign(error, { code: "UND_ERR_CONNECT_TIMEOUT" });
}

/** The timeline's note for a call whose connection failed. */
export function connectionNote(answer: Pick<Answer, "connection">): string {
  return answer.connection === "refused" ? " (connection refused)" : answer.connection === "dropped" ? " (connection dropped)" : "";
}

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
    // a refused connection fails at once; a dropped one when undici's connect timeout fires
    const failure = answer.connection === "refused" ? refusedError(url) : answer.connection === "dropped" ? connectTimeoutError(url, UNDICI_CONNECT_TIMEOUT_MS) : null;
    const delayMs = answer.connection === "refused" ? 0 : answer.connection === "dropped" ? UNDICI_CONNECT_TIMEOUT_MS : seconds * 1000;
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
        delay: delayMs,
        site,
        run: () => {
          signal?.removeEventListener("abort", onAbort);
          if (failure) {
            // undici: TypeError("fetch failed", { cause }) for every network-level failure
            const error = new TypeError("fetch failed", { cause: failure });
            markErrorSite(ctx, error, site);
            reject(error);
            return;
          }
          resolve(stubResponse(url, answer));
        },
        span: {
          kind: "network",
          host,
          latency: seconds,
          label: `${method} ${url}${connectionNote(answer)}`,
          ...(failure ? {} : { status: answer.status }),
          answer: answer.source,
        },
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  };
}


export { createAxios } from "./axios";
export { createHttp, EventEmitter } from "./http";
