import { NO_PLATFORM_TEXT } from "./format";
import type { PlatformPreset } from "./types";

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
