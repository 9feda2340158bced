import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// ============================================================================================
// MODERATOR ACCESS. There is exactly one credential, DEADLINE_ADMIN_TOKEN. Unset (or shorter
// than 16 characters) means no admin at all: /admin answers 404 and the moderation API 404s.
// The token is compared in constant time (both sides are hashed to equal length first). A
// login gives a session cookie: HttpOnly, SameSite=Strict, Secure on https, 8 hours, holding an
// expiry signed with a key derived from the token, so every instance sharing the token accepts
// it and changing the token ends every session. The cookie is not revocable before it expires
// except by changing the token; logging out deletes it from the browser.
// ============================================================================================

export const ADMIN_COOKIE = "dl_admin";
export const SESSION_SECONDS = 8 * 60 * 60;
const MIN_TOKEN = 16;

export function adminToken(env: NodeJS.ProcessEnv = process.env): string | null {
  const token = env.DEADLINE_ADMIN_TOKEN;
  return token && token.length >= MIN_TOKEN ? token : null;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

function sessionKey(token: string): Buffer {
  return createHash("sha256").update(`deadline admin session\0${token}`).digest();
}

function sign(token: string, expires: number): string {
  return createHmac("sha256", sessionKey(token)).update(`admin:${expires}`).digest("base64url");
}

export function mintSession(token: string, now: number): string {
  const expires = now + SESSION_SECONDS * 1000;
  return `${expires}.${sign(token, expires)}`;
}

export function sessionValid(value: string | undefined, token: string | null, now: number): boolean {
  if (!token || !value) return false;
  const m = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return false;
  const expires = Number(m[1]);
  if (expires <= now) return false;
  const expected = Buffer.from(sign(token, expires));
  const got = Buffer.from(m[2]!);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

/** A short, non-reversible name for the session in the audit log. */
export function sessionActor(value: string): string {
  return `admin:${createHash("sha256").update(value).digest("hex").slice(0, 8)}`;
}
