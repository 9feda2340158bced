import { NO_PLATFORM_TEXT } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

/** `15.0s`: how Slack's message prints the limit (deno-slack-sdk#181, #227). */
function limitText(ctx: MessageContext): string {
  return `${ctx.timeout.toFixed(1)}s`;
}

/**
 * A deployed function past its limit, in the words Slack logged in 2023 for the 15 s limit
 * ("error: function execution exceeded 15.0s timeout", deno-slack-sdk#181 and #227); the same form
 * with today's limit is the best guess for the current text.
 */
const deployedTimeout = (ctx: MessageContext) => (ctx.kind === "timeout" ? `error: function execution exceeded ${limitText(ctx)} timeout` : NO_PLATFORM_TEXT);

/**
 * A function run by `slack run` past its 15 s: the activity log lines deno-slack-runtime#64 shows
 * (the function fails with event_dispatch_failed, then the workflow step and the workflow fail);
 * the function's title is the definition's.
 */
const localTimeout = (ctx: MessageContext) => {
  if (ctx.kind !== "timeout") return NO_PLATFORM_TEXT;
  const title = ctx.entryName ?? "<function title>";
  return [
    `[error] Function '${title}' (app function) failed`,
    "\tevent_dispatch_failed",
    `[error] Workflow step '${title}' failed`,
    "[error] Workflow '<workflow title>' failed",
    "\tFunction failed to execute",
  ].join("\n");
};

export const slackDeno: PlatformPreset = definePreset({
  id: "slack-deno",
  name: "Slack workflow apps (Deno Slack SDK, run on Slack)",
  defaultPlan: "deployed",
  plans: [
    {
      id: "deployed",
      name: "Deployed function (slack deploy)",
      clock: "wall",
      defaultTimeout: 60,
      maxTimeout: 60,
      minTimeout: 60,
      note: "A deployed custom function has 60 s to complete; the limit cannot be changed.",
    },
    {
      id: "local",
      aliases: ["slack-run", "run"],
      name: "Locally-run function (slack run)",
      clock: "wall",
      defaultTimeout: 15,
      maxTimeout: 15,
      minTimeout: 15,
      note: "A function run by `slack run` on your machine has 15 s; Slack fails the step then (event_dispatch_failed) while the local process may run on.",
      message: localTimeout,
    },
    {
      id: "interactivity",
      aliases: ["block-actions", "view-submission"],
      name: "Interactivity handler of a deployed function (block_actions, block_suggestion, view_submission, view_closed)",
      clock: "wall",
      defaultTimeout: 10,
      maxTimeout: 10,
      minTimeout: 10,
      note: "Handlers added with addBlockActionsHandler, addBlockSuggestionHandler, addViewSubmissionHandler and addViewClosedHandler get 10 s; the event tells which one runs (type block_actions with actions[].action_id, view_submission / view_closed with view.callback_id).",
    },
    {
      id: "deployed-2023",
      name: "Deployed function in 2023: 15 s",
      onlyWhenNamed: true,
      clock: "wall",
      defaultTimeout: 15,
      maxTimeout: 15,
      minTimeout: 15,
      note: "Deployed functions had a hard 15 s limit in 2023 ('error: function execution exceeded 15.0s timeout', deno-slack-sdk#181, #227); an earlier functions page gave 3 s to locally-run ones.",
    },
  ],
  languages: ["typescript", "javascript"],
  entry:
    "A function file whose default export is `SlackFunction(Definition, async ({ inputs, env, token, client, event }) => ({ outputs }))` (or `{ error }`, or `{ completed: false }` to complete later), with `DefineFunction` from deno-slack-sdk/mod.ts.",
  countsInit: true,
  initNote:
    "deno-slack-runtime imports the function's module for the event it dispatches (load-function-module.ts), so module-level code runs inside the execution Slack is timing; whether Slack's clock also counts the runtime's own start is not documented.",
  message: deployedTimeout,
  messageConfidence: "documented-paraphrase",
  messageNote:
    "Slack documents the limits and that 'you will see an error in your log' but not its text. 'error: function execution exceeded 15.0s timeout' is the deployed function's error users quoted in 2023 (deno-slack-sdk#181, #227); for today's 60 s and 10 s limits the same form is assumed. Under slack run the activity log shows the function failing with event_dispatch_failed, then the step and the workflow (deno-slack-runtime#64).",
  sources: [
    {
      url: "https://api.slack.com/automation/functions",
      title: "Slack functions: 60 s timeout for a deployed function, 15 s for a locally-run one; 10 s for block_suggestion, block_actions, view_submission and view_closed payloads",
      checked: "2026-12",
    },
    {
      url: "https://github.com/slackapi/deno-slack-runtime/blob/3f9f981d8d2b80d0a74c6618dc6546be84d666b3/src/run-function.ts",
      title: "deno-slack-runtime run-function.ts: awaits the default export with { body, env, enterprise_id, inputs, token, team_id, event }; { error } → functions.completeError, completed (default true) → functions.completeSuccess with outputs",
      checked: "2026-12",
    },
    {
      url: "https://github.com/slackapi/deno-slack-sdk/blob/aead98c9f86e139aa080f5910dc8f9a238d60154/src/functions/slack-function.ts",
      title: "deno-slack-sdk 2.15 slack-function.ts: SlackFunction(def, handler) adds a Slack API client to the context and the add*Handler routers",
      checked: "2026-12",
    },
    {
      url: "https://github.com/slackapi/deno-slack-sdk/issues/181",
      title: "deno-slack-sdk#181: 'error: function execution exceeded 15.0s timeout' on a deployed function (2023)",
      checked: "2026-12",
    },
    {
      url: "https://github.com/slackapi/deno-slack-sdk/issues/227",
      title: "deno-slack-sdk#227: the same error text; asking for a configurable timeout (2023)",
      checked: "2026-12",
    },
    {
      url: "https://github.com/slackapi/deno-slack-runtime/issues/64",
      title: "deno-slack-runtime#64: a locally-run function timed out after 15 s, activity log 'failed' with event_dispatch_failed (2024)",
      checked: "2026-12",
    },
  ],
  notes:
    "Slack marks the step failed and the workflow stops; a function run locally keeps running in your terminal, and calls it makes afterwards may fail with token_revoked.",
  unconfirmed: ["countsInit"],
});
