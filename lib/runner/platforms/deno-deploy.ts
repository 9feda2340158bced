import { NO_PLATFORM_TEXT } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

/**
 * Deploy Classic's log line when an isolate ran past the CPU time allowed per request, then what
 * every request in flight on it got (Deno's "Deployment events" page: the `time-limit` event with
 * an event URN, and a 502 response with the code "TIME_LIMIT"). The docs address is the one the
 * line pointed to in its last years (deploy_feedback#770, denoland/docs#2470); the URN carries the
 * deployment id and an event id, both made up here.
 */
function timeLimitText(ctx: MessageContext): string {
  const deployment = ctx.requestId.replace(/[^0-9a-z]/g, "").slice(0, 12).padEnd(12, "0");
  return [
    `CPU time limit exceeded, see https://docs.deno.com/deploy/manual/pricing-and-limits (urn:dd-time-limit:deno:${deployment}:${ctx.requestId})`,
    "502 TIME_LIMIT",
  ].join("\n");
}

const classicMessage = (ctx: MessageContext) => (ctx.kind === "timeout" ? timeLimitText(ctx) : NO_PLATFORM_TEXT);

const AVERAGED =
  "Deploy Classic enforced the CPU time per request as an average across many requests, not strictly per request, and terminated the isolate (failing every request in flight on it) when it ran over; the simulator holds this one request to the limit.";

export const denoDeploy: PlatformPreset = definePreset({
  id: "deno-deploy",
  name: "Deno Deploy",
  defaultPlan: "deploy",
  plans: [
    {
      id: "deploy",
      aliases: ["current", "new"],
      name: "Deno Deploy (the current platform): no per-request CPU limit",
      clock: "wall",
      defaultTimeout: Number.POSITIVE_INFINITY,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 0.001,
      note: "The current Deno Deploy has no per-request CPU time limit (no TIME_LIMIT errors) and documents no request time limit: an application stays up while requests arrive or response bytes flow, and is stopped after 5 s to 10 min without them. The timeout to simulate is your client's or proxy's.",
    },
    {
      id: "classic-free",
      name: "Deploy Classic, free tier (shut down 2026-07-20): 50 ms of CPU per request",
      onlyWhenNamed: true,
      clock: "cpu",
      defaultTimeout: 0.05,
      maxTimeout: 0.05,
      minTimeout: 0.05,
      note: "CPU time per request excluding time waiting for I/O; Deploy Classic and Subhosting v1 shut down on 2026-07-20.",
      caveat: AVERAGED,
      message: classicMessage,
    },
    {
      id: "classic-pro",
      name: "Deploy Classic, Pro tier (shut down 2026-07-20): 200 ms of CPU per request",
      onlyWhenNamed: true,
      clock: "cpu",
      defaultTimeout: 0.2,
      maxTimeout: 0.2,
      minTimeout: 0.2,
      note: "CPU time per request excluding time waiting for I/O; Deploy Classic and Subhosting v1 shut down on 2026-07-20.",
      caveat: AVERAGED,
      message: classicMessage,
    },
  ],
  languages: ["javascript", "typescript"],
  entry: "`Deno.serve((request) => new Response(...))` in main.ts, or a module whose default export is `{ fetch(request) }` (as `deno serve` runs it).",
  countsInit: false,
  initNote:
    "Module code runs when an isolate (Classic) or application starts, before the request it was started for; Classic logged it as the boot event's 'user time', apart from the CPU time per request.",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? "(Deno Deploy sets no per-request limit of its own: nothing on the platform ends this request at this timeout; it is the one the run was given, a client's or a proxy's)"
      : NO_PLATFORM_TEXT,
  messageConfidence: "verbatim",
  messageNote:
    "Classic plans: 'CPU time limit exceeded, see ... (urn:dd-time-limit:deno:<deployment>:<event id>)' is the time-limit event of Deno's Deployment events page (which shows an older docs address) as users posted it with docs.deno.com/deploy/manual/pricing-and-limits; '502 ... TIME_LIMIT' is what that page says in-flight requests receive. The current platform has no such text: it has no per-request limit.",
  sources: [
    {
      url: "https://github.com/denoland/docs/blob/eb8f78e90dbc72f3b3ab7dcd85609622379b5bca/subhosting/manual/events.md",
      title: "Deno docs, Deployment events: 'CPU time limit exceeded, see ... (urn:dd-time-limit:deno:...)'; in-flight requests get a 502 with code TIME_LIMIT",
      checked: "2026-12",
    },
    {
      url: "https://github.com/denoland/docs/blob/eb8f78e90dbc72f3b3ab7dcd85609622379b5bca/subhosting/manual/pricing_and_limits.md",
      title: "Deno docs, Subhosting pricing and limits: CPU time per request 50 ms or 200 ms depending on tier, averaged across requests, I/O waits excluded",
      checked: "2026-12",
    },
    {
      url: "https://github.com/denoland/docs/blob/eb8f78e90dbc72f3b3ab7dcd85609622379b5bca/subhosting/manual/api_migration_guide.md",
      title: "Deno docs, Migrating to the v2 API: 'No per-request CPU time limits (no more TIME_LIMIT errors)'",
      checked: "2026-12",
    },
    {
      url: "https://github.com/denoland/docs/blob/eb8f78e90dbc72f3b3ab7dcd85609622379b5bca/deploy/reference/runtime.md",
      title: "Deno docs, Deploy runtime: applications stop after 5 s to 10 min without requests or response bytes; SIGINT, then SIGKILL 5 s later",
      checked: "2026-12",
    },
    {
      url: "https://docs.deno.com/deploy/migration_guide/",
      title: "Deno docs: Deploy Classic migration guide (Classic shut down on July 20, 2026; every Classic page carries the same notice)",
      checked: "2026-12",
    },
    {
      url: "https://github.com/denoland/docs/issues/2470",
      title: "denoland/docs#2470: the log line with docs.deno.com/deploy/manual/pricing-and-limits and its urn:dd-time-limit; Deno: it comes from Deploy Classic",
      checked: "2026-12",
    },
    {
      url: "https://github.com/denoland/deploy_feedback/issues/231",
      title: "deploy_feedback#231: the 2022 pricing table read 'CPU Time per request | 10ms | 50ms' (Free / Pro), later raised",
      checked: "2026-12",
    },
  ],
  notes:
    "On Classic the isolate was terminated once it ran over its CPU budget, and every request in flight on it received 502 TIME_LIMIT. The current platform stops an application only when it is idle, evicted or redeployed.",
  unconfirmed: ["plans.classic-free.defaultTimeout", "plans.classic-pro.defaultTimeout"],
});
