// The Deno Slack SDK (deno-slack-sdk 2.15, https://github.com/slackapi/deno-slack-sdk at aead98c9)
// and its API client (deno-slack-api 2.9, https://github.com/slackapi/deno-slack-api at b514bef9)
// as a workflow app's function file uses them: DefineFunction, Schema, SlackFunction with its
// interactivity routers, DefineWorkflow and friends as plain definitions, and SlackAPI, the
// client SlackFunction hands the handler as `client`. Every API call is a form-encoded POST to
// https://slack.com/api/<method> (base-client.ts apiCall) on the simulated network: a response
// rule answers first; without one, the Slack Web API methods a function typically calls answer
// with their documented shapes (chat.postMessage, workflows.triggers.create, the
// functions.complete* pair), marked as the service model's; anything else gets the default answer.

import { captureSite, type RunContext } from "../run-context";
import type { Answer } from "../../world";
import { connectionRefused, exchange, isRecord, parseJson } from "./transport";

type Fn = (...args: unknown[]) => unknown;

/** Marks a SlackFunction's handler module and holds its definition, for the runtime (slack-runtime.ts). */
export const SLACK_FUNCTION = Symbol.for("deadline.slack-function");

const SLACK_API_URL = "https://slack.com/api/";

// deno-slack-sdk src/schema/schema_types.ts and src/schema/slack/types/mod.ts
const SCHEMA_TYPES = { string: "string", boolean: "boolean", integer: "integer", number: "number", object: "object", array: "array" } as const;
const SLACK_TYPES = {
  blocks: "slack#/types/blocks",
  canvas_id: "slack#/types/canvas_id",
  canvas_template_id: "slack#/types/canvas_template_id",
  channel_id: "slack#/types/channel_id",
  date: "slack#/types/date",
  expanded_rich_text: "slack#/types/expanded_rich_text",
  file_id: "slack#/types/file_id",
  message_ts: "slack#/types/message_ts",
  oauth2: "slack#/types/credential/oauth2",
  rich_text: "slack#/types/rich_text",
  salesforce_record_id: "slack#/types/salesforce_record_id",
  team_id: "slack#/types/team_id",
  timestamp: "slack#/types/timestamp",
  user_id: "slack#/types/user_id",
  usergroup_id: "slack#/types/usergroup_id",
  // custom types (src/schema/slack/types/custom): DefineType objects named slack#/types/<name>
  interactivity: { id: "slack#/types/interactivity", type: "object" },
  user_context: { id: "slack#/types/user_context", type: "object" },
  message_context: { id: "slack#/types/message_context", type: "object" },
} as const;

// deno-slack-api src/typed-method-types/workflows/triggers/mod.ts
const TRIGGER_TYPES = { Event: "event", Scheduled: "scheduled", Shortcut: "shortcut", Webhook: "webhook" } as const;

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** Schema.slack.functions.SendMessage → a Slack function definition with id slack#/functions/send_message. */
function slackFunctions(): unknown {
  return new Proxy({}, { get: (_t, key) => (typeof key === "string" ? { type: "function", id: `slack#/functions/${snake(key)}`, definition: { callback_id: snake(key) } } : undefined) });
}

/** TriggerContextData.Shortcut.user_id → "{{data.user_id}}", any depth, as the API module's constants read. */
function contextData(path: string[]): unknown {
  const text = `{{data${path.map((p) => `.${p}`).join("")}}}`;
  return new Proxy(
    {},
    {
      get: (_t, key) => {
        if (key === "toJSON" || key === "toString" || key === Symbol.toPrimitive) return () => text;
        return typeof key === "string" ? contextData([...path, key]) : undefined;
      },
    },
  );
}

const TRIGGER_CONTEXT_DATA = new Proxy({}, { get: (_t, key) => (typeof key === "string" ? contextData([]) : undefined) });
/** TriggerEventTypes.AppMentioned → "slack#/events/app_mentioned" (trigger-event-types.ts). */
const TRIGGER_EVENT_TYPES = new Proxy({}, { get: (_t, key) => (typeof key === "string" ? `slack#/events/${snake(key)}` : undefined) });

// ------------------------------------------------------------------------------ the API client

/** serializeData (base-client-helpers.ts): each value as is when a string, else JSON. */
function serialize(data: Record<string, unknown>): URLSearchParams {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    out[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return new URLSearchParams(out);
}

let serial = 0;

/** What the Slack Web API answers a method it models, or null (the rule / default answer is used). */
function serviceAnswer(ctx: RunContext, url: string, method: string, data: Record<string, unknown>): Answer | null {
  const now = (ctx.epoch + ctx.loop.now()) / 1000;
  const ts = `${Math.floor(now)}.${String(++serial).padStart(6, "0")}`;
  let body: Record<string, unknown> | null = null;
  if (method === "chat.postMessage" || method === "chat.postEphemeral") {
    body =
      method === "chat.postMessage"
        ? { ok: true, channel: data.channel ?? null, ts, message: { type: "message", text: data.text ?? "", user: "U0SIMULATED", bot_id: "B0SIMULATED", ts } }
        : { ok: true, message_ts: ts };
  } else if (method === "workflows.triggers.create") {
    const id = `Ft0SIMULATED${serial}`;
    const workflow = typeof data.workflow === "string" ? data.workflow : "";
    const callback = /#\/workflows\/(.+)$/.exec(workflow)?.[1] ?? workflow;
    body = {
      ok: true,
      trigger: {
        id,
        type: data.type ?? null,
        name: data.name ?? "",
        description: data.description ?? "",
        workflow: { callback_id: callback, workflow_id: `Wf0SIMULATED${serial}` },
        inputs: data.inputs ?? {},
        ...(data.type === "shortcut" ? { shortcut_url: `https://slack.com/shortcuts/${id}/0simulated` } : {}),
        ...(data.type === "webhook" ? { webhook_url: `https://hooks.slack.com/triggers/T0SIMULATED/${id}/0simulated` } : {}),
        ...(data.schedule !== undefined ? { schedule: data.schedule } : {}),
        date_created: Math.floor(now),
        date_updated: Math.floor(now),
      },
    };
  } else if (method === "functions.completeSuccess" || method === "functions.completeError") {
    body = { ok: true };
  }
  if (!body) return null;
  return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body), latency: ctx.responder.latency(url), source: "service" };
}

/** @std/http's createHttpError: an error named after the status (404 → NotFound), message `<status>: <body>`. */
function httpError(status: number, text: string): Error {
  const names: Record<number, string> = { 400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 408: "RequestTimeout", 429: "TooManyRequests", 500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout" };
  const error = new Error(`${status}: ${text}`);
  error.name = names[status] ?? (status >= 500 ? "InternalServerError" : "BadRequest");
  return Object.assign(error, { status, expose: status < 500 });
}

/**
 * SlackAPI(token, { slackApiUrl }): apiCall, response, setSlackApiUrl, and every method as a path.
 * The token would go in `Authorization: Bearer`; the simulated API answers without checking it.
 */
export function createSlackClient(ctx: RunContext, token: string | undefined, options: { slackApiUrl?: string | undefined } = {}): unknown {
  let base = options.slackApiUrl || SLACK_API_URL;
  const call = async (url: string, method: string, data: Record<string, unknown>, form: boolean, site: Error): Promise<Record<string, unknown>> => {
    const answer = ctx.responder.match("POST", url, ctx.loop.now() / 1000) ?? (form ? serviceAnswer(ctx, url, method, data) : null) ?? ctx.responder.fallback(url);
    const got = await exchange({
      ctx,
      method: "POST",
      url,
      site,
      ...(form ? {} : { detail: "Slack response_url" }),
      answer,
      refusedError: () => new TypeError("fetch failed", { cause: connectionRefused(url) }),
    });
    if (got.status < 200 || got.status >= 300) throw httpError(got.status, got.body);
    const parsed = parseJson(got.body);
    const response = new Response(got.body, { status: got.status, headers: got.headers });
    return { toFetchResponse: () => response, ...(isRecord(parsed) ? parsed : {}) };
  };
  const apiCall = (method: unknown, data: unknown = {}) => {
    const site = captureSite();
    const args = isRecord(data) ? data : {};
    // the form body is built as the client builds it, so a value that cannot be serialised fails here too
    serialize(args);
    return call(`${base.replace(/\/$/, "")}/${String(method)}`, String(method), args, true, site);
  };
  const root: Record<string, unknown> = {
    apiCall,
    response: (url: unknown, data: unknown) => call(String(url), "response", isRecord(data) ? data : {}, false, captureSite()),
    setSlackApiUrl: (url: unknown) => {
      base = String(url);
      return client;
    },
  };
  const methodProxy = (path: string[]): unknown =>
    new Proxy((payload?: unknown) => apiCall(path.join("."), payload), {
      get: (target, key) => {
        if (typeof key !== "string" || key === "then") return undefined;
        return methodProxy([...path, key]);
      },
    });
  const client: unknown = new Proxy(root, {
    get: (target, key) => {
      if (typeof key !== "string" || key === "then") return undefined;
      if (key in target) return target[key];
      return methodProxy([key]);
    },
  });
  return client;
}

// ------------------------------------------------------------------------------ the SDK

type Constraint = string | string[] | RegExp | { action_id?: string | string[] | RegExp; block_id?: string | string[] | RegExp };

/** matchers.ts: a string or list of strings equals the field, a RegExp matches it. */
function matchesField(constraint: string | string[] | RegExp | undefined, value: unknown): boolean {
  if (constraint === undefined) return true;
  if (constraint instanceof RegExp) return typeof value === "string" && constraint.test(value);
  return (Array.isArray(constraint) ? constraint : [constraint]).includes(String(value));
}

function matchesAction(constraint: Constraint, action: Record<string, unknown>): boolean {
  if (typeof constraint === "string" || Array.isArray(constraint) || constraint instanceof RegExp) return matchesField(constraint, action.action_id);
  return matchesField(constraint.action_id, action.action_id) && matchesField(constraint.block_id, action.block_id);
}

class UnhandledEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnhandledEventError";
  }
}

export function slackSdkModule(ctx: RunContext) {
  const enrich = (context: unknown) => {
    const c = isRecord(context) ? context : {};
    const env = isRecord(c.env) ? c.env : {};
    return { ...c, client: createSlackClient(ctx, typeof c.token === "string" ? c.token : undefined, { slackApiUrl: typeof env.SLACK_API_URL === "string" ? env.SLACK_API_URL : undefined }) };
  };
  const DefineFunction = (definition: unknown) => {
    const def = isRecord(definition) ? definition : {};
    return { type: "function", id: def.callback_id, definition: def, export: () => ({ ...def }), registerParameterTypes: () => undefined };
  };
  const SlackFunction = (func: unknown, handler: unknown) => {
    if (typeof handler !== "function") throw new TypeError("SlackFunction(definition, handler): the handler must be a function");
    const actions: Array<[Constraint, Fn]> = [];
    const suggestions: Array<[Constraint, Fn]> = [];
    const submissions: Array<[string | string[] | RegExp, Fn]> = [];
    const closings: Array<[string | string[] | RegExp, Fn]> = [];
    const module = ((context: unknown, ...rest: unknown[]) => (handler as Fn).apply(handler, [enrich(context), ...rest])) as Fn & Record<string | symbol, unknown>;
    const route = <C>(routes: Array<[C, Fn]>, match: (c: C, context: Record<string, unknown>) => boolean, what: string) => async (context: unknown) => {
      const c = isRecord(context) ? context : {};
      const found = routes.find(([constraint]) => match(constraint, c));
      if (!found) throw new UnhandledEventError(`Received ${what} payload with ${JSON.stringify(c.action ?? c.view ?? {})} but this app has no handler defined to handle it!`);
      return found[1](enrich(c));
    };
    const viewId = (c: Record<string, unknown>) => (isRecord(c.view) ? c.view.callback_id : undefined);
    module[SLACK_FUNCTION] = isRecord(func) ? (func.definition ?? func) : {};
    module.addBlockActionsHandler = (constraint: Constraint, fn: Fn) => (actions.push([constraint, fn]), module);
    module.addBlockSuggestionHandler = (constraint: Constraint, fn: Fn) => (suggestions.push([constraint, fn]), module);
    module.addViewSubmissionHandler = (constraint: string | string[] | RegExp, fn: Fn) => (submissions.push([constraint, fn]), module);
    module.addViewClosedHandler = (constraint: string | string[] | RegExp, fn: Fn) => (closings.push([constraint, fn]), module);
    module.addUnhandledEventHandler = (fn: Fn) => {
      module.unhandledEvent = (context: unknown) => fn(enrich(context));
      return module;
    };
    module.blockActions = route(actions, (c, context) => matchesAction(c, isRecord(context.action) ? context.action : {}), "block action");
    module.blockSuggestion = route(suggestions, (c, context) => matchesAction(c, isRecord(context.body) ? context.body : {}), "block suggestion");
    module.viewSubmission = route(submissions, (c, context) => matchesField(c, viewId(context)), "view submission");
    module.viewClosed = route(closings, (c, context) => matchesField(c, viewId(context)), "view closed");
    return module;
  };
  const definition = (kind: string) => (def: unknown) => ({ type: kind, definition: def, ...(isRecord(def) ? { id: def.callback_id ?? def.name } : {}), export: () => def });
  const DefineWorkflow = (def: unknown) => {
    const inputs = new Proxy({}, { get: (_t, key) => (typeof key === "string" ? `{{inputs.${key}}}` : undefined) });
    const steps: unknown[] = [];
    return {
      type: "workflow",
      id: isRecord(def) ? def.callback_id : undefined,
      definition: def,
      inputs,
      addStep: (fn: unknown, args: unknown) => {
        const index = steps.push({ fn, args }) - 1;
        return { outputs: new Proxy({}, { get: (_t, key) => (typeof key === "string" ? `{{steps.${index}.${key}}}` : undefined) }) };
      },
      export: () => def,
    };
  };
  const Schema = { types: SCHEMA_TYPES, slack: { types: SLACK_TYPES, functions: slackFunctions() }, providers: { oauth2: { CUSTOM: "CUSTOM" } } };
  return {
    DefineFunction,
    SlackFunction,
    Schema,
    default: undefined,
    DefineWorkflow,
    DefineType: definition("type"),
    DefineEvent: definition("event"),
    DefineDatastore: definition("datastore"),
    DefineOAuth2Provider: definition("oauth2-provider"),
    DefineProperty: (def: unknown) => def,
    Manifest: (def: unknown) => def,
    SlackManifest: class SlackManifest {
      constructor(readonly definition: unknown) {}
      export() {
        return this.definition;
      }
    },
    SlackAPI: (token: unknown, options?: unknown) => createSlackClient(ctx, typeof token === "string" ? token : undefined, isRecord(options) ? (options as { slackApiUrl?: string }) : {}),
  };
}

export function slackApiModule(ctx: RunContext) {
  return {
    SlackAPI: (token: unknown, options?: unknown) => createSlackClient(ctx, typeof token === "string" ? token : undefined, isRecord(options) ? (options as { slackApiUrl?: string }) : {}),
    TriggerTypes: TRIGGER_TYPES,
    TriggerContextData: TRIGGER_CONTEXT_DATA,
    TriggerEventTypes: TRIGGER_EVENT_TYPES,
  };
}

/** The client the runtime itself completes the function with (run-function.ts: BaseSlackAPIClient). */
export function runtimeClient(ctx: RunContext, token: string, env: Record<string, string>) {
  return createSlackClient(ctx, token, { slackApiUrl: env.SLACK_API_URL }) as { apiCall: (method: string, data: Record<string, unknown>) => Promise<Record<string, unknown>> };
}

export function isSlackFunction(value: unknown): value is Fn & Record<symbol, unknown> {
  return typeof value === "function" && SLACK_FUNCTION in value;
}

export function slackDefinition(value: unknown): Record<string, unknown> {
  const def = isSlackFunction(value) ? value[SLACK_FUNCTION] : null;
  return isRecord(def) ? def : {};
}
