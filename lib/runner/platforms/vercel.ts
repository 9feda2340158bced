import { plainSeconds } from "./format";
import { definePreset, defaultPlanOf, findPlan } from "./plans";
import type { PlatformPreset, Source } from "./types";

const durationPage: Source = {
  url: "https://vercel.com/docs/functions/configuring-functions/duration",
  title: "Configuring Maximum Duration for Vercel Functions: duration limits with and without Fluid compute",
  checked: "2026-11",
};

const limitsPage: Source = {
  url: "https://vercel.com/docs/functions/limitations",
  title: "Vercel Functions Limits: maximum duration per plan; Edge runtime 25 s to first byte, 300 s streaming",
  checked: "2026-11",
};

const FLUID_NOTE = "Fluid compute is on by default for projects created since 23 April 2025.";
const EXTENDED_NOTE =
  "Extended max duration (beta): up to 1800 s per function on nodejs20.x-24.x and python3.12-3.14, set per function (not as a project default), not with Secure Compute or Static IPs.";
const NO_FLUID_NOTE = "Projects that turned Fluid compute off; the 10 s Hobby default is what most pre-2025 FUNCTION_INVOCATION_TIMEOUT reports hit.";

export const vercel: PlatformPreset = definePreset({
  id: "vercel",
  name: "Vercel Functions (Node.js / Python)",
  defaultPlan: "hobby",
  // Cheapest first: Hobby, Pro, Enterprise; within one, Fluid compute (the default) before the rest.
  plans: [
    { id: "hobby", aliases: ["hobby-fluid"], name: "Hobby with Fluid compute", clock: "wall", defaultTimeout: 300, maxTimeout: 300, minTimeout: 1, note: FLUID_NOTE },
    { id: "hobby-no-fluid", aliases: ["hobby-legacy"], name: "Hobby, Fluid compute disabled", clock: "wall", defaultTimeout: 10, maxTimeout: 60, minTimeout: 1, note: NO_FLUID_NOTE },
    { id: "pro-fluid", aliases: ["pro"], name: "Pro with Fluid compute", clock: "wall", defaultTimeout: 300, maxTimeout: 800, minTimeout: 1, note: FLUID_NOTE },
    { id: "pro-no-fluid", aliases: ["pro-legacy"], name: "Pro, Fluid compute disabled", clock: "wall", defaultTimeout: 15, maxTimeout: 300, minTimeout: 1, note: NO_FLUID_NOTE },
    { id: "pro-extended", name: "Pro with Fluid compute, extended max duration", clock: "wall", defaultTimeout: 300, maxTimeout: 1800, minTimeout: 1, note: EXTENDED_NOTE },
    { id: "enterprise-fluid", aliases: ["enterprise"], name: "Enterprise with Fluid compute", clock: "wall", defaultTimeout: 300, maxTimeout: 800, minTimeout: 1, note: FLUID_NOTE },
    { id: "enterprise-no-fluid", aliases: ["enterprise-legacy"], name: "Enterprise, Fluid compute disabled", clock: "wall", defaultTimeout: 15, maxTimeout: 900, minTimeout: 1, note: NO_FLUID_NOTE },
    { id: "enterprise-extended", name: "Enterprise with Fluid compute, extended max duration", clock: "wall", defaultTimeout: 300, maxTimeout: 1800, minTimeout: 1, note: EXTENDED_NOTE },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "Next.js route handler `export async function GET(request)` with `export const maxDuration = N`, a file under `api/` exporting a handler, or a Python file under `api/` (WSGI/ASGI `app` or `handler` class); maxDuration can also be set in vercel.json `functions`.",
  countsInit: false,
  initNote:
    "Vercel does not document whether a cold start's module initialisation counts toward maxDuration; we assume it does not.",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `Vercel Runtime Timeout Error: Task timed out after ${plainSeconds(ctx.timeout)} seconds\n504: GATEWAY_TIMEOUT\nCode: FUNCTION_INVOCATION_TIMEOUT\nID: ${ctx.requestId}`
      : `500: INTERNAL_SERVER_ERROR\nCode: FUNCTION_INVOCATION_FAILED\nID: ${ctx.requestId}`,
  messageConfidence: "documented-paraphrase",
  messageNote:
    "Vercel's error page documents 504 FUNCTION_INVOCATION_TIMEOUT (Gateway Timeout). The runtime-log line 'Vercel Runtime Timeout Error: Task timed out after N seconds' (N = the configured maxDuration, whole seconds) and the error page layout '504: GATEWAY_TIMEOUT / Code: ... / ID: ...' come from logs and pages users posted, not from a Vercel doc.",
  sources: [
    durationPage,
    limitsPage,
    {
      url: "https://vercel.com/docs/fluid-compute",
      title: "Fluid compute: enabled by default for new projects since 23 April 2025",
      checked: "2026-11",
    },
    {
      url: "https://vercel.com/docs/errors/FUNCTION_INVOCATION_TIMEOUT",
      title: "FUNCTION_INVOCATION_TIMEOUT: 504 Gateway Timeout",
      checked: "2026-11",
    },
    {
      url: "https://github.com/vercel/community/discussions/1813",
      title: "Vercel community: error page text '504: GATEWAY_TIMEOUT Code: FUNCTION_INVOCATION_TIMEOUT'",
      checked: "2026-11",
    },
  ],
  notes:
    "Vercel terminates the function at maxDuration (which includes time spent streaming a response) and the client gets a 504 error page.",
  unconfirmed: ["countsInit"],
});

export const vercelEdge: PlatformPreset = definePreset({
  id: "vercel-edge",
  name: "Vercel Functions on the Edge runtime",
  defaultPlan: "first-byte",
  plans: [
    {
      id: "first-byte",
      name: "Time to the first response byte (all plans)",
      clock: "wall",
      defaultTimeout: 25,
      maxTimeout: 25,
      minTimeout: 25,
      note: "The function must begin sending a response within 25 s; the simulator judges the time until the handler returns its Response.",
    },
    {
      id: "streaming",
      name: "Streaming after the first byte",
      clock: "wall",
      defaultTimeout: 300,
      maxTimeout: 300,
      minTimeout: 300,
      note: "After the response has started, the function may keep streaming for up to 300 s in total.",
      caveat: "Simulated with a 300 s deadline on the handler, as if it had started streaming at once; a handler that returns nothing for 25 s fails earlier.",
    },
  ],
  languages: ["javascript", "typescript"],
  entry:
    "`export const runtime = 'edge'` in a route file, with a Web-standard handler `export function GET(request: Request): Response`.",
  countsInit: false,
  initNote: "Vercel documents no separate init limit for the Edge runtime; we assume module work does not count.",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `504: GATEWAY_TIMEOUT\nCode: EDGE_FUNCTION_INVOCATION_TIMEOUT\nID: ${ctx.requestId}`
      : `500: INTERNAL_SERVER_ERROR\nCode: EDGE_FUNCTION_INVOCATION_FAILED\nID: ${ctx.requestId}`,
  messageConfidence: "documented-paraphrase",
  messageNote:
    "The code EDGE_FUNCTION_INVOCATION_TIMEOUT with status 504 (Gateway Timeout) is on Vercel's error page; the three-line layout mirrors the serverless error page users post.",
  sources: [
    limitsPage,
    durationPage,
    {
      url: "https://vercel.com/docs/errors/EDGE_FUNCTION_INVOCATION_TIMEOUT",
      title: "EDGE_FUNCTION_INVOCATION_TIMEOUT: 504 Gateway Timeout",
      checked: "2026-11",
    },
  ],
  notes:
    "The function must begin sending a response within 25 s; otherwise the request fails with 504. A response that has started may stream for up to 300 s. Vercel now recommends the Node.js runtime over Edge.",
  unconfirmed: ["countsInit"],
});

// ---------------------------------------------------------------- maxDuration in the route file

/** Where Vercel's own validation points people; printed at the end of the builder's error. */
const LIMITS_URL = "https://vercel.com/docs/concepts/limits/overview#serverless-function-execution-timeout";

/** The plan name as the builder prints it ("for plan hobby"): the account plan, whatever the compute mode. */
function builderPlan(planId: string): string {
  return planId.split("-")[0] ?? planId;
}

/**
 * What a deployment does with a route's own `maxDuration`:
 * - `none`: the file sets none (or sets it in a form the build cannot read), the project default applies;
 * - `ok`: the deployed function gets this many seconds instead of the default;
 * - `invalid`: the deployment fails at "Deploying outputs..." with the builder's error; no request ever runs.
 */
export type RouteMaxDuration =
  | { kind: "none" }
  | { kind: "ok"; seconds: number; line: number }
  | { kind: "invalid"; seconds: number; line: number; message: string };

/**
 * Reads `export const maxDuration = N` (App Router route segment config) or
 * `export const config = { maxDuration: N }` (Pages Router, plain Node functions) from the source,
 * the way the build does: statically, literals only. Next.js extracts segment config by static
 * analysis of an `export const` with a literal initialiser (vercel/next.js#51399; a re-export or a
 * computed value is not picked up), and @vercel/next lets that value win over vercel.json
 * `functions` (packages/next/src/utils.ts, `opts = { ...vercelConfigOpts, ...opts }`).
 *
 * Out-of-range values fail the deployment with the message users report, e.g. adrianhajdin/pricewise#13,
 * lobehub/lobehub#9153, elie222/inbox-zero#335: the check runs on Vercel's side at deploy time
 * (it is not in the open-source CLI), so the wording comes from posted build logs. The limits are
 * those of `planId` (a plan id or alias of the vercel preset; its default plan, Hobby with Fluid
 * compute, 1 to 300 s, when absent or unknown). Functions on the Edge runtime have no configurable
 * maximum duration, so vercel-edge never reads it.
 */
export function routeMaxDuration(platformId: string, code: string, filename: string, planId?: string): RouteMaxDuration {
  if (platformId !== vercel.id) return { kind: "none" };
  const found = findMaxDuration(code);
  if (!found) return { kind: "none" };
  const { seconds, line } = found;
  const plan = (planId !== undefined ? findPlan(vercel, planId) : null) ?? defaultPlanOf(vercel);
  const { minTimeout: min, maxTimeout: max } = plan;
  if (Number.isInteger(seconds) && seconds >= min && seconds <= max) return { kind: "ok", seconds, line };
  return {
    kind: "invalid",
    seconds,
    line,
    message:
      `Builder returned invalid maxDuration value for Serverless Function "${functionName(filename)}". ` +
      `Serverless Functions must have a maxDuration between ${min} and ${max} for plan ${builderPlan(plan.id)}. : ${LIMITS_URL}`,
  };
}

const NUMBER = String.raw`(\d[\d_]*(?:\.\d+)?)`;
const SEGMENT_EXPORT = new RegExp(String.raw`^[ \t]*export\s+const\s+maxDuration\s*(?::\s*number\s*)?=\s*${NUMBER}\s*(?:as\s+const\s*)?(?:;|$|\/\/|\/\*)`, "m");
const CONFIG_EXPORT = /^[ \t]*export\s+const\s+config\b[^=\n]*=\s*\{/m;
const CONFIG_KEY = new RegExp(String.raw`(?:^|[\s,{])maxDuration\s*:\s*${NUMBER}\s*(?=[,}\s])`);

function findMaxDuration(code: string): { seconds: number; line: number } | null {
  const lineAt = (index: number) => code.slice(0, index).split("\n").length;
  const segment = SEGMENT_EXPORT.exec(code);
  if (segment?.[1] !== undefined) return { seconds: Number(segment[1].replace(/_/g, "")), line: lineAt(segment.index) };
  const config = CONFIG_EXPORT.exec(code);
  if (!config) return null;
  // the object literal: from its `{` to the matching `}`
  const open = config.index + config[0].length - 1;
  let depth = 0;
  let close = code.length;
  for (let i = open; i < code.length; i++) {
    if (code[i] === "{") depth++;
    else if (code[i] === "}" && --depth === 0) {
      close = i;
      break;
    }
  }
  const body = code.slice(open, close + 1);
  const key = CONFIG_KEY.exec(body);
  if (key?.[1] === undefined) return null;
  return { seconds: Number(key[1].replace(/_/g, "")), line: lineAt(open + key.index + key[0].indexOf("maxDuration")) };
}

/**
 * The function name the builder prints: the route path without the file name convention, e.g.
 * app/(backend)/webapi/chat/[provider]/route.ts -> webapi/chat/[provider], pages/api/cron.ts -> api/cron.
 */
export function functionName(filename: string): string {
  const path = filename.replace(/\\/g, "/").replace(/^\/+/, "").replace(/^src\//, "").replace(/\.(m|c)?(j|t)sx?$/, "");
  const app = /(?:^|\/)app\/(.*)\/(?:route|page)$/.exec(path);
  if (app?.[1] !== undefined) return app[1].split("/").filter((part) => !/^\(.*\)$/.test(part)).join("/");
  const pages = /(?:^|\/)pages\/(.*)$/.exec(path);
  if (pages?.[1] !== undefined) return pages[1];
  return path;
}
