import { enUsLocaleString } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

// wrangler tail's line names the request (`METHOD URL - Outcome @ date`, workers-sdk
// packages/wrangler/src/tail/printing.ts); with no request in the event, this one stands in.
const TAIL_REQUEST = "GET https://handler.example.workers.dev/";

function tailRequest(ctx: MessageContext): string {
  return ctx.request ? `${ctx.request.method} ${ctx.request.url}` : TAIL_REQUEST;
}

/**
 * What the Cloudflare API answers an upload whose global scope runs past the startup limit, as
 * wrangler 4 prints it (workers-sdk f8308360, packages/wrangler/src/__tests__/deploy/build.test.ts
 * "should offer some helpful advice when upload fails with script startup error": code 10021,
 * message "Error: Script startup exceeded CPU time limit."; the friendly lines are
 * packages/deploy-helpers/src/deploy/helpers/friendly-validator-errors.ts).
 */
const STARTUP_REJECTED = [
  "✘ [ERROR] Your Worker failed validation because it exceeded startup limits.",
  "",
  "  A request to the Cloudflare API (/accounts/<account id>/workers/scripts/<worker name>/versions) failed.",
  "   - Error: Script startup exceeded CPU time limit. [code: 10021]",
  "",
  "  To ensure fast responses, there are constraints on Worker startup, such as how much CPU it can",
  "  use, or how long it can take. Your Worker has hit one of these startup limits. Try reducing the",
  "  amount of work done during startup (outside the event handler), either by removing code or",
  "  relocating it inside the event handler.",
].join("\n");

export const cloudflareWorkers: PlatformPreset = definePreset({
  id: "cloudflare-workers",
  name: "Cloudflare Workers",
  defaultPlan: "free",
  // CPU time on both plans: awaiting fetch, timers or storage costs nothing, only running code does.
  plans: [
    {
      id: "free",
      name: "Workers Free",
      clock: "cpu",
      defaultTimeout: 0.01,
      maxTimeout: 0.01,
      minTimeout: 0.01,
      note: "10 ms of CPU per invocation; no wall-clock limit while the client stays connected, and ctx.waitUntil() work may run 30 s after the response.",
    },
    {
      id: "paid",
      aliases: ["standard"],
      name: "Workers Paid (Standard usage model)",
      clock: "cpu",
      defaultTimeout: 30,
      maxTimeout: 300,
      // The docs give no lower bound for cpu_ms; 1 ms is ours (cpu_ms is a whole number of milliseconds).
      minTimeout: 0.001,
      note: "30 s of CPU by default; `limits.cpu_ms` in the Wrangler configuration (or the dashboard) accepts any value up to 300,000 ms (5 min). Queue consumers get the same CPU limit and 15 min of wall clock; Cron Triggers also stop at 15 min of wall clock (an older limits page gave them 30 s or 15 min of CPU by schedule interval).",
    },
  ],
  languages: ["javascript", "typescript", "python"],
  entry:
    "ES module `export default { async fetch(request, env, ctx) { return new Response(...) } }`; Python Workers (beta, Pyodide) use `class Default(WorkerEntrypoint): async def fetch(self, request)`.",
  countsInit: false,
  // Seconds of the preset's clock, CPU: "Script startup exceeded CPU time limit".
  initTimeout: 1,
  initRejection: { type: "Error", message: "Script startup exceeded CPU time limit. [code: 10021]", text: STARTUP_REJECTED },
  initNote:
    "Global-scope code runs when a version is uploaded (Cloudflare validates it by running it), with its own limit: 1 s of CPU to parse and execute the global scope since 2025-10-10 (400 ms before). Past it the upload is rejected with 'Error: Script startup exceeded CPU time limit.' [code: 10021] and no request ever runs; the last good version keeps serving.",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `${tailRequest(ctx)} - Exceeded CPU Limit @ ${enUsLocaleString(ctx)}\nError: Worker exceeded CPU time limit.\nError 1102: Worker exceeded resource limits`
      : `${tailRequest(ctx)} - Exception Thrown @ ${enUsLocaleString(ctx)}${ctx.error ? `\n✘ [ERROR] ${ctx.error.type}: ${ctx.error.message}` : ""}\nError 1101: Worker threw exception`,
  messageConfidence: "verbatim",
  messageNote:
    "The first line is wrangler tail's pretty format, `METHOD URL - OUTCOME @ date`, with the request the event describes; 'Exceeded CPU Limit' and 'Exception Thrown' are its names for the `exceededCpu` and `exception` outcomes (workers-sdk printing.ts prettifyOutcome), and an exception is printed under it as `Name: message` through wrangler's error logger (✘ [ERROR]). 'Error: Worker exceeded CPU time limit.' is the error Cloudflare's docs say is recorded for exceededCpu (Workflows limits page); whether tail prints it under the outcome line is unconfirmed. The last line is the page the visitor gets: 'Error 1102: Worker exceeded resource limits' is the title of Cloudflare's support page for 1102 (CPU time or memory), the same on the Paid plan with a lower limits.cpu_ms; 1101 'Worker threw exception' is the page users post for an exception.",
  sources: [
    {
      url: "https://developers.cloudflare.com/workers/platform/limits/",
      title: "Workers limits: CPU time 10 ms (Free) / 5 min (Paid); Worker startup time 1 s",
      checked: "2026-11",
    },
    {
      url: "https://developers.cloudflare.com/changelog/2025-03-25-higher-cpu-limits/",
      title: "Run Workers for up to 5 minutes of CPU-time: default still 30 s, cpu_ms up to 300,000",
      checked: "2026-11",
    },
    {
      url: "https://developers.cloudflare.com/queues/platform/limits",
      title: "Queues limits: consumer wall-clock duration 15 min; consumer CPU 30 s by default, limits.cpu_ms up to 5 min",
      checked: "2026-11",
    },
    {
      url: "https://developers.cloudflare.com/workers/observability/errors/",
      title: "Errors and exceptions: 1101 Worker threw a JavaScript exception; 1102 Worker exceeded CPU time limit",
      checked: "2026-11",
    },
    {
      url: "https://developers.cloudflare.com/workflows/reference/limits/",
      title: "Workflows limits: 'Error: Worker exceeded CPU time limit.' appears as exceededCpu in wrangler tail",
      checked: "2026-11",
    },
    {
      url: "https://github.com/cloudflare/workers-sdk/blob/044af9c7b05c3303241adf5e78410ae31d69748e/packages/wrangler/src/tail/printing.ts",
      title: "wrangler tail printing.ts: prettifyOutcome('exceededCpu') = 'Exceeded CPU Limit'",
      checked: "2026-11",
    },
    {
      url: "https://developers.cloudflare.com/changelog/2025-10-10-increased-startup-time",
      title: "Worker startup time limit increased to 1 second ('1 second to parse and execute its global scope', was 400 ms)",
      checked: "2026-12",
    },
    {
      url: "https://github.com/cloudflare/workers-sdk/blob/f8308360283f97d33e188aee2e19c1ef9c09524a/packages/wrangler/src/__tests__/deploy/build.test.ts",
      title: "wrangler deploy test: upload fails with code 10021 'Error: Script startup exceeded CPU time limit.' and the friendly startup-limits message",
      checked: "2026-12",
    },
    {
      url: "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1102/",
      title: "Error 1102: Worker exceeded resource limits (CPU time or 128 MB memory)",
      checked: "2026-12",
    },
    {
      url: "https://github.com/cloudflare/workerd/blob/6552d999c79ef651b5463c6d692d065a8ce6f859/src/workerd/io/io-context.c%2B%2B",
      title: "workerd io-context.c++ abortFromHang: 'The Workers runtime canceled this request because it detected that your Worker's code had hung and would never generate a response.' (since v1.20250524.0, commit 0542d70)",
      checked: "2026-12",
    },
    {
      url: "https://developers.cloudflare.com/workers/languages/python/",
      title: "Python Workers: fetch handler on a WorkerEntrypoint class, run by Pyodide",
      checked: "2026-11",
    },
  ],
  notes:
    "The invocation is terminated as soon as its CPU time passes the limit; the client receives error page 1102 and the invocation outcome is exceededCpu. Time spent awaiting I/O or timers does not count.",
  unconfirmed: ["plans.paid.minTimeout"],
});
