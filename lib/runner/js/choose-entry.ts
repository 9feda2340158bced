// Which function is the handler: the one request.handler names (a deploy config's `file.name`),
// else the one the platform's runtime would find by its convention; when several fit and nothing
// decides, an EntryPointError listing the candidates rather than a guess.

import type { EntryCandidate, SimulationError } from "../types";
import { isFunction, METHODS, methodOf, WORKER_HANDLERS, type EntryPoint, type Family, type Fn, type Registered } from "./entry";
import { slackDefinition } from "./libraries/slack";
import { workersEventKind, type Registration } from "./runtimes";

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

  // ---- Slack's runtime calls the function file's default export (SlackFunction(...) or a plain handler)
  if (platformId === "slack-deno") {
    if (isFunction(defaultExport)) {
      const title = slackDefinition(defaultExport).title;
      return { entry: { style: "slack", fn: defaultExport, label: typeof title === "string" ? `SlackFunction "${title}"` : "default" } };
    }
    return {
      error: {
        type: "EntryPointError",
        message: "a Slack function file's default export is the handler: export default SlackFunction(MyFunctionDefinition, async ({ inputs, client }) => ({ outputs: {} }))",
        line: null,
        candidates: candidates(),
      },
    };
  }

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

