import { NO_PLATFORM_TEXT, endedAt } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

// nginx/nginx at release-1.31.4 (the newest tag read), the figures and texts below:
const SOURCE = "https://github.com/nginx/nginx/blob/release-1.31.4";
const VERSION = "1.31.4";

// Virtual worker pid and connection number in the error-log line (nginx prints `pid#tid: *conn`).
const WORKER_PID = 2817;
const CONNECTION = 1;
// Where the simulated app listens behind nginx (the `upstream:` field of the line).
const UPSTREAM = "http://127.0.0.1:8000";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The error log's time: ngx_times.c writes ngx_cached_err_log_time as `%4d/%02d/%02d %02d:%02d:%02d`. */
function errorLogTime(ctx: MessageContext): string {
  const d = endedAt(ctx);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function requestParts(ctx: MessageContext): { method: string; path: string; host: string } {
  const method = ctx.request?.method ?? "GET";
  const header = ctx.request?.host;
  try {
    const url = new URL(ctx.request?.url ?? "/", `http://${header ?? "localhost"}`);
    return { method, path: `${url.pathname}${url.search}`, host: header ?? url.host };
  } catch {
    return { method, path: ctx.request?.url ?? "/", host: header ?? "localhost" };
  }
}

/**
 * The line ngx_http_upstream_next() (header not read yet) or ngx_http_upstream_process_upstream()
 * (body under way) logs at NGX_LOG_ERR with NGX_ETIMEDOUT, which Linux's strerror spells
 * "Connection timed out", and the context ngx_http_log_error / ngx_http_log_error_handler append
 * (ngx_http_request.c: client, server, request, upstream, host).
 */
export function nginxTimeoutLine(ctx: MessageContext): string {
  const { method, path, host } = requestParts(ctx);
  const action = ctx.responseStarted ? "reading upstream" : "reading response header from upstream";
  return (
    `${errorLogTime(ctx)} [error] ${WORKER_PID}#${WORKER_PID}: *${CONNECTION} upstream timed out (110: Connection timed out) while ${action}, ` +
    `client: 127.0.0.1, server: ${host}, request: "${method} ${path} HTTP/1.1", upstream: "${UPSTREAM}${path}", host: "${host}"`
  );
}

/** ngx_http_special_response.c: ngx_http_error_504_page and, with server_tokens on (the default), the full tail. */
const PAGE_504 = [
  "<html>",
  "<head><title>504 Gateway Time-out</title></head>",
  "<body>",
  "<center><h1>504 Gateway Time-out</h1></center>",
  `<hr><center>nginx/${VERSION}</center>`,
  "</body>",
  "</html>",
].join("\n");

function timeoutText(ctx: MessageContext): string {
  const line = nginxTimeoutLine(ctx);
  if (ctx.responseStarted) {
    // The status line has gone out: nginx cannot send 504 any more and closes the connection,
    // so the client gets a truncated body.
    return `${line}\n(the client had already received the status line and headers: its response ends truncated, with no 504)`;
  }
  return `${line}\nHTTP 504\n${PAGE_504}`;
}

const READS =
  "proxy_read_timeout is \"set only between two successive read operations, not for the transmission of the whole response\": it counts from sending the request to the app's first byte, then restarts with every read, so a response that keeps sending bytes is never cut off and one that is silent for the whole timeout is.";

/**
 * nginx as a reverse proxy (proxy_pass) in front of an app server of any language: the app's own
 * server runs the handler, and nginx stops waiting for it after proxy_read_timeout, logging
 * "upstream timed out (110: Connection timed out) while reading response header from upstream" and
 * answering 504, while the app works on.
 */
export const nginx: PlatformPreset = definePreset({
  id: "nginx",
  name: "nginx in front of your app (proxy_read_timeout, 504 Gateway Time-out)",
  defaultPlan: "proxy",
  plans: [
    {
      id: "proxy",
      aliases: ["proxy-pass", "proxy-read-timeout", "ingress-nginx"],
      name: "proxy_pass: proxy_read_timeout (60 s unless configured)",
      clock: "wall",
      defaultTimeout: 60,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: `proxy_read_timeout, 60 s by default (ngx_http_proxy_module.c merges read_timeout to 60000 ms); proxy_connect_timeout and proxy_send_timeout are 60 s too and are not what this run measures. ${READS}`,
    },
    {
      id: "uwsgi",
      aliases: ["uwsgi-pass", "uwsgi-read-timeout"],
      name: "uwsgi_pass: uwsgi_read_timeout (60 s unless configured)",
      clock: "wall",
      defaultTimeout: 60,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 1,
      note: `uwsgi_read_timeout, 60 s by default (ngx_http_uwsgi_module.c), with the same rule as proxy_read_timeout: ${READS}`,
    },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "Whatever your app server serves behind `proxy_pass`: a WSGI app (Flask) under gunicorn, an ASGI app (FastAPI) under uvicorn, a Node.js server. The simulator calls it as that server does; its own timeout (gunicorn's --timeout) is not applied here: simulate on --platform gunicorn for that.",
  countsInit: false,
  initNote:
    "The app is already running when nginx passes the request; its start-up is not part of proxy_read_timeout (an app that is not listening yet gives `connect() failed (111: Connection refused) while connecting to upstream` and 502).",
  deadlineBetweenReads: true,
  message: (ctx) => (ctx.kind === "timeout" ? timeoutText(ctx) : NO_PLATFORM_TEXT),
  messageConfidence: "verbatim",
  messageNote:
    "The error-log line is built as nginx builds it: `upstream timed out` with ETIMEDOUT (110: Connection timed out on Linux), the log action `reading response header from upstream` (or `reading upstream` once the response started) and the request context; the 504 page is nginx's built-in one with server_tokens on. The time, pid, connection number, client address and upstream address are placeholders.",
  sources: [
    {
      url: "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout",
      title: "proxy_read_timeout: default 60s, 'set only between two successive read operations, not for the transmission of the whole response'",
      checked: "2026-12",
    },
    {
      url: `${SOURCE}/src/http/modules/ngx_http_proxy_module.c`,
      title: "ngx_http_proxy_merge_loc_conf: connect_timeout, send_timeout and read_timeout default to 60000 ms",
      checked: "2026-12",
    },
    {
      url: `${SOURCE}/src/http/ngx_http_upstream.c`,
      title: "log actions 'reading response header from upstream' / 'reading upstream', 'upstream timed out' with NGX_ETIMEDOUT, NGX_HTTP_UPSTREAM_FT_TIMEOUT answered NGX_HTTP_GATEWAY_TIME_OUT (504)",
      checked: "2026-12",
    },
    {
      url: `${SOURCE}/src/http/ngx_http_special_response.c`,
      title: "ngx_http_error_504_page ('504 Gateway Time-out') and the server_tokens tail",
      checked: "2026-12",
    },
    {
      url: `${SOURCE}/src/http/ngx_http_request.c`,
      title: "ngx_http_log_error_handler: the ', server: ..., request: \"...\", upstream: \"...\", host: \"...\"' context of the error-log line",
      checked: "2026-12",
    },
    {
      url: "https://nginx.org/en/docs/http/ngx_http_uwsgi_module.html#uwsgi_read_timeout",
      title: "uwsgi_read_timeout: default 60s, between two successive reads",
      checked: "2026-12",
    },
  ],
  notes:
    "nginx closes the connection to the app and answers the client 504 Gateway Time-out (or, if the response had started, ends it truncated); the app is not told and usually finishes the request, which shows up in its own access log with a normal status. With several servers in an upstream block, proxy_next_upstream (error timeout by default) retries an idempotent request on the next one, with a fresh timeout: not simulated, this run has one upstream.",
  unconfirmed: [],
});
