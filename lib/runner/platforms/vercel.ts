import { plainSeconds } from "./format";
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

export const vercel: PlatformPreset = {
  id: "vercel",
  name: "Vercel Functions (Node.js / Python)",
  clock: "wall",
  defaultTimeout: 300,
  maxTimeout: 300,
  minTimeout: 1,
  plan: "Hobby with Fluid compute (enabled by default)",
  plans: [
    {
      id: "pro-fluid",
      name: "Pro with Fluid compute",
      clock: "wall",
      defaultTimeout: 300,
      maxTimeout: 800,
      minTimeout: 1,
      note: "Pro plan page also mentions an 'extended max duration' up to 1800 s in beta for some runtimes (research notes; not re-read).",
    },
    {
      id: "enterprise-fluid",
      name: "Enterprise with Fluid compute",
      clock: "wall",
      defaultTimeout: 300,
      maxTimeout: 800,
      minTimeout: 1,
      note: "Same table as Pro.",
    },
    {
      id: "hobby-legacy",
      name: "Hobby, Fluid compute disabled",
      clock: "wall",
      defaultTimeout: 10,
      maxTimeout: 60,
      minTimeout: 1,
      note: "Older projects; the 10 s default is what most pre-2025 FUNCTION_INVOCATION_TIMEOUT reports hit.",
    },
    {
      id: "pro-legacy",
      name: "Pro, Fluid compute disabled",
      clock: "wall",
      defaultTimeout: 15,
      maxTimeout: 300,
      minTimeout: 1,
      note: "",
    },
    {
      id: "enterprise-legacy",
      name: "Enterprise, Fluid compute disabled",
      clock: "wall",
      defaultTimeout: 15,
      maxTimeout: 900,
      minTimeout: 1,
      note: "",
    },
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
  unconfirmed: ["countsInit", "minTimeout"],
};

export const vercelEdge: PlatformPreset = {
  id: "vercel-edge",
  name: "Vercel Functions on the Edge runtime",
  clock: "wall",
  defaultTimeout: 25,
  maxTimeout: 25,
  minTimeout: 25,
  plan: "All plans (not configurable): time to the first response byte",
  plans: [
    {
      id: "streaming",
      name: "Streaming after the first byte",
      clock: "wall",
      defaultTimeout: 300,
      maxTimeout: 300,
      minTimeout: 300,
      note: "After the response has started, the function may keep streaming for up to 300 s in total.",
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
};
