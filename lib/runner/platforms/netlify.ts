import { NO_PLATFORM_TEXT } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset, Source } from "./types";

export const netlify: PlatformPreset = definePreset({
  id: "netlify",
  name: "Netlify Functions",
  defaultPlan: "synchronous",
  // Modes rather than price tiers (every plan has all three); the current limits first.
  plans: [
    {
      id: "synchronous",
      aliases: ["sync"],
      name: "Synchronous functions",
      clock: "wall",
      defaultTimeout: 60,
      maxTimeout: 60,
      minTimeout: 60,
      note: "The request fails once the function runs past 60 s; the limit cannot be raised.",
    },
    {
      id: "scheduled",
      name: "Scheduled functions",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: 30,
      minTimeout: 30,
      note: "Run on a cron schedule (`schedule` in the function config); 30 s, not configurable.",
    },
    {
      id: "background",
      name: "Background functions (`-background` name suffix)",
      clock: "wall",
      defaultTimeout: 900,
      maxTimeout: 900,
      minTimeout: 900,
      note: "The client gets 202 at once; the function runs until it completes or reaches 15 minutes. On error it is retried after 1 minute, then 2 minutes later.",
      caveat: "A background function's caller got 202 at once: the verdict is about the function's own run, which nobody waits for.",
    },
    {
      id: "legacy-10s",
      aliases: ["legacy"],
      name: "Synchronous functions before the limit was raised",
      onlyWhenNamed: true,
      clock: "wall",
      defaultTimeout: 10,
      maxTimeout: 26,
      minTimeout: 10,
      note: "Netlify's support guide said 10 s (raisable to 26 s on request) in April 2024 and 30 s in October 2024 (research notes); the configuration page now says 60 s.",
    },
  ],
  languages: ["javascript", "typescript"],
  entry:
    "A file in `netlify/functions/` with a default export `async (req: Request, context: Context) => Response` (modern API), or the legacy Lambda-style `export const handler = async (event, context) => ({ statusCode, body })`.",
  countsInit: false,
  initNote: "Netlify documents no init limit; unconfirmed whether cold-start module work counts toward the 60 s.",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `${ctx.requestId.slice(0, 8)} ERROR  Task timed out after ${ctx.elapsed.toFixed(2)} seconds`
      : NO_PLATFORM_TEXT,
  messageConfidence: "unconfirmed",
  messageNote:
    "Netlify documents the limit but not the text. Function logs posted by users read '<8-hex id> ERROR  Task timed out after 10.03 seconds' (the Lambda wording), and legacy Lambda-compatible functions answered 502 with body {\"errorMessage\":\"<timestamp> <request id> Task timed out after 10.01 seconds\"}; both come from the 10 s era and are unconfirmed for the current 60 s limit.",
  sources: [
    {
      url: "https://docs.netlify.com/build/functions/configuration",
      title: "Configuration for functions: default values (synchronous 60 s, scheduled 30 s, background 15 min; not configurable)",
      checked: "2026-11",
    },
    {
      url: "https://docs.netlify.com/build/functions/background-functions",
      title: "Background Functions overview: 202 response, 15 minute limit, retries",
      checked: "2026-11",
    },
    {
      url: "https://docs.netlify.com/build/functions/get-started",
      title: "Get started with functions: default export taking Request and Context",
      checked: "2026-11",
    },
    {
      url: "https://github.com/openai/openai-assistants-quickstart/issues/24",
      title: "User report of a Netlify function log: 'ERROR  Task timed out after 10.03 seconds'",
      checked: "2026-11",
    },
  ],
  notes: "The synchronous request fails with a timeout error once the function runs past 60 s; the limit cannot be raised.",
  unconfirmed: ["countsInit", "message"],
});

const cliDev: Source = {
  url: "https://github.com/netlify/cli/blob/88ece2915554fbb121d69143fa4799b7559d2cdd/src/utils/dev.ts#L115-L181",
  title: "netlify-cli src/utils/dev.ts: SYNCHRONOUS_FUNCTION_TIMEOUT = 30, BACKGROUND_FUNCTION_TIMEOUT = 900, site functions_timeout wins",
  checked: "2026-11",
};

/**
 * `netlify dev`, `netlify serve` and `netlify functions:serve` run functions on the developer's
 * machine through lambda-local, with the CLI's own timeout rather than production's.
 */
export const netlifyDev: PlatformPreset = definePreset({
  id: "netlify-dev",
  name: "netlify dev (local functions through lambda-local)",
  defaultPlan: "cli",
  plans: [
    {
      id: "cli",
      name: "netlify-cli 17.34.4 or later, site not linked, --offline, or no timeout on the site: synchronous functions get 30 s",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: 900,
      minTimeout: 1,
      note: "SYNCHRONOUS_FUNCTION_TIMEOUT = 30 in netlify-cli src/utils/dev.ts; any other value reaches lambda-local only through a linked site's record (plan linked-site).",
    },
    {
      id: "cli-before-17.34.4",
      name: "netlify-cli 2.x (February 2020) to 17.34.3",
      onlyWhenNamed: true,
      clock: "wall",
      defaultTimeout: 10,
      maxTimeout: 10,
      minTimeout: 10,
      note: "netlify/cli#725 set 10 s in February 2020; netlify/cli#6804 raised the default to 30 s in September 2024 (first in 17.34.4).",
    },
    {
      id: "lambda-local-default",
      name: "lambda-local's own default (netlify-cli before February 2020, or lambda-local without -t)",
      onlyWhenNamed: true,
      clock: "wall",
      defaultTimeout: 3,
      maxTimeout: 3,
      minTimeout: 3,
      note: "lambda-local falls back to 3000 ms when no timeout is passed (src/lambdalocal.ts; its CLI's -t help says 'Default is 3 seconds').",
    },
    {
      id: "linked-site",
      name: "Linked site whose API record carries a function timeout",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: 900,
      minTimeout: 1,
      note: "When the site is linked and not --offline, the CLI uses siteInfo.functions_timeout, then functions_config.timeout (read correctly since 17.33.6, netlify/cli#6777; from 2021 to then only functions_config.timeout was read, netlify/cli#6481).",
    },
    {
      id: "background",
      name: "Background functions (`-background` suffix)",
      clock: "wall",
      defaultTimeout: 900,
      maxTimeout: 900,
      minTimeout: 900,
      note: "The CLI answers 202 at once and logs the function's error, if any, to the terminal.",
    },
  ],
  languages: ["javascript", "typescript"],
  entry: netlify.entry,
  countsInit: false,
  initNote:
    "lambda-local starts its timer just before it calls the handler (context._init_timeout() in executeLambdaFunc), after the module has been loaded; netlify-cli's worker imports the function module before calling lambda-local.",
  message: (ctx) => (ctx.kind === "timeout" ? `TimeoutError: Task timed out after ${ctx.timeout.toFixed(2)} seconds` : NO_PLATFORM_TEXT),
  messageConfidence: "verbatim",
  messageNote:
    "lambda-local fails the invocation with new TimeoutError('Task timed out after ' + (timeout / 1000).toFixed(2) + ' seconds'), i.e. the configured limit, not the measured time. netlify-cli logs '⬥ Function <name> has returned an error: Task timed out after 30.00 seconds' and answers HTTP 500 whose plain-text body starts 'TimeoutError: Task timed out after 30.00 seconds' (an HTML error page for browsers). CLI versions before 2.68.2 answered '◈ Function invocation failed: [object Object]' and logged '◈ Error during invocation: { errorMessage: ... }'.",
  sources: [
    cliDev,
    {
      url: "https://github.com/netlify/cli/blob/88ece2915554fbb121d69143fa4799b7559d2cdd/src/lib/functions/synchronous.ts",
      title: "netlify-cli src/lib/functions/synchronous.ts: 'has returned an error' log line and the 500 response body",
      checked: "2026-11",
    },
    {
      url: "https://github.com/netlify/cli/blob/88ece2915554fbb121d69143fa4799b7559d2cdd/src/lib/functions/runtimes/js/index.ts",
      title: "netlify-cli src/lib/functions/runtimes/js/index.ts: functions run through lambda-local with timeoutMs = timeout * 1000",
      checked: "2026-11",
    },
    {
      url: "https://github.com/ashiina/lambda-local/blob/95fb3dfd18ec51014d3cc5d9f405e21a5d784a50/src/lib/context.ts#L121-L128",
      title: "lambda-local context.ts: TimeoutError 'Task timed out after N.NN seconds' from the configured timeout",
      checked: "2026-11",
    },
    {
      url: "https://github.com/netlify/cli/pull/6804",
      title: "netlify/cli#6804: increased the default functions timeout to 30s (September 2024)",
      checked: "2026-11",
    },
    {
      url: "https://github.com/netlify/cli/pull/6777",
      title: "netlify/cli#6777: load functions timeout from site properly (August 2024)",
      checked: "2026-11",
    },
  ],
  notes:
    "lambda-local only reports the timeout: the handler's pending work is not stopped. The limit has nothing to do with production's (60 s synchronous per Netlify's docs) unless the linked site's record carries one.",
  unconfirmed: [],
});

const edgeLimits: Source = {
  url: "https://docs.netlify.com/build/edge-functions/limits/",
  title: "Edge Functions limits: CPU execution time per request 50 ms (waiting excluded); response header timeout 40 s",
  checked: "2026-11",
};

// The default failure page (onError "fail"), laid out as users posted it: remy/jsonbin#68 shows it
// with "The request timed out." as the message and a 26-character ULID as the internal id.
function edgeCrashPage(message: string, requestId: string): string {
  return `This edge function has crashed\nAn unhandled error in the function code triggered the following message:\n${message}\nConnection details\nNetlify internal ID: ${requestId}`;
}

const edgeTimeout = (ctx: MessageContext) =>
  ctx.kind === "timeout" ? edgeCrashPage("The request timed out.", ctx.requestId) : edgeCrashPage("(the error the handler threw)", ctx.requestId);

/**
 * Netlify Edge Functions: Deno isolates on Netlify's edge network, measured on CPU time, with a
 * wall-clock limit on how long the response headers may take.
 */
export const netlifyEdge: PlatformPreset = definePreset({
  id: "netlify-edge",
  name: "Netlify Edge Functions",
  defaultPlan: "cpu",
  plans: [
    {
      id: "cpu",
      name: "CPU time per request (all plans)",
      // "This tracks all time spent running your scripts. Execution time does not include time
      // spent waiting for resources or responses."
      clock: "cpu",
      defaultTimeout: 0.05,
      maxTimeout: 0.05,
      minTimeout: 0.05,
      note: "CPU execution time per request: 50 ms; time spent waiting for resources or responses does not count.",
      responseStart: {
        seconds: 40,
        message: edgeTimeout,
        note: "Netlify Edge Functions must send the response headers within 40 s (response header timeout), however little CPU they use.",
      },
    },
    {
      id: "response-header",
      name: "Response header timeout (all plans, wall clock)",
      clock: "wall",
      defaultTimeout: 40,
      maxTimeout: 40,
      minTimeout: 40,
      note: "Response header timeout: 40 s of wall-clock time until the function returns its Response; simulate this plan to see the wait, the cpu plan to see the computing.",
      caveat: "Simulated on the 40 s wall clock alone: the 50 ms CPU limit is not applied on this plan.",
    },
  ],
  languages: ["javascript", "typescript"],
  entry:
    "A file in `netlify/edge-functions/` whose default export is `async (request: Request, context: Context) => Response` (Deno runtime, Web APIs), with `export const config = { path: \"/...\" }` or a `[[edge_functions]]` declaration in netlify.toml.",
  countsInit: false,
  initNote:
    "Netlify documents the 50 ms as CPU time per request and says nothing about module evaluation when an isolate boots; we assume it does not count toward the request.",
  message: edgeTimeout,
  messageConfidence: "unconfirmed",
  messageNote:
    "Netlify documents the limits and the default failure page (onError: \"fail\") but not its text. The lines 'This edge function has crashed / An unhandled error in the function code triggered the following message: ... / Connection details / Netlify internal ID: ...' are the page as users posted it; 'The request timed out.' is the message one such page showed for a timed-out request (remy/jsonbin#68), without saying which limit fired. What exceeding the CPU limit prints is unconfirmed.",
  sources: [
    edgeLimits,
    {
      url: "https://docs.netlify.com/build/edge-functions/api/",
      title: "Edge Functions API: default export (request, context) => Response, Deno runtime",
      checked: "2026-11",
    },
    {
      url: "https://docs.netlify.com/build/edge-functions/optional-configuration/",
      title: "Optional configuration for edge functions: onError \"fail\" (default failure page), \"bypass\", or a path",
      checked: "2026-11",
    },
    {
      url: "https://github.com/remy/jsonbin/issues/68",
      title: "User report of the edge failure page: 'This edge function has crashed ... The request timed out.'",
      checked: "2026-11",
    },
  ],
  notes:
    "Past 50 ms of CPU, or without response headers after 40 s, the request fails and the visitor gets the edge function failure page (or the onError path / bypass the function declares).",
  unconfirmed: ["countsInit", "message"],
});
