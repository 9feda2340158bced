import { NO_PLATFORM_TEXT } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

const IDLE_TIMEOUT_TEXT = "504 Gateway Timeout\nsb-error-code: IDLE_TIMEOUT";

const requestIdle = {
  seconds: 150,
  message: (ctx: MessageContext) => (ctx.kind === "timeout" ? IDLE_TIMEOUT_TEXT : NO_PLATFORM_TEXT),
  note: "Supabase Edge Functions must send a response within 150 s (request idle timeout) on every plan, or the client gets 504 Gateway Timeout (sb-error-code IDLE_TIMEOUT).",
};

// The 546 response as Supabase documents it: status 546 "Resource Limit (Custom Error Code)" with
// WORKER_LIMIT (status-codes.mdx), the sb-error-code header every failed request carries
// (error-codes.mdx), and the JSON body and "CPU Time exceeded" log line of the 546 troubleshooting
// page (apps/docs/content/troubleshooting/edge-function-546-error-response.mdx).
const WORKER_LIMIT_TEXT = [
  "546 Resource Limit",
  "sb-error-code: WORKER_LIMIT",
  '{"code":"WORKER_LIMIT","message":"Function failed due to not having enough compute resources (please check logs)"}',
  "CPU Time exceeded",
].join("\n");

const cpuPerRequest = {
  seconds: 2,
  message: (ctx: MessageContext) => (ctx.kind === "timeout" ? WORKER_LIMIT_TEXT : NO_PLATFORM_TEXT),
  note: "Every plan allows 2 s of CPU per request (async I/O excluded); past it the isolate is terminated and the request ends in a 546 WORKER_LIMIT response.",
};

export const supabaseEdge: PlatformPreset = definePreset({
  id: "supabase-edge",
  name: "Supabase Edge Functions",
  // "Edge Functions have access to these secrets by default" (Supabase docs, Environment
  // Variables, https://supabase.com/docs/guides/functions/secrets, read 2026-12); the values are
  // placeholders shaped like a project's. SB_REGION is set in hosted functions (same page).
  env: {
    SUPABASE_URL: "https://abcdefghijklmnopqrst.supabase.co",
    SUPABASE_ANON_KEY: "eyJhbGciOiJIUzI1NiJ9.simulated-anon-key",
    SUPABASE_SERVICE_ROLE_KEY: "eyJhbGciOiJIUzI1NiJ9.simulated-service-role-key",
    SUPABASE_DB_URL: "postgresql://postgres:postgres@db.abcdefghijklmnopqrst.supabase.co:5432/postgres",
    SB_REGION: "us-east-1",
  },
  defaultPlan: "free",
  plans: [
    {
      id: "free",
      name: "Free plan",
      clock: "wall",
      defaultTimeout: 150,
      maxTimeout: 150,
      minTimeout: 150,
      note: "The worker stays active at most 150 s (wall clock limit).",
      cpuLimit: cpuPerRequest,
    },
    {
      id: "paid",
      aliases: ["pro", "team", "enterprise"],
      name: "Paid plans (Pro, Team, Enterprise)",
      clock: "wall",
      defaultTimeout: 400,
      maxTimeout: 400,
      minTimeout: 400,
      note: "The worker may stay active 400 s, e.g. for background tasks with EdgeRuntime.waitUntil.",
      responseStart: requestIdle,
      cpuLimit: cpuPerRequest,
    },
    {
      id: "cpu",
      name: "CPU time per request (all plans)",
      clock: "cpu",
      defaultTimeout: 2,
      maxTimeout: 2,
      minTimeout: 2,
      note: "Excludes async I/O. Exceeding it ends in a 546 WORKER_LIMIT response. An older troubleshooting article says 200 ms; the limits page says 2 s.",
      responseStart: requestIdle,
      message: cpuPerRequest.message,
    },
  ],
  languages: ["javascript", "typescript"],
  entry: "Deno: `Deno.serve(async (req: Request) => new Response(...))` in supabase/functions/<name>/index.ts.",
  countsInit: true,
  initNote:
    "The wall-clock limit is how long a worker stays active, so a cold worker's boot time is inside it, and the 150 s idle timeout runs from the request. Inferred from the limits page; not stated explicitly.",
  message: (ctx) =>
    ctx.kind === "timeout" ? "wall clock time limit reached\n504 Gateway Timeout" : NO_PLATFORM_TEXT,
  messageConfidence: "documented-paraphrase",
  messageNote:
    "Supabase's troubleshooting article quotes the log message 'wall clock time limit reached' (printed whenever a worker shuts down, so it also appears on normal shutdowns) and the limits page documents '504 Gateway Timeout' when no response starts within 150 s. The open-source edge-runtime logs 'wall clock duration reached: isolate: ...' instead; which wording a project's dashboard shows is not confirmed.",
  sources: [
    {
      url: "https://supabase.com/docs/guides/functions/limits",
      title: "Edge Functions limits: wall clock 150 s (Free) / 400 s (paid), CPU 2 s, request idle timeout 150 s -> 504",
      checked: "2026-11",
    },
    {
      url: "https://supabase.com/docs/guides/functions/error-codes",
      title: "Edge Functions error codes: sb-error-code IDLE_TIMEOUT (no response in time), WORKER_LIMIT / WORKER_RESOURCE_LIMIT (CPU, memory)",
      checked: "2026-11",
    },
    {
      url: "https://github.com/supabase-community/chatgpt-your-files/issues/2",
      title: "User report of the edge function log line 'shutdown (reason: CPU time limit reached)'",
      checked: "2026-11",
    },
    {
      url: "https://supabase.com/docs/guides/troubleshooting/edge-function-wall-clock-time-limit-reached-Nk38bW",
      title: "Edge Function 'wall clock time limit reached' (troubleshooting, last edited 2025-01-17)",
      checked: "2026-11",
    },
    {
      url: "https://github.com/supabase/supabase/blob/master/apps/docs/content/troubleshooting/edge-function-546-error-response.mdx",
      title: "546 - WORKER_LIMIT Exceeded: isolate ran out of CPU (2 s) or memory; body {\"code\": \"WORKER_LIMIT\", \"message\": \"Function failed due to not having enough compute resources (please check logs)\"}, log 'CPU Time exceeded'",
      checked: "2026-12",
    },
    {
      url: "https://supabase.com/docs/guides/functions/status-codes",
      title: "Edge Functions status codes: 546 Resource Limit (Custom Error Code), WORKER_LIMIT; 504 when no response before the request idle timeout",
      checked: "2026-12",
    },
    {
      url: "https://github.com/supabase/edge-runtime/blob/b1edf453b6ab52eba0cf8c495ed1881001d51c88/crates/base/src/worker/supervisor/strategy_per_worker.rs",
      title: "supabase/edge-runtime supervisor: 'wall clock duration reached', ShutdownReason::WallClockTime",
      checked: "2026-11",
    },
  ],
  notes:
    "If no response has started within 150 s the client gets 504 Gateway Timeout; when the worker reaches its wall-clock limit the isolate is shut down.",
  unconfirmed: ["countsInit"],
});
