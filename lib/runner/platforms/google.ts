import { NO_PLATFORM_TEXT, wholeMilliseconds } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

const CLOUD_RUN_TIMEOUT_TEXT =
  "The request has been terminated because it has reached the maximum request timeout. To change this limit, see https://cloud.google.com/run/docs/configuring/request-timeout";

// What ESPv2 (Envoy) answers when the backend misses the route's deadline, as its own
// integration tests expect it (esp-v2 tests/integration_test/http1_deadline_test, at 3dcedb6).
const ESPV2_TIMEOUT_BODY = '{"code":504,"message":"upstream request timeout"}';

// Cloud Run functions (2nd gen) are Cloud Run services: a timed-out request gets Cloud Run's 504.
const cloudRunTimeout = (ctx: MessageContext) => (ctx.kind === "timeout" ? `HTTP 504\n${CLOUD_RUN_TIMEOUT_TEXT}` : NO_PLATFORM_TEXT);

export const gcpFunctions: PlatformPreset = definePreset({
  id: "gcp-functions",
  name: "Google Cloud Functions (1st gen, incl. Firebase Functions v1)",
  defaultPlan: "1st-gen",
  plans: [
    {
      id: "1st-gen",
      aliases: ["gen1", "v1"],
      name: "1st gen functions: the generation whose logs print 'Function execution took ... finished with status'",
      clock: "wall",
      defaultTimeout: 60,
      maxTimeout: 540,
      minTimeout: 1,
      note: "On timeout the caller gets an HTTP error status, generally 408, and execution is halted.",
    },
    {
      id: "2nd-gen",
      aliases: ["2nd-gen-http", "gen2", "v2", "cloud-run-functions"],
      name: "Cloud Run functions (2nd gen), HTTP functions",
      clock: "wall",
      defaultTimeout: 60,
      maxTimeout: 3600,
      minTimeout: 1,
      note: "On timeout the caller gets 504; the instance may be throttled but keeps running until the code exits, and its response is discarded.",
      message: cloudRunTimeout,
    },
    {
      id: "2nd-gen-event",
      aliases: ["gen2-event"],
      name: "Cloud Run functions (2nd gen), event-driven functions",
      clock: "wall",
      defaultTimeout: 60,
      maxTimeout: 540,
      minTimeout: 1,
      note: "Event-driven functions allow at most 9 minutes; Firebase documents 1,800 s for task-queue functions.",
      message: cloudRunTimeout,
    },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "Functions Framework: Python `@functions_framework.http def handler(request)` in main.py; Node.js `exports.handler = (req, res) => {}` or `functions.http('handler', fn)`; Firebase `functions.https.onRequest(...)`.",
  countsInit: false,
  initNote:
    "Global-scope code runs when an instance loads; logs report a separate 'load timeout' status for it. Google documents no figure for that limit, so initTimeout is left unset.",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `Function execution took ${wholeMilliseconds(ctx.elapsed)} ms, finished with status: 'timeout'`
      : `Function execution took ${wholeMilliseconds(ctx.elapsed)} ms, finished with status: 'crash'`,
  messageConfidence: "documented-paraphrase",
  messageNote:
    "Google documents that a timed-out 1st gen function returns an HTTP error status, generally 408, to the caller and is halted. The log line 'Function execution took N ms, finished with status: ...' (statuses timeout, crash, error, load timeout ...) is the platform's own line as posted in many logs, not shown on a Google page read this session. For an uncaught exception we assume status 'crash'.",
  sources: [
    {
      url: "https://cloud.google.com/functions/1stgendocs/configuring/timeout",
      title: "Function timeout (1st gen): default 60 s, maximum 540 s, HTTP status generally 408",
      checked: "2026-11",
    },
    {
      url: "https://cloud.google.com/functions/docs/configuring/timeout",
      title: "Function timeout (Cloud Run functions): default 60 s, 3600 s HTTP, 540 s event-driven, 504 to the caller (also at docs.cloud.google.com)",
      checked: "2026-11",
    },
    {
      url: "https://pub.dev/documentation/firebase_js_interop/latest/functions/HttpsOptions/timeoutSeconds.html",
      title: "firebase-functions HttpsOptions.timeoutSeconds doc comment (mirrored): minimum 1 s for gen 2; 540 s event, 3600 s HTTPS, 1800 s task queue",
      checked: "2026-11",
    },
    {
      url: "https://github.com/elastic/beats/issues/16282",
      title: "Posted Cloud Functions log: \"Function execution took 6 ms, finished with status: 'timeout'\"",
      checked: "2026-11",
    },
  ],
  notes:
    "A response with an HTTP error status (generally 408) is returned to the caller at once and the function's execution is halted.",
  unconfirmed: ["minTimeout"],
});

export const cloudRun: PlatformPreset = definePreset({
  id: "cloud-run",
  name: "Google Cloud Run (services)",
  defaultPlan: "service",
  plans: [
    {
      id: "service",
      name: "Cloud Run service request timeout",
      clock: "wall",
      defaultTimeout: 300,
      maxTimeout: 3600,
      minTimeout: 1,
      note: "Default 5 minutes, up to 60 minutes; Google recommends retries and idempotent handlers above 15 minutes. Requests from Eventarc, Pub/Sub push or Cloud Scheduler are bound by those services' timeouts.",
    },
    {
      id: "espv2",
      aliases: ["endpoints", "cloud-endpoints"],
      name: "Cloud Run behind ESPv2 (Cloud Endpoints): ESPv2's response deadline",
      clock: "wall",
      // esp-v2 src/go/util/util.go: DefaultResponseDeadline = 15 * time.Second, used when the
      // OpenAPI backend rule (x-google-backend `deadline`) sets none.
      defaultTimeout: 15,
      // the service's own request timeout still ends the request behind the proxy
      maxTimeout: 3600,
      minTimeout: 0.001,
      note: "ESPv2 waits 15 s for the backend's response unless x-google-backend sets a `deadline` (seconds) for the route, whatever the Cloud Run service's own request timeout; then the caller gets ESPv2's 504 while the service may still be working.",
      message: (ctx) => (ctx.kind === "timeout" ? `HTTP 504 Gateway Timeout\n${ESPV2_TIMEOUT_BODY}` : NO_PLATFORM_TEXT),
    },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "Any container that serves HTTP on `$PORT`: e.g. gunicorn/uvicorn for Python, `http.createServer(...).listen(process.env.PORT)` or Express for Node.js.",
  countsInit: false,
  initNote:
    "Container startup is checked by the startup probe (a TCP probe is configured by default), not by the request timeout. The default probe window was not confirmed this session, so initTimeout is left unset.",
  message: (ctx) => (ctx.kind === "timeout" ? `HTTP 504\n${CLOUD_RUN_TIMEOUT_TEXT}` : NO_PLATFORM_TEXT),
  messageConfidence: "verbatim",
  messageNote:
    "Cloud Run's troubleshooting page shows 'HTTP 504' with 'The request has been terminated because it has reached the maximum request timeout.' The trailing 'To change this limit, see <url>' is in request logs users posted.",
  sources: [
    {
      url: "https://cloud.google.com/run/docs/configuring/request-timeout",
      title: "Set request timeout for services: default 300 s, up to 3600 s, 504 on expiry",
      checked: "2026-11",
    },
    {
      url: "https://cloud.google.com/run/docs/troubleshooting",
      title: "Troubleshoot Cloud Run issues: Gateway timeout error text",
      checked: "2026-11",
    },
    {
      url: "https://github.com/GoogleCloudPlatform/esp-v2/blob/3dcedb6f88f7300d015bae0b0515b56a06e6be77/src/go/util/util.go",
      title: "esp-v2 util.go: DefaultResponseDeadline = 15 * time.Second when the backend rule sets no deadline",
      checked: "2026-12",
    },
    {
      url: "https://github.com/GoogleCloudPlatform/esp-v2/blob/3dcedb6f88f7300d015bae0b0515b56a06e6be77/tests/integration_test/http1_deadline_test/http1_deadline_test.go",
      title: "esp-v2 deadline test: a 20 s backend fails at the 15 s default with 504 Gateway Timeout, {\"code\":504,\"message\":\"upstream request timeout\"}",
      checked: "2026-12",
    },
    {
      url: "https://cloud.google.com/run/docs/configuring/healthchecks",
      title: "Configure container health checks: a TCP startup probe is configured by default",
      checked: "2026-11",
    },
  ],
  notes:
    "Cloud Run closes the connection and returns 504, but does not stop the container: it may keep working on the abandoned request while serving others.",
  unconfirmed: ["minTimeout", "plans.espv2.minTimeout"],
});
