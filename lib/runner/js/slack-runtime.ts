// Slack's Deno runtime (deno-slack-runtime at 3f9f981d, src/dispatch-payload.ts and run-*.ts):
// the event decides which of the function module's handlers runs. function_executed calls the
// default export with { body, env, enterprise_id, inputs, token, team_id, event } and then completes
// the function through the API: `{ error }` → functions.completeError, otherwise (unless the
// handler said `{ completed: false }`) functions.completeSuccess with its outputs. block_actions,
// block_suggestion, view_submission and view_closed go to the handlers SlackFunction's routers hold.
// The function's time ends when its completion call has been answered.

import type { Invocation, InvokeDeps, Outcome } from "./entry";
import { isSlackFunction, runtimeClient, slackDefinition } from "./libraries/slack";
import { isRecord } from "./libraries/transport";

type Fn = (...args: unknown[]) => unknown;

/** The bot token a function_executed event carries: a placeholder shaped like Slack's workflow tokens. */
const TOKEN = "xwfp-0000000000000-0000000000000-simulated";
const TEAM = "T0SIMULATED";

const EVENT_TYPES = ["function_executed", "block_actions", "block_suggestion", "view_submission", "view_closed"] as const;
type EventType = (typeof EVENT_TYPES)[number];

/** The event as deno-slack-runtime receives it: `{ body, context }`, or the simulator's short forms. */
function payloadOf(event: unknown, callbackId: string): { type: EventType | string; body: Record<string, unknown>; token: string; inputs: Record<string, unknown>; team: string; enterprise: string } {
  const e = isRecord(event) ? event : {};
  if (isRecord(e.body)) {
    const body = e.body;
    const context = isRecord(e.context) ? e.context : {};
    const fnEvent = isRecord(body.event) ? body.event : {};
    const data = isRecord(body.function_data) ? body.function_data : {};
    const type = String(fnEvent.type ?? body.type ?? "");
    const token = String(fnEvent.bot_access_token ?? body.bot_access_token ?? context.bot_access_token ?? TOKEN);
    const inputs = isRecord(fnEvent.inputs) ? fnEvent.inputs : isRecord(data.inputs) ? data.inputs : {};
    return { type, body, token, inputs, team: String(context.team_id ?? TEAM), enterprise: String(body.enterprise_id ?? "") };
  }
  const type = typeof e.type === "string" ? e.type : "function_executed";
  const inputs = isRecord(e.inputs) ? e.inputs : {};
  if (type === "function_executed") {
    const body = {
      event: { type, function: { callback_id: callbackId }, function_execution_id: "Fx0SIMULATED", inputs, bot_access_token: TOKEN },
      team_id: TEAM,
    };
    return { type, body, token: TOKEN, inputs, team: TEAM, enterprise: "" };
  }
  // an interactivity event as Slack sends it, with the function's execution data attached
  const body = { ...e, function_data: { function: { callback_id: callbackId }, execution_id: "Fx0SIMULATED", inputs }, bot_access_token: TOKEN };
  return { type, body, token: TOKEN, inputs, team: TEAM, enterprise: "" };
}

export function invokeSlack(fn: Fn, deps: InvokeDeps): Invocation {
  const definition = slackDefinition(fn);
  const callbackId = typeof definition.callback_id === "string" ? definition.callback_id : "function";
  const env = { ...deps.env };
  const payload = payloadOf(deps.event, callbackId);
  const base = { body: payload.body, env, enterprise_id: payload.enterprise, inputs: payload.inputs, token: payload.token, team_id: payload.team };
  const client = runtimeClient(deps.ctx, payload.token, env);
  let outcome: Outcome | null = null;
  const fail = (error: unknown) => {
    outcome ??= { kind: "error", error };
  };
  const label = typeof definition.title === "string" ? `SlackFunction "${definition.title}"` : "Slack function";
  try {
    if (payload.type === "function_executed") {
      // run-function.ts: `const { completed = true, outputs = {}, error } = await functionModule.default(...)`
      Promise.resolve(fn({ ...base, event: (payload.body as { event?: unknown }).event })).then((returned) => {
        const r = isRecord(returned) ? returned : {};
        const executionId = "Fx0SIMULATED";
        if (r.error) {
          return client.apiCall("functions.completeError", { error: r.error, function_execution_id: executionId }).then(() => {
            outcome ??= { kind: "ok", result: { error: r.error } };
          });
        }
        if (r.completed === false) {
          outcome ??= { kind: "ok", result: { completed: false } };
          return undefined;
        }
        const outputs = isRecord(r.outputs) ? r.outputs : {};
        return client.apiCall("functions.completeSuccess", { outputs, function_execution_id: executionId }).then(() => {
          outcome ??= { kind: "ok", result: { outputs } };
        });
      }).then(undefined, fail);
    } else {
      const handlerName = { block_actions: "blockActions", block_suggestion: "blockSuggestion", view_submission: "viewSubmission", view_closed: "viewClosed" }[payload.type as Exclude<EventType, "function_executed">];
      const handler = handlerName ? (fn as unknown as Record<string, unknown>)[handlerName] : undefined;
      if (typeof handler !== "function") {
        // run-block-actions.ts and friends: the runtime's own words
        const error = new Error(`Received a ${payload.type} payload but the function does not define a ${handlerName ?? payload.type} handler`);
        error.name = "UnhandledEventError";
        throw error;
      }
      const body = payload.body;
      const extra =
        payload.type === "block_actions"
          ? { action: Array.isArray(body.actions) ? body.actions[0] : undefined }
          : payload.type === "view_submission" || payload.type === "view_closed"
            ? { view: body.view }
            : {};
      Promise.resolve((handler as Fn)({ ...base, ...extra, body })).then((response) => {
        outcome ??= { kind: "ok", result: response ?? {} };
      }, fail);
    }
  } catch (error) {
    fail(error);
  }
  return {
    label,
    settled: () => outcome !== null,
    outcome: () => outcome ?? { kind: "ok", result: null },
    // The runtime keeps the execution open until Slack times it out.
    onIdle: () => "hang",
    keepAlive: "any",
  };
}

export { isSlackFunction };
