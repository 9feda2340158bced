import { enUsLocaleString } from "./format";
import { definePreset } from "./plans";
import type { PlatformPreset } from "./types";

// The simulated request, as wrangler tail would print it. Any URL would do; this one is ours.
const TAIL_REQUEST = "GET https://handler.example.workers.dev/";

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
  initTimeout: 1,
  initNote:
    "Global-scope code runs at Worker startup, which has its own limit: 1 s since 2025-10-10 (400 ms before). Exceeding it fails the upload ('Script startup exceeded CPU time limit').",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `${TAIL_REQUEST} - Exceeded CPU Limit @ ${enUsLocaleString(ctx)}\nError: Worker exceeded CPU time limit.`
      : `${TAIL_REQUEST} - Exception Thrown @ ${enUsLocaleString(ctx)}`,
  messageConfidence: "verbatim",
  messageNote:
    "'Exceeded CPU Limit' is wrangler tail's pretty form of the `exceededCpu` outcome (workers-sdk printing.ts, `METHOD URL - OUTCOME @ date`). 'Error: Worker exceeded CPU time limit.' is the error Cloudflare's docs say is thrown. The visitor sees Cloudflare error page 1102, documented as 'Worker exceeded CPU time limit'; users report the page title as 'Worker exceeded resource limits'. For a thrown exception the page is 1101 and the tail outcome 'Exception Thrown'. Both lines are verbatim, but whether tail prints the error under the outcome line is unconfirmed.",
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
      title: "Worker startup time limit increased to 1 second",
      checked: "2026-11",
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
