import { createHash, createHmac, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { Kysely } from "kysely";
import { SITE_URL } from "@/lib/site";
import { FORM_COOKIE, FORM_MAX_AGE_SECONDS, parseFormCookie } from "./form-cookie";
import { MIN_FILL_MS } from "./limits";
import type { Database } from "./schema";
import { setting } from "./store";

// ============================================================================================
// CSRF AND CLIENT IDENTITY for every mutating notes endpoint. A request is accepted only if:
//   1. its Origin is this site (or, when a browser sends no Origin, Sec-Fetch-Site says
//      same-origin), compared with the Host the request was sent to and with DEADLINE_SITE_URL;
//   2. it carries the same-site form token (form-cookie.ts), a SameSite=Strict cookie set
//      when one of our pages was shown, at least MIN_FILL_MS before;
//   3. JSON arrives only as Content-Type: application/json (http.server.ts), which a page on
//      another origin cannot send without a CORS preflight, and we answer no preflight.
// What this does not cover: code running on this origin (a same-origin script or worker sends
// a valid Origin and the cookie). The editor's sandbox keeps user code off this origin's APIs.
// ============================================================================================

export type Refusal = { status: 400 | 403; code: string; message: string };

function hostOf(value: string): string | null {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The host the client addressed (behind a proxy: the one it forwarded). */
function requestHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host") || "").toLowerCase() || null;
}

export function sameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin && origin !== "null") {
    const host = hostOf(origin);
    return host !== null && (host === requestHost(headers) || host === hostOf(SITE_URL));
  }
  // Browsers send Origin on every POST; Sec-Fetch-Site covers the rare one that does not.
  return headers.get("sec-fetch-site") === "same-origin";
}

function cookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function readCookie(request: Request, name: string): string | undefined {
  return cookie(request.headers, name);
}

/** Checks 1 and 2 above; `minFill` is false for actions that need no reading time (votes). */
export function checkSameSite(request: Request, now: number, { minFill = true } = {}): Refusal | null {
  if (!sameOrigin(request.headers)) {
    return { status: 403, code: "origin", message: "this request did not come from a page of this site (Origin mismatch): post from the article's form" };
  }
  const token = parseFormCookie(cookie(request.headers, FORM_COOKIE));
  if (!token || now - token.issuedAt > FORM_MAX_AGE_SECONDS * 1000) {
    return { status: 403, code: "form-token", message: "the form's same-site token is missing or expired: reload the article and send again" };
  }
  if (minFill && now - token.issuedAt < MIN_FILL_MS) {
    return { status: 400, code: "too-fast", message: `sent ${Math.max(0, now - token.issuedAt)} ms after the page was shown; people take longer than ${MIN_FILL_MS / 1000} s: wait a moment and send again` };
  }
  return null;
}

export function isHttps(request: Request): boolean {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto === "https" || new URL(request.url).protocol === "https:" || SITE_URL.startsWith("https:");
}

/**
 * The client's address: X-Forwarded-For, counted from the right past DEADLINE_PROXY_HOPS - 1
 * entries (default 1: the entry the nearest proxy, or Next itself, appended). Next only fills the
 * header when it is absent, so a server exposed directly, with no proxy that overwrites it, takes a
 * client's own X-Forwarded-For at its word: put a load balancer in front for rate limits to bind.
 */
export function clientAddress(headers: Headers, hops = Number(process.env.DEADLINE_PROXY_HOPS ?? 1)): string {
  const list = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const picked = list[Math.max(0, list.length - Math.max(1, hops))] ?? headers.get("x-real-ip") ?? "unknown";
  return normaliseAddress(picked);
}

/** IPv4-mapped IPv6 becomes IPv4; IPv6 is cut to its /64, the block one subscriber is given. */
export function normaliseAddress(address: string): string {
  const bare = address.replace(/^\[|\](?::\d+)?$/g, "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (isIP(bare) === 6) {
    const [head, tail = ""] = bare.toLowerCase().split("::");
    const left = head ? head.split(":") : [];
    const right = tail ? tail.split(":") : [];
    const groups = bare.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
    return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
  }
  return bare;
}

const keys = new WeakMap<Kysely<Database>, Promise<string>>();

/** The key client addresses are hashed with: DEADLINE_SECRET, else one made once and kept in the store. */
export function hashKey(db: Kysely<Database>): Promise<string> {
  if (process.env.DEADLINE_SECRET) return Promise.resolve(process.env.DEADLINE_SECRET);
  let key = keys.get(db);
  if (!key) {
    key = setting(db, "client-hash-key", () => randomBytes(32).toString("hex"));
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** A keyed hash of the client's address: what the store keeps instead of the address. */
export async function clientKey(db: Kysely<Database>, headers: Headers): Promise<string> {
  return createHmac("sha256", await hashKey(db)).update(clientAddress(headers)).digest("hex").slice(0, 32);
}

// ---------- the poster's edit secret ----------

export const ownerCookieName = (id: string) => `dl_note_${id}`;

export function newOwnerSecret(): { secret: string; key: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, key: ownerKeyOf(secret) };
}

export function ownerKeyOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
