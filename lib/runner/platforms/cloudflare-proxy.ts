import { NO_PLATFORM_TEXT } from "./format";
import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

// The page the visitor gets instead of the origin's response: its <title> is "<host> | 524: A
// timeout occurred" and its body says "A timeout occurred" and "Error code 524" (the HTML quoted in
// the 524 article's sources, e.g. gcli2api#354; Cloudflare's support page names the error
// "Error 524: a timeout occurred").
function timeoutPage(ctx: MessageContext): string {
  let host = "example.com";
  try {
    if (ctx.request) host = new URL(ctx.request.url, `http://${ctx.request.host ?? host}`).hostname;
  } catch {
    // the placeholder stays
  }
  return ["HTTP 524", `<title>${host} | 524: A timeout occurred</title>`, "A timeout occurred", "Error code 524"].join("\n");
}

const READS =
  "The clock counts from Cloudflare's request to the origin's first byte, then restarts with every read: a response that keeps sending bytes is never cut off, one that goes quiet for the whole timeout is.";

/**
 * Cloudflare's reverse proxy in front of an origin of any language (a proxied, orange-cloud DNS
 * record): the origin's own server runs the handler, and Cloudflare gives up on it after the Proxy
 * Read Timeout, answering the visitor with 524 while the origin may still be working.
 */
export const cloudflareProxy: PlatformPreset = definePreset({
  id: "cloudflare-proxy",
  name: "Cloudflare proxy in front of your origin (Proxy Read Timeout, error 524)",
  defaultPlan: "free",
  plans: [
    {
      id: "free",
      aliases: ["pro", "business", "free-pro-business"],
      name: "Free, Pro and Business plans: Proxy Read Timeout fixed at 125 s",
      clock: "wall",
      defaultTimeout: 125,
      maxTimeout: 125,
      minTimeout: 125,
      note: `125 s since the docs were aligned with Cloudflare's proxy (cloudflare-docs#32243, July 2026; 100 s for years, then 120 s); only Enterprise can change it. ${READS}`,
    },
    {
      id: "enterprise",
      name: "Enterprise: proxy_read_timeout set for the zone or by a Cache Rule",
      clock: "wall",
      defaultTimeout: 125,
      maxTimeout: 6000,
      minTimeout: 1,
      note: `Enterprise zones can raise the 524 timeout up to 6,000 s (zone setting proxy_read_timeout, "Value must be between 1 and 6000", or a Cache Rule's Proxy Read Timeout). ${READS}`,
    },
  ],
  languages: ["python", "javascript", "typescript"],
  entry:
    "Whatever your origin serves behind the proxied hostname: a WSGI app (Flask) under gunicorn, an ASGI app, a Node.js server (`(req, res)` handlers, route handlers). The simulator calls it as the origin's own server does.",
  countsInit: false,
  initNote:
    "The origin is already running when Cloudflare forwards the request; its start-up is not part of the Proxy Read Timeout (a cold origin that cannot accept the connection fails with 521/522 instead).",
  deadlineBetweenReads: true,
  message: (ctx) => (ctx.kind === "timeout" ? timeoutPage(ctx) : NO_PLATFORM_TEXT),
  messageConfidence: "documented-paraphrase",
  messageNote:
    "Cloudflare documents error 524 ('a timeout occurred') and its cause; the page's <title> '<host> | 524: A timeout occurred', its 'A timeout occurred' heading and 'Error code 524' label are the page as users posted its HTML. The host is the request's. An error the origin raises is relayed as the origin's own response, not a Cloudflare text.",
  sources: [
    {
      url: "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-524/",
      title: "Error 524: the origin did not answer within the Proxy Read Timeout; Enterprise can raise it up to 6,000 s; 30 s Proxy Write Timeout",
      checked: "2026-12",
    },
    {
      url: "https://github.com/cloudflare/cloudflare-docs/pull/32243",
      title: "cloudflare-docs#32243 (merged 2026-07-22): Proxy Read Timeout default 125 seconds, aligned with Pingora (was 100 s / 120 s on several pages)",
      checked: "2026-12",
    },
    {
      url: "https://developers.cloudflare.com/fundamentals/reference/connection-limits/",
      title: "Connection limits between Cloudflare and the origin: Proxy Read Timeout 125 s",
      checked: "2026-12",
    },
    {
      url: "https://github.com/cloudflare/cloudflare-typescript/blob/d59a7a8247da2c4d9d229549eaaf07342964b3ae/src/resources/zones/settings/proxy-read-timeout.ts",
      title: "Cloudflare's API client (generated from its OpenAPI spec), zone setting proxy_read_timeout: 'Maximum time between two read operations from origin.'",
      checked: "2026-12",
    },
    {
      url: "https://raw.githubusercontent.com/api-evangelist/engineering-platform/refs/heads/main/json-schema/apis-io-engineering-platform-zones-proxy-read-timeout-value-schema.json",
      title: "Mirror of Cloudflare's OpenAPI schema zones_proxy_read_timeout_value: 'Value must be between 1 and 6000'",
      checked: "2026-12",
    },
  ],
  notes:
    "Cloudflare closes the connection to the origin and serves its 524 page; the origin is not told and usually finishes the request, which shows up in its own access log with a normal status.",
  unconfirmed: ["plans.enterprise.minTimeout"],
});
