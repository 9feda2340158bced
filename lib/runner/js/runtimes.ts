// Platform runtimes beyond a plain handler call: Azure Functions' Node v4 programming model
// (@azure/functions app.http / app.timer / app.storageQueue), Cloudflare Workers' scheduled() and
// queue() handlers, Google's CloudEvent functions, and Netlify's globals. Each builds the objects
// the platform hands the function from the event and reads the answer the way the platform does.

import type { Outcome } from "./entry";

type Fn = (...args: unknown[]) => unknown;

/** A function registered by name through a framework rather than exported. */
export type Registration = {
  /** how it was registered, as the person wrote it: "app.http", "functions.cloudEvent", ... */
  via: string;
  name: string;
  trigger: "http" | "timer" | "queue" | "cloudEvent";
  fn: Fn;
  options: Record<string, unknown>;
  /** where it was registered, for the candidates of an ambiguous choice */
  site: Error;
};

export type Register = (registration: Omit<Registration, "site">) => void;

const isFunction = (value: unknown): value is Fn => typeof value === "function";
const asObject = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});

// ------------------------------------------------------------------------------ Azure Functions

/**
 * @azure/functions 4.x (https://github.com/Azure/azure-functions-nodejs-library, src/app.ts):
 * app.http(name, { methods, authLevel, route, handler }), the app.get/post/put/patch/deleteRequest
 * shortcuts taking (name, handler | options), app.timer(name, { schedule, handler }) and the queue
 * triggers (name, { queueName, connection, handler }).
 */
export function createAzureFunctions(register: Register) {
  const options = (value: unknown): Record<string, unknown> => (isFunction(value) ? { handler: value } : asObject(value));
  const add = (via: string, trigger: Registration["trigger"], name: unknown, value: unknown, extra: Record<string, unknown> = {}) => {
    const opts = { ...extra, ...options(value) };
    if (typeof name !== "string" || !isFunction(opts.handler)) {
      throw new TypeError(`${via}(name, options): give the function a name and a handler, e.g. ${via}("hello", { handler: async (request, context) => ({ body: "hi" }) })`);
    }
    register({ via, name, trigger, fn: opts.handler, options: opts });
  };
  const shortcut = (method: string) => (name: unknown, value: unknown) => add("app.http", "http", name, value, { methods: [method] });
  const app = {
    http: (name: unknown, value: unknown) => add("app.http", "http", name, value),
    get: shortcut("GET"),
    put: shortcut("PUT"),
    post: shortcut("POST"),
    patch: shortcut("PATCH"),
    deleteRequest: shortcut("DELETE"),
    timer: (name: unknown, value: unknown) => add("app.timer", "timer", name, value),
    storageQueue: (name: unknown, value: unknown) => add("app.storageQueue", "queue", name, value),
    serviceBusQueue: (name: unknown, value: unknown) => add("app.serviceBusQueue", "queue", name, value),
    setup: () => undefined,
    hook: { appStart: () => undefined, appTerminate: () => undefined, preInvocation: () => undefined, postInvocation: () => undefined },
  };
  class HttpResponse {
    readonly init: Record<string, unknown>;
    constructor(init?: Record<string, unknown>) {
      this.init = init ?? {};
    }
  }
  const binding = () => new Proxy({}, { get: () => (value: unknown) => value });
  return { app, HttpResponse, input: binding(), output: binding(), trigger: binding(), default: undefined as unknown };
}

/** Azure's HttpRequest over a real Request: the fields its handlers read. */
export function azureRequest(request: Request, params: Record<string, string>) {
  const url = new URL(request.url);
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    query: url.searchParams,
    params,
    user: null,
    get body() {
      return request.body;
    },
    get bodyUsed() {
      return request.bodyUsed;
    },
    text: () => request.text(),
    json: () => request.json() as Promise<unknown>,
    arrayBuffer: () => request.arrayBuffer(),
    blob: () => request.blob(),
    formData: () => request.formData(),
    clone: () => azureRequest(request.clone(), params),
  };
}

/** Azure's InvocationContext: context.log and friends write to the run's output. */
export function invocationContext(name: string, invocationId: string, trigger: Registration, log: (args: unknown[]) => void, triggerMetadata: Record<string, unknown> = {}) {
  const logger = (...args: unknown[]) => log(args);
  return {
    invocationId,
    functionName: name,
    extraInputs: { get: () => undefined },
    extraOutputs: { set: () => undefined, get: () => undefined },
    retryContext: undefined,
    traceContext: { traceParent: `00-${invocationId.replace(/-/g, "")}-0000000000000000-01`, traceState: "", attributes: {} },
    triggerMetadata,
    options: { trigger: { type: `${trigger.trigger}Trigger`, name: trigger.trigger === "http" ? "httpTrigger" : trigger.name, ...trigger.options }, extraInputs: [], extraOutputs: [] },
    log: logger,
    trace: logger,
    debug: logger,
    info: logger,
    warn: logger,
    error: logger,
  };
}

/**
 * What an HTTP function's return value sends: an HttpResponse or HttpResponseInit ({ status,
 * body, jsonBody, headers }); nothing at all is 204 No Content (Functions 2.x and later,
 * https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-output).
 * jsonBody is JSON.stringify'd with content-type application/json, as HttpResponse does
 * (@azure/functions 4.12.0 src/http/HttpResponse.ts).
 */
export function azureResponse(value: unknown): Response {
  if (typeof Response !== "undefined" && value instanceof Response) return value;
  if (value === undefined || value === null) return new Response(null, { status: 204 });
  const init = asObject(asObject(value).init ?? value);
  const headers = new Headers(init.headers as HeadersInit | undefined);
  const status = typeof init.status === "number" ? init.status : 200;
  if (init.jsonBody !== undefined && init.jsonBody !== null) {
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new Response(JSON.stringify(init.jsonBody), { status, headers });
  }
  const body = init.body;
  const text = body === undefined || body === null ? null : typeof body === "string" || body instanceof Uint8Array || body instanceof ArrayBuffer ? body : JSON.stringify(body);
  const nullBody = status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : (text as BodyInit | null), { status, headers });
}

/** The Timer object a timer trigger gets (@azure/functions types/timer.d.ts). */
export function azureTimer(event: unknown, nowIso: string) {
  const e = asObject(event);
  return {
    isPastDue: e.isPastDue === true,
    schedule: { adjustForDST: true },
    scheduleStatus: { last: nowIso, next: nowIso, lastUpdated: nowIso, ...asObject(e.scheduleStatus) },
  };
}

// ------------------------------------------------------------------------------ Cloudflare Workers

/** Which Workers handler an event is for: a Cron Trigger, a Queue batch, or a request. */
export function workersEventKind(event: unknown): "scheduled" | "queue" | "fetch" {
  const e = asObject(event);
  if (typeof e.url === "string" || typeof e.method === "string") return "fetch";
  if (Array.isArray(e.messages)) return "queue";
  if (typeof e.cron === "string" || e.scheduledTime !== undefined) return "scheduled";
  return "fetch";
}

/** ScheduledController (workers-types): cron, scheduledTime (ms since epoch), noRetry(). */
export function scheduledController(event: unknown, nowMs: number) {
  const e = asObject(event);
  const time = typeof e.scheduledTime === "number" ? e.scheduledTime : typeof e.scheduledTime === "string" ? Date.parse(e.scheduledTime) : nowMs;
  return { cron: typeof e.cron === "string" ? e.cron : "* * * * *", scheduledTime: time, type: "scheduled", noRetry: () => undefined };
}

export type QueueTally = { queue: string; messages: { id: string; outcome: "acked" | "retried" | "implicit ack" | "implicit retry" }[] };

/**
 * A MessageBatch and its messages (ack(), retry(), ackAll(), retryAll()). Messages neither acked
 * nor retried are acknowledged when the handler returns and retried when it throws
 * (https://developers.cloudflare.com/queues/configuration/batching-retries/).
 */
export function messageBatch(event: unknown, nowMs: number) {
  const e = asObject(event);
  const queue = typeof e.queue === "string" ? e.queue : "simulated-queue";
  const decided = new Map<string, "acked" | "retried">();
  const raw = Array.isArray(e.messages) ? e.messages : [];
  const messages = raw.map((item, index) => {
    const m = asObject(item);
    const id = typeof m.id === "string" ? m.id : `message-${index + 1}`;
    // a bare value in the list is the body itself
    const body = typeof item === "object" && item !== null && "body" in m ? m.body : item;
    return {
      id,
      timestamp: new Date(typeof m.timestamp === "number" || typeof m.timestamp === "string" ? m.timestamp : nowMs),
      body,
      attempts: typeof m.attempts === "number" ? m.attempts : 1,
      ack: () => void (decided.has(id) || decided.set(id, "acked")),
      retry: () => void (decided.has(id) || decided.set(id, "retried")),
    };
  });
  const batch = {
    queue,
    messages,
    ackAll: () => messages.forEach((m) => m.ack()),
    retryAll: () => messages.forEach((m) => m.retry()),
  };
  const tally = (failed: boolean): QueueTally => ({
    queue,
    messages: messages.map((m) => ({ id: m.id, outcome: decided.get(m.id) ?? (failed ? "implicit retry" : "implicit ack") })),
  });
  return { batch, tally };
}

// ------------------------------------------------------------------------------ Google Cloud

/**
 * The CloudEvent a functions.cloudEvent handler gets: the event itself when it already is one
 * (has specversion), otherwise a CloudEvents 1.0 envelope with the event as its data.
 */
export function cloudEventOf(event: unknown, id: string, nowIso: string): Record<string, unknown> {
  const e = asObject(event);
  if (typeof e.specversion === "string") return { ...e };
  return {
    specversion: "1.0",
    id,
    source: "//simulated.deadline/events",
    type: typeof e.type === "string" ? e.type : "google.cloud.pubsub.topic.v1.messagePublished",
    time: nowIso,
    datacontenttype: "application/json",
    data: event,
  };
}

// ------------------------------------------------------------------------------ generators

/**
 * A handler's answer that is a generator or an async iterator: no Node platform iterates one, so
 * the body never runs (Lambda JSON-serialises it to {}). Returns what kind it is, or null.
 */
export function iteratorKind(value: unknown): "async generator" | "generator" | "async iterator" | null {
  if (typeof value !== "object" || value === null) return null;
  const tag = Object.prototype.toString.call(value);
  if (tag === "[object AsyncGenerator]") return "async generator";
  if (tag === "[object Generator]") return "generator";
  if (typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function" && typeof (value as { next?: unknown }).next === "function") return "async iterator";
  return null;
}

export function generatorOutcome(kind: NonNullable<ReturnType<typeof iteratorKind>>, platform: string): Extract<Outcome, { kind: "error" }> {
  return {
    kind: "error",
    error: null,
    errorType: "HandlerReturnedGenerator",
    errorMessage: `the handler returned ${kind.startsWith("async") ? "an" : "a"} ${kind}, and ${platform} does not iterate it: the platform serialises the object (as {}), so the code inside never runs. Collect the values and return them, or stream a Response (a ReadableStream body; on Lambda awslambda.streamifyResponse).`,
  };
}
