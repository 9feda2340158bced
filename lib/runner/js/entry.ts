// Calling the handler the way its platform would: Lambda's (event, context, callback) with the
// runtime's exact completion rules, fetch-style handlers (Workers, Deno, Netlify v2, Next route
// handlers) with a real Request, Vercel's Node (req, res) API, and registered functions (Azure,
// Google). choose-entry.ts decides which function that is.

import type { RunContext } from "./run-context";
import { invokeSlack } from "./slack-runtime";
import { azureRequest, azureResponse, azureTimer, cloudEventOf, generatorOutcome, invocationContext, iteratorKind, messageBatch, scheduledController, type Registration } from "./runtimes";

/**
 * lambda: Node on AWS Lambda (also behind API Gateway, and Netlify Functions, which run there);
 * node: a Node server (Vercel, Cloud Run, GCP, Heroku...); workers: Cloudflare's isolates;
 * deno: Deno and Supabase edge functions; edge: other web-standard isolates (Vercel Edge).
 */
export type Family = "lambda" | "node" | "workers" | "deno" | "edge";

/** Which runtime's rules a preset id implies; the presets themselves only carry the clock. */
export function familyOf(platformId: string): Family {
  const id = platformId.toLowerCase();
  // Cloudflare's proxy and nginx front an origin: the handler is the origin's own Node server.
  if (id === "cloudflare-proxy" || id === "nginx") return "node";
  if (/cloudflare|workers?\b/.test(id)) return "workers";
  // Netlify Edge Functions run on Deno (https://docs.netlify.com/edge-functions/api/)
  if (/deno|supabase|netlify-edge/.test(id)) return "deno";
  if (/edge/.test(id)) return "edge";
  if (/lambda|api-gateway|netlify/.test(id)) return "lambda";
  return "node";
}

/** Web-standard runtimes: numeric timer ids, `self`, addEventListener("fetch"). */
export function isWebFamily(family: Family): boolean {
  return family === "workers" || family === "deno" || family === "edge";
}

/** `line`: where the platform's own error points, when the engine can tell (the stuck `await`). */
export type Outcome = { kind: "ok"; result: unknown } | { kind: "error"; error: unknown; errorType?: string; errorMessage?: string; line?: number | null };

export type Invocation = {
  label: string;
  /** true once the platform would have its answer */
  settled: () => boolean;
  outcome: () => Outcome;
  /**
   * The platform's answer when the event loop has nothing left and the handler never answered:
   * an outcome, or "hang" when the platform keeps waiting until its deadline.
   */
  onIdle: () => Outcome | "hang";
  /** "ref": only ref'd timers and sockets keep the invocation open (Node on Lambda) */
  keepAlive: "ref" | "any";
  /** how many times the handler has sent part of its response so far (headers, body writes), where it can */
  progress?: () => number;
};

export type Registered = {
  /** Deno.serve / std serve() handler */
  serve: ((request: Request, info: unknown) => unknown) | null;
  /** addEventListener("fetch", ...) service-worker syntax */
  fetchListener: ((event: unknown) => unknown) | null;
  /** functions registered by name: functions.http / functions.cloudEvent, app.http / app.timer / ... */
  registrations: Registration[];
};

export type Fn = (...args: unknown[]) => unknown;

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
/** The handlers a Workers module's default export may have. */
export const WORKER_HANDLERS = ["fetch", "scheduled", "queue"] as const;

export const isFunction = (value: unknown): value is Fn => typeof value === "function";
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";

export type EntryPoint =
  | { style: "lambda"; fn: Fn; label: string }
  | { style: "fetch-object"; fn: Fn; thisArg: unknown; label: string }
  | { style: "scheduled"; fn: Fn; thisArg: unknown; label: string }
  | { style: "queue"; fn: Fn; thisArg: unknown; label: string }
  | { style: "route"; fn: Fn | null; method: string; label: string }
  | { style: "web-function"; fn: Fn; label: string }
  | { style: "node-function"; fn: Fn; label: string }
  | { style: "serve"; fn: Fn; label: string }
  | { style: "listener"; fn: Fn; label: string }
  | { style: "registered"; registration: Registration; label: string }
  | { style: "slack"; fn: Fn; label: string };

export function methodOf(event: unknown): string | null {
  if (typeof event !== "object" || event === null) return null;
  const e = event as { method?: unknown; httpMethod?: unknown; requestContext?: { http?: { method?: unknown } } };
  const method = e.method ?? e.httpMethod ?? e.requestContext?.http?.method;
  return typeof method === "string" ? method.toUpperCase() : null;
}

/** A real Request built from the event ({method, url, headers, body}, API Gateway shapes, or nothing). */
export function buildRequest(event: unknown): Request {
  const e = (typeof event === "object" && event !== null ? event : {}) as Record<string, unknown>;
  const method = methodOf(event) ?? "GET";
  const base = "https://example.com";
  let url = typeof e.url === "string" ? e.url : undefined;
  if (!url) {
    const path = typeof e.rawPath === "string" ? e.rawPath : typeof e.path === "string" ? e.path : "/";
    const query = typeof e.rawQueryString === "string" && e.rawQueryString ? `?${e.rawQueryString}` : "";
    url = `${path}${query}`;
  }
  const headers = new Headers();
  if (typeof e.headers === "object" && e.headers !== null) {
    for (const [key, value] of Object.entries(e.headers as Record<string, unknown>)) if (value !== undefined) headers.set(key, String(value));
  }
  let body: string | undefined;
  if (e.body !== undefined && e.body !== null && method !== "GET" && method !== "HEAD") {
    if (typeof e.body === "string") body = e.body;
    else {
      body = JSON.stringify(e.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
  }
  return new Request(new URL(url, base), { method, headers, body });
}

export type InvokeDeps = {
  ctx: RunContext;
  family: Family;
  event: unknown;
  lambdaContext: (handlerCallbacks: { succeed: (value: unknown) => void; fail: (error: unknown) => void; done: (error: unknown, value?: unknown) => void }) => {
    callbackWaitsForEmptyEventLoop: boolean;
  };
  /** the second argument of fetch-style handlers; `request` lets Netlify Edge's context.next() fetch it */
  webContext: (request?: Request) => Record<string, unknown>;
  env: Record<string, string>;
  requestId: string;
  /** virtual epoch ms now */
  nowMs: () => number;
  /** context.log of Azure functions: the run's console.log */
  log: (args: unknown[]) => void;
};

/** Calls the entry point. Must run inside a slice (loop.enter()), since it runs user code. */
export function invoke(entry: EntryPoint, deps: InvokeDeps): Invocation {
  switch (entry.style) {
    case "lambda":
      return invokeLambda(entry.fn, deps);
    case "node-function":
      return invokeNodeFunction(entry.fn, deps);
    case "listener":
      return invokeListener(entry.fn, deps);
    case "scheduled": {
      const controller = scheduledController(deps.event, deps.nowMs());
      return invokeFetchStyle("scheduled", () => entry.fn.call(entry.thisArg, controller, { ...deps.env }, deps.webContext()), deps, () => null);
    }
    case "queue": {
      const { batch, tally } = messageBatch(deps.event, deps.nowMs());
      return invokeFetchStyle("queue", () => entry.fn.call(entry.thisArg, batch, { ...deps.env }, deps.webContext()), deps, () => tally(false));
    }
    case "registered":
      return invokeRegistered(entry.registration, entry.label, deps);
    case "slack":
      return invokeSlack(entry.fn, deps);
    default: {
      const request = buildRequest(deps.event);
      const call = (): unknown => {
        switch (entry.style) {
          case "fetch-object":
            return entry.fn.call(entry.thisArg, request, { ...deps.env }, deps.webContext());
          case "route": {
            if (!entry.fn) return new Response(null, { status: 405, statusText: "Method Not Allowed" });
            const params = (typeof deps.event === "object" && deps.event !== null ? (deps.event as { params?: unknown }).params : undefined) ?? {};
            // Next 15 passes params as a promise, Next 14 as an object: this is both
            return entry.fn(request, { params: Object.assign(Promise.resolve(params), params) });
          }
          case "serve":
            return entry.fn(request, { remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 53124 }, completed: new Promise(() => undefined) });
          default:
            return entry.fn(request, deps.webContext(request));
        }
      };
      return invokeFetchStyle(entry.label, call, deps);
    }
  }
}

/** A handler whose returned value (or promise) is the answer; `answer` maps it to what the platform sends. */
function invokeFetchStyle(label: string, call: () => unknown, deps: InvokeDeps, answer: (result: unknown) => unknown = (result) => result): Invocation {
  let outcome: Outcome | null = null;
  try {
    const returned = call();
    Promise.resolve(returned).then(
      (result) => {
        try {
          outcome ??= { kind: "ok", result: answer(result) };
        } catch (error) {
          outcome ??= { kind: "error", error };
        }
      },
      (error) => {
        outcome ??= { kind: "error", error };
      },
    );
  } catch (error) {
    outcome = { kind: "error", error };
  }
  return {
    label,
    settled: () => outcome !== null,
    outcome: () => outcome ?? { kind: "ok", result: null },
    onIdle: () => neverAnswers(deps.family),
    keepAlive: "any",
  };
}

/**
 * What workerd throws when a request's promise can never settle (nothing left that could settle
 * it): IoContext::abortFromHang in src/workerd/io/io-context.c++, wording since workerd
 * v1.20250524.0 (commit 0542d70, "Improve the error message for hung worker event"; before it,
 * "The script will never generate a response.").
 */
export const WORKERS_HUNG_MESSAGE =
  "The Workers runtime canceled this request because it detected that your Worker's code had hung and would never generate a response. Refer to: https://developers.cloudflare.com/workers/observability/errors/";

/** A fetch handler whose promise can never settle: Workers say so at once, servers hang. */
function neverAnswers(family: Family): Outcome | "hang" {
  if (family === "workers") return { kind: "error", error: null, errorType: "Error", errorMessage: WORKERS_HUNG_MESSAGE };
  return "hang";
}

function invokeListener(listener: Fn, deps: InvokeDeps): Invocation {
  let responded: Promise<unknown> | null = null;
  const context = deps.webContext() as { waitUntil: (promise: unknown) => void };
  const event = {
    type: "fetch",
    request: buildRequest(deps.event),
    respondWith: (response: unknown) => {
      responded = Promise.resolve(response);
    },
    waitUntil: context.waitUntil,
    passThroughOnException: () => undefined,
  };
  let thrown: Outcome | null = null;
  try {
    listener(event);
  } catch (error) {
    thrown = { kind: "error", error };
  }
  if (thrown) return { label: "fetch event", settled: () => true, outcome: () => thrown as Outcome, onIdle: () => thrown as Outcome, keepAlive: "any" };
  if (!responded) {
    const never = neverAnswers("workers") as Outcome;
    return { label: "fetch event", settled: () => true, outcome: () => never, onIdle: () => never, keepAlive: "any" };
  }
  return invokeFetchStyle("fetch event", () => responded, deps);
}

/**
 * Lambda's Node.js runtime rules (aws-lambda-nodejs-runtime-interface-client, Runtime.js and
 * CallbackContext.js): a returned promise answers as soon as it settles; callback(null, value)
 * answers at once when context.callbackWaitsForEmptyEventLoop is false, and otherwise only when
 * the event loop is empty (a live setInterval therefore runs into the timeout); only the first
 * of callback/succeed/fail/done counts; if the loop empties first, a non-async handler answers
 * null and an async one fails with Runtime.NodeJsExit.
 */
function invokeLambda(handler: Fn, deps: InvokeDeps): Invocation {
  const { ctx } = deps;
  let outcome: Outcome | null = null;
  let waiting: { value: unknown } | null = null;
  let finished = false;
  const answer = (error: unknown, value?: unknown) => {
    if (error !== undefined && error !== null) outcome = { kind: "error", error };
    else outcome = { kind: "ok", result: value };
  };
  const once =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (finished) return;
      finished = true;
      fn(...args);
    };
  const done = once((error: unknown, value?: unknown) => answer(error, value));
  const succeed = (value: unknown) => done(null, value);
  const fail = (error: unknown) => done(error === undefined || error === null ? "handled" : error);
  const context = deps.lambdaContext({ succeed, fail, done });
  const callback = once((error: unknown, value?: unknown) => {
    if (error !== undefined && error !== null) answer(error);
    else if (!context.callbackWaitsForEmptyEventLoop) answer(null, value);
    else waiting = { value };
  });
  const isAsync = handler.constructor?.name === "AsyncFunction";
  try {
    const returned = handler(deps.event, context, callback);
    const iterator = iteratorKind(returned);
    // a generator handler returns at once without calling back: Lambda would answer null
    if (iterator) outcome = generatorOutcome(iterator, ctx.platformId);
    else if (isThenable(returned)) returned.then(succeed, fail);
  } catch (error) {
    callback(error);
  }
  return {
    label: "handler",
    settled: () => outcome !== null || (waiting !== null && !ctx.loop.hasRefedWork()),
    outcome: () => outcome ?? { kind: "ok", result: (waiting as { value: unknown } | null)?.value ?? null },
    onIdle: () => {
      if (waiting) return { kind: "ok", result: waiting.value };
      if (deps.family !== "lambda") return "hang";
      if (isAsync) {
        return {
          kind: "error",
          error: null,
          errorType: "Runtime.NodeJsExit",
          errorMessage:
            "The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes",
        };
      }
      return { kind: "ok", result: null };
    },
    // Only Lambda's runtime lets the process run dry; elsewhere a server keeps the loop alive.
    keepAlive: deps.family === "lambda" ? "ref" : "any",
  };
}

/** Vercel's Node.js API: (req, res); the response is whatever res.end/json/send wrote. */
function invokeNodeFunction(handler: Fn, deps: InvokeDeps): Invocation {
  const request = buildRequest(deps.event);
  const e = (typeof deps.event === "object" && deps.event !== null ? deps.event : {}) as Record<string, unknown>;
  let outcome: Outcome | null = null;
  let body = "";
  let sent = 0;
  const headers: Record<string, string> = {};
  const url = new URL(request.url);
  const req = {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers: Object.fromEntries(request.headers.entries()),
    query: Object.fromEntries(url.searchParams.entries()),
    body: e.body ?? undefined,
    cookies: {},
    on: () => req,
  };
  const res = {
    statusCode: 200,
    headersSent: false,
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
      return res;
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
    writeHead(code: number, more?: Record<string, unknown>) {
      sent++;
      res.statusCode = code;
      for (const [key, value] of Object.entries(more ?? {})) headers[key.toLowerCase()] = String(value);
      return res;
    },
    write(chunk: unknown) {
      sent++;
      body += String(chunk);
      res.headersSent = true;
      return true;
    },
    end(chunk?: unknown) {
      if (outcome) return res;
      if (chunk !== undefined && typeof chunk !== "function") body += String(chunk);
      outcome = { kind: "ok", result: { status: res.statusCode, headers: { ...headers }, body } };
      return res;
    },
    json(value: unknown) {
      headers["content-type"] ??= "application/json; charset=utf-8";
      return res.end(JSON.stringify(value));
    },
    send(value: unknown) {
      if (typeof value === "object" && value !== null) return res.json(value);
      return res.end(value === undefined ? "" : String(value));
    },
    redirect(statusOrUrl: number | string, maybeUrl?: string) {
      const [code, location] = typeof statusOrUrl === "number" ? [statusOrUrl, maybeUrl ?? "/"] : [307, statusOrUrl];
      res.statusCode = code;
      headers.location = location;
      return res.end();
    },
  };
  try {
    const returned = handler(req, res);
    Promise.resolve(returned).then(
      (value) => {
        // a handler returning a Response (Vercel's newer signature) answers with it
        if (!outcome && typeof Response !== "undefined" && value instanceof Response) outcome = { kind: "ok", result: value };
      },
      (error) => {
        outcome ??= { kind: "error", error };
      },
    );
  } catch (error) {
    outcome = { kind: "error", error };
  }
  return {
    label: "default",
    settled: () => outcome !== null,
    outcome: () => outcome ?? { kind: "ok", result: null },
    onIdle: () => "hang",
    keepAlive: "any",
    progress: () => sent,
  };
}

/** A function registered by name: Google's functions.http / cloudEvent, Azure's app.http / timer / queues. */
function invokeRegistered(registration: Registration, label: string, deps: InvokeDeps): Invocation {
  const { fn } = registration;
  if (registration.via === "functions.http") return invokeNodeFunction(fn, deps);
  const nowIso = new Date(deps.nowMs()).toISOString();
  if (registration.trigger === "cloudEvent") {
    const cloudEvent = cloudEventOf(deps.event, deps.requestId, nowIso);
    // the framework's legacy signature (cloudEvent, callback) finishes on the callback
    if (fn.length >= 2) {
      let outcome: Outcome | null = null;
      try {
        fn(cloudEvent, (error: unknown, value?: unknown) => {
          outcome ??= error !== undefined && error !== null ? { kind: "error", error } : { kind: "ok", result: value ?? null };
        });
      } catch (error) {
        outcome = { kind: "error", error };
      }
      return { label, settled: () => outcome !== null, outcome: () => outcome ?? { kind: "ok", result: null }, onIdle: () => "hang", keepAlive: "any" };
    }
    return invokeFetchStyle(label, () => fn(cloudEvent), deps);
  }
  // Azure Functions: (trigger input, InvocationContext)
  const e = typeof deps.event === "object" && deps.event !== null ? (deps.event as Record<string, unknown>) : {};
  const context = invocationContext(registration.name, deps.requestId, registration, deps.log);
  if (registration.trigger === "http") {
    const request = buildRequest(deps.event);
    const params = typeof e.params === "object" && e.params !== null ? (e.params as Record<string, string>) : {};
    return invokeFetchStyle(label, () => fn(azureRequest(request, params), context), deps, azureResponse);
  }
  if (registration.trigger === "timer") return invokeFetchStyle(label, () => fn(azureTimer(deps.event, nowIso), context), deps, () => null);
  // a queue trigger gets the message itself: the event's `message` or the whole event
  const message = "message" in e ? e.message : deps.event;
  return invokeFetchStyle(label, () => fn(message, context), deps);
}
