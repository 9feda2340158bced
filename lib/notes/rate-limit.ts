import { sql, type Kysely } from "kysely";
import { RATE_LIMITS, type RateAction } from "./limits";
import type { Database } from "./schema";

// Fixed-window counters in the database, so every instance behind a load balancer counts the
// same requests: one upsert per request, keyed by action, client and window.

export type RateResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number; limit: number; windowSeconds: number };

export async function hitRateLimit(db: Kysely<Database>, action: RateAction, client: string, now: number): Promise<RateResult> {
  const { limit, windowMs } = RATE_LIMITS[action];
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const row = await db
    .insertInto("rate_limits")
    .values({ key: `${action}:${client}`, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning("count")
    .executeTakeFirstOrThrow();
  // Old windows are swept now and then by whoever is writing, not by a job that must be run.
  if (Math.random() < 0.01) await db.deleteFrom("rate_limits").where("window_start", "<", now - 24 * 60 * 60_000).execute();
  const count = Number(row.count);
  if (count <= limit) return { ok: true, remaining: limit - count };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)), limit, windowSeconds: windowMs / 1000 };
}
