// The simulated network. Nothing leaves the worker: each call waits its host's modelled latency
// on the virtual loop and answers with a stub. Aborts and timeouts fail with the same error types
// and messages as the real clients (undici's fetch, axios, node:http), at exactly the virtual time
// they would fire, because that error text is what people paste into a search box.

import { hostOf } from "../latency";
import type { Answer } from "../world";
import { formatMs } from "./clock";
import { localServerFor, type LocalServer } from "./local-server";
import { bodyTimeoutError, connectTimeoutError, headersTimeoutError, refusedError, UNDICI_BODY_TIMEOUT_MS, UNDICI_CONNECT_TIMEOUT_MS, UNDICI_HEADERS_TIMEOUT_MS } from "./network-errors";
import { bodyPlan, KERNEL_CONNECT_TIMEOUT_MS, kernelTimeoutError, streamNote } from "./wire";
import { captureSite, markErrorSite, type RunContext } from "./run-context";
import type { Op } from "./virtual-loop";

const TIMEOUT_MESSAGE = "The operation was aborted due to timeout";


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

/** The timeouts of the dispatcher a fetch goes through: undici's Agent options, in ms (0: none). */
export type DispatcherTimeouts = { connect: number; headers: number; body: number };

export const DEFAULT_DISPATCHER: DispatcherTimeouts = { connect: UNDICI_CONNECT_TIMEOUT_MS, headers: UNDICI_HEADERS_TIMEOUT_MS, body: UNDICI_BODY_TIMEOUT_MS };

const globalDispatchers = new WeakMap<RunContext, DispatcherTimeouts>();
/** An undici Agent made by the code (libraries: undici.ts) carries its timeouts under this key. */
export const DISPATCHER_TIMEOUTS = Symbol("deadline.dispatcher");

/** undici's setGlobalDispatcher: every later fetch without a dispatcher of its own uses it (Node's global fetch too). */
export function setGlobalDispatcher(ctx: RunContext, timeouts: DispatcherTimeouts): void {
  globalDispatchers.set(ctx, timeouts);
}

export function globalDispatcher(ctx: RunContext): DispatcherTimeouts {
  return globalDispatchers.get(ctx) ?? DEFAULT_DISPATCHER;
}

function dispatcherOf(ctx: RunContext, init: RequestInit | undefined): DispatcherTimeouts {
  const own = (init as { dispatcher?: { [DISPATCHER_TIMEOUTS]?: DispatcherTimeouts } } | undefined)?.dispatcher?.[DISPATCHER_TIMEOUTS];
  return own ?? globalDispatcher(ctx);
}

/**
 * A Response whose body arrives chunk by chunk on the virtual clock, `gapMs` apart; a gap longer
 * than the dispatcher's body timeout errors the body as undici does: reading it rejects with
 * TypeError("terminated", { cause: BodyTimeoutError }).
 */
function streamedResponse(ctx: RunContext, url: string, answer: Answer, bodyTimeoutMs: number, site: Error, signal: AbortSignal | null | undefined): Response {
  const plan = bodyPlan(answer);
  const parts: string[] = [];
  let done = false;
  let failure: unknown = null;
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const ops: Op[] = [];
  const fail = (error: unknown) => {
    if (done || failure) return;
    failure = error;
    markErrorSite(ctx, error, site);
    for (const op of ops) ctx.loop.cancel(op, "terminated");
    wake();
  };
  const timesOut = bodyTimeoutMs > 0 && plan.gapMs > bodyTimeoutMs;
  if (timesOut) {
    ops.push(
      ctx.loop.schedule({
        kind: "network",
        delay: bodyTimeoutMs,
        site,
        span: { kind: "network", host: hostOf(url), label: `body of ${url} (undici bodyTimeout ${formatMs(bodyTimeoutMs)} between chunks)` },
        run: () => fail(new TypeError("terminated", { cause: bodyTimeoutError() })),
      }),
    );
  } else {
    plan.parts.forEach((part, index) => {
      ops.push(
        ctx.loop.schedule({
          kind: "network",
          delay: plan.gapMs * (index + 1),
          site,
          ...(index === plan.parts.length - 1 ? { span: { kind: "network" as const, host: hostOf(url), label: `body of ${url}: ${plan.parts.length} chunks ${formatMs(plan.gapMs)} apart` } } : {}),
          run: () => {
            parts.push(part);
            if (index === plan.parts.length - 1) done = true;
            wake();
          },
        }),
      );
    });
  }
    const onAbort = () => fail(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const whole = (): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (failure) reject(failure);
        else if (done) resolve(parts.join(""));
        else waiters.push(check);
      };
      check();
    });
  let read = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (read < parts.length) {
            controller.enqueue(new TextEncoder().encode(parts[read++] as string));
            resolve();
          } else if (failure) {
            controller.error(failure);
            resolve();
          } else if (done) {
            controller.close();
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
  });
  const response = new Response(stream, { status: answer.status, headers: answer.headers });
  let used = false;
  const take = (): Promise<string> => {
    if (used) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    used = true;
    return whole();
  };
  Object.defineProperties(response, {
    url: { value: url },
    bodyUsed: { get: () => used },
    text: { value: () => take() },
    json: { value: () => take().then((text) => JSON.parse(text) as unknown) },
    arrayBuffer: { value: () => take().then((text) => new TextEncoder().encode(text).buffer) },
    bytes: { value: () => take().then((text) => new TextEncoder().encode(text)) },
    blob: { value: () => take().then((text) => new Blob([text], { type: answer.headers["content-type"] ?? "" })) },
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
    const dispatcher = dispatcherOf(ctx, init);
    const host = hostOf(url);
    const local = localServerFor(ctx, url);
    if (local) return fetchLocal(ctx, local, url, method, init, signal, site);
    const answer = ctx.responder.answer(method, url, ctx.loop.now() / 1000);
    const seconds = answer.latency;
    // A refused connection fails at once. A dropped one fails when undici's connect timeout fires,
    // or with none (connect.timeout 0) when the kernel gives up. A host that accepts and stalls
    // fails when the headers timeout fires first.
    const connectLimit = dispatcher.connect > 0 ? dispatcher.connect : KERNEL_CONNECT_TIMEOUT_MS;
    const headersLate = answer.connection === undefined && dispatcher.headers > 0 && seconds * 1000 > dispatcher.headers;
    const failure =
      answer.connection === "refused"
        ? refusedError(url)
        : answer.connection === "dropped"
          ? dispatcher.connect > 0
            ? connectTimeoutError(url, dispatcher.connect)
            : kernelTimeoutError(url)
          : headersLate
            ? headersTimeoutError()
            : null;
    const delayMs = answer.connection === "refused" ? 0 : answer.connection === "dropped" ? connectLimit : headersLate ? dispatcher.headers : seconds * 1000;
    const note = connectionNote(answer) || (headersLate ? ` (undici headersTimeout ${formatMs(dispatcher.headers)})` : "");
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
          resolve(answer.chunks ? streamedResponse(ctx, url, answer, dispatcher.body, site, signal) : stubResponse(url, answer));
        },
        span: {
          kind: "network",
          host,
          latency: seconds,
          label: `${method} ${url}${note}${streamNote(answer)}`,
          ...(failure ? {} : { status: answer.status }),
          answer: answer.source,
        },
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  };
}

/** fetch to a server the code started: the handler's answer, when it ends its response. */
function fetchLocal(ctx: RunContext, server: LocalServer, url: string, method: string, init: RequestInit | undefined, signal: AbortSignal | null | undefined, site: Error): Promise<Response> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
  const body = typeof init?.body === "string" ? init.body : "";
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) {
      markErrorSite(ctx, signal.reason, site);
      reject(signal.reason);
      return;
    }
    const span = ctx.loop.addSpan({ kind: "network", startMs: ctx.loop.now(), endMs: ctx.loop.now(), site, host: hostOf(url), label: `${method} ${url} (a server this run started)`, answer: "server", open: true });
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      if (span) {
        span.endMs = ctx.loop.now();
        span.open = false;
      }
      markErrorSite(ctx, signal?.reason, site);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    // the server handles it on a later turn of the loop, as a real socket would deliver it
    ctx.loop.schedule({
      kind: "network",
      delay: 0,
      site,
      run: () => {
        void server.dispatch({ method, url, headers, body }).then((answer) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          if (span) {
            span.endMs = ctx.loop.now();
            span.open = false;
            span.status = answer.status;
          }
          resolve(stubResponse(url, answer));
        });
      },
    });
  });
}

export { addressOf, bodyTimeoutError, connectTimeoutError, headersTimeoutError, refusedError, UNDICI_BODY_TIMEOUT_MS, UNDICI_CONNECT_TIMEOUT_MS, UNDICI_HEADERS_TIMEOUT_MS } from "./network-errors";
export { createAxios } from "./axios";
export { createHttp, EventEmitter } from "./http";
