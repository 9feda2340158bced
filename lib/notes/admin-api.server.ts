import { ADMIN_COOKIE, adminToken, mintSession, SESSION_SECONDS, sessionActor, sessionValid, tokenMatches } from "./admin.server";
import { articlePage, type ApiContext } from "./api.server";
import { checkSameSite, clientKey, isHttps, readCookie } from "./guard.server";
import { fail, failure, isFailure, json, kindOf, readIncoming, seeOther } from "./http.server";
import { hitRateLimit } from "./rate-limit";
import { moderate } from "./store";
import { moderationInput } from "./validate";

// /admin's endpoints: log in with DEADLINE_ADMIN_TOKEN, log out, approve / reject / delete.

const NO_ADMIN = fail(404, "no-admin", "moderation is off on this server: set DEADLINE_ADMIN_TOKEN (16 characters or more) to enable /admin");

export async function adminLogin(request: Request, ctx: ApiContext): Promise<Response> {
  const now = ctx.now();
  const kind = kindOf(request);
  const token = adminToken();
  if (!token) return failure("json", NO_ADMIN, "/");
  const input = await readIncoming(request);
  if (isFailure(input)) return failure(kind, input, "/admin");
  const refused = checkSameSite(request, now, { minFill: false });
  if (refused) return failure(kind, fail(refused.status, refused.code, refused.message), "/admin");
  const store = await ctx.store();
  // Counted before the comparison, so guessing is as slow as the limit.
  const rate = await hitRateLimit(store.db, "admin", await clientKey(store.db, request.headers), now);
  if (!rate.ok) return failure(kind, fail(429, "rate", `too many sign-in attempts; try again in ${rate.retryAfterSeconds} s`, rate.retryAfterSeconds), "/admin");
  const given = typeof input.fields.token === "string" ? input.fields.token : "";
  if (!tokenMatches(given, token)) return failure(kind, fail(403, "token", "that is not the admin token"), "/admin");
  const cookie = { name: ADMIN_COOKIE, value: mintSession(token, now), maxAge: SESSION_SECONDS, secure: isHttps(request) };
  return kind === "form" ? seeOther("/admin", [cookie]) : json(200, { ok: true, expiresIn: SESSION_SECONDS }, [cookie]);
}

export async function adminLogout(request: Request): Promise<Response> {
  const cookie = { name: ADMIN_COOKIE, value: "", maxAge: 0, secure: isHttps(request) };
  return kindOf(request) === "form" ? seeOther("/admin", [cookie]) : json(200, { ok: true }, [cookie]);
}

export function adminSession(request: Request, now: number): string | null {
  const value = readCookie(request, ADMIN_COOKIE);
  return value && sessionValid(value, adminToken(), now) ? value : null;
}

export async function adminModerate(request: Request, ctx: ApiContext, id: string): Promise<Response> {
  const now = ctx.now();
  const kind = kindOf(request);
  if (!adminToken()) return failure("json", NO_ADMIN, "/");
  const input = await readIncoming(request);
  if (isFailure(input)) return failure(kind, input, "/admin");
  const refused = checkSameSite(request, now, { minFill: false });
  if (refused) return failure(kind, fail(refused.status, refused.code, refused.message), "/admin");
  const session = adminSession(request, now);
  if (!session) return failure(kind, fail(403, "signed-out", "sign in to /admin first (the session may have expired)"), "/admin");
  const parsed = moderationInput.safeParse(input.fields);
  if (!parsed.success) return failure(kind, fail(400, "invalid-action", "action must be approve, reject or delete"), "/admin");
  const store = await ctx.store();
  const result = await moderate(store.db, id, parsed.data.action, sessionActor(session), now);
  if (!result.ok) return failure(kind, fail(404, "not-found", "no such note (already deleted?)"), "/admin");
  ctx.revalidate(articlePage(result.article));
  return kind === "form" ? seeOther(`/admin?done=${parsed.data.action}`) : json(200, { ok: true, action: parsed.data.action, id });
}
