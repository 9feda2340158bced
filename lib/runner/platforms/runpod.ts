import { definePreset } from "./plans";
import type { PlatformPreset, Source } from "./types";

// runpod/docs at a900806e (2026-08-20): the figures below were read there.
const DOCS = "https://github.com/runpod/docs/blob/a900806e253c4f8c16da27d1a4370e72456da4cb";

const sources: readonly Source[] = [
  {
    url: "https://docs.runpod.io/serverless/endpoints/endpoint-configurations",
    title: "Endpoint configurations: Execution timeout default 600 s, range 5 s to 7 days; job fails and worker stops",
    checked: "2026-11",
  },
  {
    url: "https://docs.runpod.io/serverless/endpoints/send-requests",
    title: "Send requests: policy.executionTimeout in ms (600000 default), enforced only during execution; ttl",
    checked: "2026-11",
  },
  {
    url: `${DOCS}/serverless/endpoints/job-states.mdx`,
    title: "Job states: FAILED, TIMED_OUT (worker failed to report back before the timeout threshold)",
    checked: "2026-11",
  },
  {
    url: `${DOCS}/serverless/development/optimization.mdx`,
    title: "Optimization: cold start over 7 minutes marks the worker unhealthy; RUNPOD_INIT_TIMEOUT",
    checked: "2026-11",
  },
  {
    url: `${DOCS}/serverless/workers/handler-functions.mdx`,
    title: "Handler functions: def handler(job) and runpod.serverless.start({'handler': handler})",
    checked: "2026-11",
  },
];

export const runpod: PlatformPreset = definePreset({
  id: "runpod",
  name: "RunPod Serverless (queue endpoint)",
  defaultPlan: "queue",
  plans: [
    {
      id: "queue",
      name: "Queue-based endpoint, executionTimeout",
      clock: "wall",
      defaultTimeout: 600,
      maxTimeout: 604_800,
      minTimeout: 5,
      note: "Endpoint setting or per request `policy.executionTimeout` (ms): default 600 s, from 5 s to 7 days, counted only while a worker runs the job.",
    },
    {
      id: "load-balancing",
      name: "Load-balancing endpoint",
      clock: "wall",
      defaultTimeout: 330,
      maxTimeout: 330,
      minTimeout: 330,
      note: "Processing timeout 5.5 min per request, not configurable (research notes on load-balancing/overview.mdx; not re-read).",
    },
  ],
  languages: ["python"],
  entry: "`def handler(job):` (or `async def`, or a generator) reading `job[\"input\"]`, registered with `runpod.serverless.start({\"handler\": handler})`.",
  countsInit: false,
  initTimeout: 420,
  initNote:
    "executionTimeout is 'only enforced during execution', i.e. after a worker picks the job up; module-level work runs at worker start-up, before any job. A cold start over 7 minutes marks the worker unhealthy (raise with RUNPOD_INIT_TIMEOUT).",
  message: (ctx) => `{"id": "${ctx.requestId}", "status": "${ctx.kind === "timeout" ? "TIMED_OUT" : "FAILED"}"}`,
  messageConfidence: "unconfirmed",
  messageNote:
    "RunPod documents no error text. The status values and the {id, status} shape of /status answers are documented, but for an exceeded executionTimeout the docs say both 'the job fails' and that TIMED_OUT covers a worker that did not report back in time; which status the job ends with is unconfirmed.",
  sources,
  notes:
    "The job is failed / timed out server-side and the worker is stopped. With runpod-python >= 1.10 the worker also cancels that job's asyncio task: an async handler gets CancelledError at its next await, a sync handler cannot be interrupted (see research/runpod-sdk.md).",
  unconfirmed: ["message"],
});
