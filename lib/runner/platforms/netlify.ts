import { NO_PLATFORM_TEXT } from "./format";
import type { PlatformPreset, Source } from "./types";

export const netlify: PlatformPreset = {
  id: "netlify",
  name: "Netlify Functions",
  clock: "wall",
  defaultTimeout: 60,
  maxTimeout: 60,
  minTimeout: 60,
  plan: "Synchronous functions (not configurable)",
  plans: [
    {
      id: "background",
      name: "Background functions (`-background` name suffix)",
      clock: "wall",
      defaultTimeout: 900,
      maxTimeout: 900,
      minTimeout: 900,
      note: "The client gets 202 at once; the function runs until it completes or reaches 15 minutes. On error it is retried after 1 minute, then 2 minutes later.",
    },
    {
      id: "scheduled",
      name: "Scheduled functions",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: 30,
      minTimeout: 30,
      note: "",
    },
    {
      id: "legacy-10s",
      name: "Synchronous functions before the limit was raised",
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
};

const cliDev: Source = {
  url: "https://github.com/netlify/cli/blob/88ece2915554fbb121d69143fa4799b7559d2cdd/src/utils/dev.ts#L115-L181",
  title: "netlify-cli src/utils/dev.ts: SYNCHRONOUS_FUNCTION_TIMEOUT = 30, BACKGROUND_FUNCTION_TIMEOUT = 900, site functions_timeout wins",
  checked: "2026-11",
};

/**
 * `netlify dev`, `netlify serve` and `netlify functions:serve` run functions on the developer's
 * machine through lambda-local, with the CLI's own timeout rather than production's.
 */
export const netlifyDev: PlatformPreset = {
  id: "netlify-dev",
  name: "netlify dev (local functions through lambda-local)",
  clock: "wall",
  defaultTimeout: 30,
  maxTimeout: 900,
  minTimeout: 1,
  plan: "netlify-cli 17.34.4 or later, site not linked, --offline, or no timeout on the site: synchronous functions get 30 s",
  plans: [
    {
      id: "cli-before-17.34.4",
      name: "netlify-cli 2.x (February 2020) to 17.34.3",
      clock: "wall",
      defaultTimeout: 10,
      maxTimeout: 10,
      minTimeout: 10,
      note: "netlify/cli#725 set 10 s in February 2020; netlify/cli#6804 raised the default to 30 s in September 2024 (first in 17.34.4).",
    },
    {
      id: "lambda-local-default",
      name: "lambda-local's own default (netlify-cli before February 2020, or lambda-local without -t)",
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
};
