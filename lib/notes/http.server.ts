import { readBounded } from "@/lib/search/api";
import { MAX_REQUEST_BYTES } from "./limits";

// Reading a notes request and answering it, for both kinds of client: a plain HTML form
// (no JavaScript: answered with a 303 to a page that says what happened) and fetch with JSON
// (answered with a status and a JSON body { error, code } or the result).

export type Kind = "form" | "json";
export type Incoming = { kind: Kind; fields: Record<string, unknown> };
export type Failure = { status: 400 | 403 | 404 | 409 | 413 | 415 | 429; code: string; message: string; retryAfter?: number };

export const fail = (status: Failure["status"], code: string, message: string, retryAfter?: number): Failure => ({ status, code, message, ...(retryAfter ? { retryAfter } : {}) });

export function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && "status" in value && "code" in value && "message" in value;
}

/** What kind of answer a request wants, before its body is read. */
export function kindOf(request: Request): Kind {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return "form";
  return "json";
}

export async function readIncoming(request: Request): Promise<Incoming | Failure> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const kind = kindOf(request);
  if (type !== "application/json" && type !== "application/x-www-form-urlencoded") {
    return fail(415, "media-type", `send application/x-www-form-urlencoded (an HTML form) or application/json, not ${type || "a body without a Content-Type"}`);
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_REQUEST_BYTES) return fail(413, "too-large", `the request is larger than ${MAX_REQUEST_BYTES} bytes`);
  const text = await readBounded(request.body, MAX_REQUEST_BYTES);
  if (text === null) return fail(413, "too-large", `the request is larger than ${MAX_REQUEST_BYTES} bytes`);
  if (kind === "form") return { kind, fields: Object.fromEntries(new URLSearchParams(text)) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(400, "json", "the body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail(400, "json", "the body must be a JSON object");
  return { kind: "json", fields: value as Record<string, unknown> };
}

export type Cookie = { name: string; value: string; maxAge: number; secure: boolean };

function setCookie({ name, value, maxAge, secure }: Cookie): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

const NO_STORE = { "Cache-Control": "no-store" };

export function json(status: number, body: unknown, cookies: Cookie[] = []): Response {
  const headers = new Headers(NO_STORE);
  for (const c of cookies) headers.append("Set-Cookie", setCookie(c));
  return Response.json(body, { status, headers });
}

/** A 303 to a page of ours (a path, never a URL from the request). */
export function seeOther(path: string, cookies: Cookie[] = []): Response {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`redirect target must be a path on this site: ${path}`);
  const headers = new Headers({ Location: path, ...NO_STORE });
  for (const c of cookies) headers.append("Set-Cookie", setCookie(c));
  return new Response(null, { status: 303, headers });
}

/** A failure as JSON, or for a form as a 303 to `page` with ?error=code (the page says what to do). */
export function failure(kind: Kind, f: Failure, page: string): Response {
  if (kind === "form") {
    const url = new URL(page, "http://x");
    url.searchParams.set("error", f.code);
    if (f.retryAfter) url.searchParams.set("retry", String(f.retryAfter));
    return seeOther(`${url.pathname}${url.search}${url.hash}`);
  }
  const headers = new Headers(NO_STORE);
  if (f.retryAfter) headers.set("Retry-After", String(f.retryAfter));
  return Response.json({ error: f.message, code: f.code, ...(f.retryAfter ? { retryAfter: f.retryAfter } : {}) }, { status: f.status, headers });
}
