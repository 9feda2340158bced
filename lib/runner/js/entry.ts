// Finding the handler in the user's exports and calling it the way its platform would:
// Lambda's (event, context, callback) with the runtime's exact completion rules, fetch-style
// handlers (Workers, Deno, Netlify v2, Next route handlers) with a real Request, and Vercel's
// Node (req, res) API.

import type { EntryCandidate, SimulationError } from "../types";
import type { RunContext } from "./run-context";
import { azureRequest, azureResponse, azureTimer, cloudEventOf, generatorOutcome, invocationContext, iteratorKind, messageBatch, scheduledController, workersEventKind, type Registration } from "./runtimes";

/**
 * lambda: Node on AWS Lambda (also behind API Gateway, and Netlify Functions, which run there);
 * node: a Node server (Vercel, Cloud Run, GCP, Heroku...); workers: Cloudflare's isolates;
 * deno: Deno and Supabase edge functions; edge: other web-standard isolates (Vercel Edge).
 */
export type Family = "lambda" | "node" | "workers" | "deno" | "edge";

/** Which runtime's rules a preset id implies; the presets themselves only carry the clock. */
export function familyOf(platformId: string): Family {
  const id = platformId.toLowerCase();
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

export type Outcome = { kind: "ok"; result: unknown } | { kind: "error"; error: unknown; errorType?: string; errorMessage?: string };

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
};

export type Registered = {
  /** Deno.serve / std serve() handler */
  serve: ((request: Request, info: unknown) => unknown) | null;
  /** addEventListener("fetch", ...) service-worker syntax */
  fetchListener: ((event: unknown) => unknown) | null;
  /** functions registered by name: functions.http / functions.cloudEvent, app.http / app.timer / ... */
  registrations: Registration[];
};

type Fn = (...args: unknown[]) => unknown;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
/** The handlers a Workers module's default export may have. */
const WORKER_HANDLERS = ["fetch", "scheduled", "queue"] as const;

const isFunction = (value: unknown): value is Fn => typeof value === "function";
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
  | { style: "registered"; registration: Registration; label: string };

export type EntryChoice = { entry: EntryPoint } | { error: SimulationError };

export type EntryQuery = {
  moduleExports: unknown;
  registered: Registered;
  family: Family;
  event: unknown;
  platformId: string;
  /** request.handler: the export (or registered name) a deploy config names */
  handler?: string | undefined;
  /** the line an export is declared on, when the scan saw it */
  exportLine: (name: string) => number | null;
  /** the user's line of a registration's call site */
  siteLine: (site: Error) => number | null;
};

/** `src/index.main` → `main`, `handler.endpoint` → `endpoint`: deploy configs name file.export. */
export function handlerName(handler: string): string {
  const text = handler.trim();
  const at = text.lastIndexOf(".");
  return at >= 0 ? text.slice(at + 1) : text;
}

/** "main (function, line 4)", as the Python engine lists them. */
function listing(list: EntryCandidate[]): string {
  return list.map((c) => `${c.name} (${c.kind}${c.line !== null ? `, line ${c.line}` : ""})`).join(", ");
}

/** azure-http, azure-timer, azure-queue, gcp-http, gcp-cloudevent */
function registrationKind(r: Registration): string {
  return r.via.startsWith("functions.") ? `gcp-${r.trigger.toLowerCase()}` : `azure-${r.trigger}`;
}

const HANDLER_FIELD = "name it with --handler NAME (the export your deploy config names, e.g. handler: src/index.main) or the editor's Handler field";

/** Picks the handler: the one named by request.handler, else the one the platform's convention finds. */
export function chooseEntry(query: EntryQuery): EntryChoice {
  const { moduleExports, registered, family, event, platformId } = query;
  const exportsObject = (typeof moduleExports === "object" || typeof moduleExports === "function") && moduleExports !== null ? (moduleExports as Record<string, unknown>) : {};
  const fallbackDefault = isFunction(moduleExports) && !isFunction(exportsObject.handler) ? moduleExports : undefined;
  const defaultExport = exportsObject.default ?? fallbackDefault;
  const workerObject = typeof defaultExport === "object" && defaultExport !== null ? (defaultExport as Record<string, unknown>) : null;
  const registrations = registered.registrations;

  const named = (name: string, fn: Fn): EntryPoint => {
    if ((METHODS as readonly string[]).includes(name)) return { style: "route", fn, method: name, label: name };
    if (family === "lambda") return { style: "lambda", fn, label: name };
    if (family === "node" && fn.length >= 2) return { style: "node-function", fn, label: name };
    return { style: "web-function", fn, label: name };
  };
  const registrationLabel = (r: Registration) => `${r.via}("${r.name}")`;
  const candidates = (): EntryCandidate[] => {
    const list: EntryCandidate[] = [];
    for (const [name, value] of Object.entries(exportsObject)) {
      if (name === "__esModule") continue;
      const worker = name === "default" && workerObject && WORKER_HANDLERS.some((key) => isFunction(workerObject[key]));
      if (isFunction(value) || worker) list.push({ name, kind: worker ? "workers-module" : "function", line: query.exportLine(name) });
    }
    for (const r of registrations) list.push({ name: r.name, kind: registrationKind(r), line: query.siteLine(r.site) });
    return list;
  };
  const ambiguous = (what: string): EntryChoice => {
    const list = candidates();
    return { error: { type: "EntryPointError", message: `${what}: ${listing(list)}; ${HANDLER_FIELD}`, line: null, candidates: list } };
  };
  const fromRegistration = (r: Registration): EntryPoint => ({ style: "registered", registration: r, label: registrationLabel(r) });

  // ---- a name given by the deploy config decides
  if (query.handler !== undefined && query.handler.trim() !== "") {
    const name = handlerName(query.handler);
    const registration = registrations.find((r) => r.name === name);
    if (registration) return { entry: fromRegistration(registration) };
    if (workerObject && (WORKER_HANDLERS as readonly string[]).includes(name) && isFunction(workerObject[name])) {
      return { entry: workerEntry(name as (typeof WORKER_HANDLERS)[number], workerObject) };
    }
    if (name === "default" && defaultExport !== undefined) {
      const entry = workerObject ? workerFor(workerObject, event) : null;
      if (entry && "entry" in entry) return entry;
      if (isFunction(defaultExport)) return { entry: defaultFunction(defaultExport, family, platformId) };
    }
    const value = name === "module.exports" ? moduleExports : exportsObject[name];
    if (isFunction(value)) return { entry: named(name, value) };
    const list = candidates();
    const has = list.length > 0 ? `; the entry points found are ${listing(list)}` : "; it exports no function";
    // Lambda's Node runtime says it this way (aws-lambda-nodejs-runtime-interface-client, UserFunction.js)
    const missing = family === "lambda" ? `${query.handler.trim()} is undefined or not exported` : `the handler is set to "${query.handler}", but the module has no function named ${name}`;
    return { error: { type: "EntryPointError", message: `${missing}${has}`, line: null, candidates: list } };
  }

  // ---- the platform's own convention, in the order its runtime looks
  const lambda = (): EntryPoint | null => {
    if (isFunction(exportsObject.handler)) return { style: "lambda", fn: exportsObject.handler, label: "handler" };
    if (family === "lambda" && isFunction(moduleExports)) return { style: "lambda", fn: moduleExports, label: "module.exports" };
    return null;
  };
  const route = (): EntryPoint | null => {
    const exported = METHODS.filter((method) => isFunction(exportsObject[method]));
    if (exported.length === 0) return null;
    const wanted = methodOf(event);
    const method = wanted ?? (exported.includes("GET") ? "GET" : (exported[0] as string));
    const fn = exportsObject[method];
    return { style: "route", fn: isFunction(fn) ? fn : null, method, label: method };
  };
  const serve = (): EntryPoint | null => (registered.serve ? { style: "serve", fn: registered.serve as Fn, label: "Deno.serve" } : null);
  const listener = (): EntryPoint | null => (registered.fetchListener ? { style: "listener", fn: registered.fetchListener as Fn, label: "fetch event" } : null);

  const steps: Array<() => EntryPoint | EntryChoice | null> =
    family === "lambda"
      ? [lambda, () => (workerObject ? workerFor(workerObject, event) : null), () => (isFunction(defaultExport) ? defaultFunction(defaultExport, family, platformId) : null), route, serve, listener, () => registeredFor(registrations, event, ambiguous, fromRegistration)]
      : [serve, listener, () => registeredFor(registrations, event, ambiguous, fromRegistration), () => (workerObject ? workerFor(workerObject, event) : null), route, () => (isFunction(defaultExport) ? defaultFunction(defaultExport, family, platformId) : null), lambda];
  for (const step of steps) {
    const found = step();
    if (!found) continue;
    return "style" in found ? { entry: found } : found;
  }
  // Google Cloud Functions and friends name the export after the function: take a lone one
  const functions = Object.entries(exportsObject).filter(([, value]) => isFunction(value));
  if (functions.length === 1) {
    const [name, fn] = functions[0] as [string, Fn];
    return { entry: named(name, fn) };
  }
  if (functions.length > 1) return ambiguous(`${functions.length} exported functions could be the handler and nothing says which`);
  return { error: { type: "Runtime.HandlerNotFound", message: NOT_FOUND_MESSAGE, line: null } };
}

const NOT_FOUND_MESSAGE =
  "no handler found: export handler (Lambda/Netlify), export default { fetch } (Workers/Deno), export async function GET/POST (Vercel/Next), export default function, app.http(...) (Azure), functions.http(...) (Google), or call Deno.serve(fn)";

function defaultFunction(fn: Fn, family: Family, platformId: string): EntryPoint {
  // Lambda itself wants a named export; run a default one as the handler rather than refuse
  if (family === "lambda" && !/netlify/i.test(platformId)) return { style: "lambda", fn, label: "default" };
  // Vercel's Node API is (req, res); Netlify v2 and Vercel's web signature take (request, context)
  if (family === "node" && fn.length >= 2) return { style: "node-function", fn, label: "default" };
  return { style: "web-function", fn, label: "default" };
}

function workerEntry(name: (typeof WORKER_HANDLERS)[number], object: Record<string, unknown>): EntryPoint {
  const fn = object[name] as Fn;
  if (name === "fetch") return { style: "fetch-object", fn, thisArg: object, label: "fetch" };
  return { style: name, fn, thisArg: object, label: name };
}

/** A Workers module: the event's shape says which of fetch / scheduled / queue the platform calls. */
function workerFor(object: Record<string, unknown>, event: unknown): EntryChoice | null {
  const present = WORKER_HANDLERS.filter((name) => isFunction(object[name]));
  if (present.length === 0) return null;
  const kind = workersEventKind(event);
  if (isFunction(object[kind])) return { entry: workerEntry(kind, object) };
  // no event to go by and one handler: that one
  if (kind === "fetch" && present.length === 1) return { entry: workerEntry(present[0] as (typeof WORKER_HANDLERS)[number], object) };
  const what = kind === "scheduled" ? "a Cron Trigger ({ cron, scheduledTime })" : kind === "queue" ? "a Queue batch ({ messages: [...] })" : "a request";
  return {
    error: {
      type: "EntryPointError",
      message: `the event is ${what}, but the default export has no ${kind}() handler; it has ${present.map((name) => `${name}()`).join(", ")}. Give an event of that shape, or name the handler with --handler ${present[0]}`,
      line: null,
      candidates: present.map((name) => ({ name, kind: `workers-${name}`, line: null })),
    },
  };
}

/** Functions registered by name: one is the handler; several are told apart by the event's shape. */
function registeredFor(registrations: Registration[], event: unknown, ambiguous: (what: string) => EntryChoice, from: (r: Registration) => EntryPoint): EntryPoint | EntryChoice | null {
  if (registrations.length === 0) return null;
  if (registrations.length === 1) return from(registrations[0] as Registration);
  const e = typeof event === "object" && event !== null ? (event as Record<string, unknown>) : {};
  const trigger: Registration["trigger"] | null =
    typeof e.url === "string" || typeof e.method === "string" || typeof e.httpMethod === "string"
      ? "http"
      : typeof e.specversion === "string"
        ? "cloudEvent"
        : e.scheduleStatus !== undefined || e.isPastDue !== undefined
          ? "timer"
          : null;
  const matching = trigger ? registrations.filter((r) => r.trigger === trigger) : [];
  if (matching.length === 1) return from(matching[0] as Registration);
  return ambiguous(`${registrations.length} registered functions could be the handler and the event does not say which`);
}

function methodOf(event: unknown): string | null {
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

/** A fetch handler whose promise can never settle: Workers say so at once, servers hang. */
function neverAnswers(family: Family): Outcome | "hang" {
  if (family === "workers") {
    return { kind: "error", error: null, errorType: "Error", errorMessage: "The script will never generate a response." };
  }
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
      res.statusCode = code;
      for (const [key, value] of Object.entries(more ?? {})) headers[key.toLowerCase()] = String(value);
      return res;
    },
    write(chunk: unknown) {
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
