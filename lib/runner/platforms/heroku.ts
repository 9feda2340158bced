import { NO_PLATFORM_TEXT, herokuTimestamp, wholeMilliseconds } from "./format";
import { definePreset } from "./plans";
import type { PlatformPreset } from "./types";

/** The router logs the request's path and query, whatever form the engine gives its URL in. */
function pathOf(url: string | undefined): string {
  if (!url) return "/";
  try {
    const parsed = new URL(url, "https://myapp.herokuapp.com");
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

export const heroku: PlatformPreset = definePreset({
  id: "heroku",
  name: "Heroku (router request timeout)",
  defaultPlan: "router",
  plans: [
    {
      id: "router",
      name: "Router request timeout (all dynos)",
      clock: "wall",
      defaultTimeout: 30,
      maxTimeout: 30,
      minTimeout: 30,
      note: "The router ends the request 30 s after the whole request reached the dyno; no setting changes it.",
    },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "A `web:` process in the Procfile that listens on `$PORT`, e.g. `web: gunicorn app:app` or `web: node server.js`.",
  countsInit: false,
  initTimeout: 60,
  initNote:
    "The 30 s countdown starts only once the whole request has been sent to the dyno. Boot is governed separately: a web process that has not bound $PORT 60 s after launch fails with R10 (Boot timeout).",
  message: (ctx) =>
    ctx.kind === "timeout"
      ? `${herokuTimestamp(ctx)} heroku[router]: at=error code=H12 desc="Request timeout" method=${ctx.request?.method ?? "GET"} path="${pathOf(ctx.request?.url)}" host=myapp.herokuapp.com request_id=${ctx.requestId} fwd="203.0.113.7" dyno=web.1 connect=0ms service=${wholeMilliseconds(ctx.elapsed)}ms status=503 bytes=0 protocol=https`
      : NO_PLATFORM_TEXT,
  messageConfidence: "verbatim",
  messageNote:
    "Layout of Heroku's H12 router line as in the Dev Center error-codes example (at=error code=H12 desc=\"Request timeout\" ... service=30001ms status=503 bytes=0); request_id and protocol are the fields current router lines add. Method and path are the simulated request's; host, fwd and dyno are placeholders.",
  sources: [
    {
      url: "https://devcenter.heroku.com/articles/request-timeout-bamboo",
      title: "Request Timeout: router terminates requests after 30 s, countdown starts after the request reaches the dyno",
      checked: "2026-11",
    },
    {
      url: "https://devcenter.heroku.com/articles/error-codes#h12-request-timeout",
      title: "Heroku error codes: H12 Request timeout example log line; R10 Boot timeout",
      checked: "2026-11",
    },
  ],
  notes:
    "The router returns a (customisable) 503 error page and logs H12; the dyno is not told and keeps processing the request.",
  unconfirmed: ["initTimeout"],
});
