import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

test("ioredis to a refused host: reconnects with retryStrategy's growing delays, and a command fails after maxRetriesPerRequest (20)", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import Redis from "ioredis";
const redis = new Redis({ host: "cache.internal" });
redis.on("error", () => {});
export const handler = async () => {
  const t = Date.now();
  try { await redis.get("k"); } catch (e) { return [e.name, e.message, Math.round((Date.now() - t) / 1000)]; }
};`),
    responses: [{ match: "cache.internal:6379", answers: [{ connection: "refused" }] }],
    timeout: 300,
  });
  const [name, message, seconds] = result.result as [string, string, number];
  expect([name, message]).toEqual(["MaxRetriesPerRequestError", 'Reached the max retries per request limit (which is 20). Refer to "maxRetriesPerRequest" option for details.']);
  // the queue is flushed at the 21st failed connection, after 20 waits of min(2^(n-1) × 50, 5000) ms
  // plus up to 200 ms jitter each: 71.35 s to 75.35 s
  expect(seconds).toBeGreaterThanOrEqual(71);
  expect(seconds).toBeLessThanOrEqual(76);
  const waits = spansOf(result.timeline, "timer").filter((s) => s.label?.startsWith("ioredis reconnect"));
  expect(durationOf(waits[0]!)).toBeGreaterThanOrEqual(0.05);
  expect(durationOf(waits[0]!)).toBeLessThan(0.25);
});

test("ioredis: connectTimeout 10 s on a dropped host prints the unhandled error; commandTimeout rejects with 'Command timed out'; rule replies", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const Redis = require("ioredis");
exports.handler = async () => {
  const out = {};
  const fast = new Redis("redis://cache.internal:6379/0", { commandTimeout: 500 });
  out.get = await fast.get("user:1");
  out.set = await fast.set("k", "v");
  try { await fast.blpop("jobs", 0); } catch (e) { out.timeout = e.message; }
  fast.disconnect();
  const dropped = new Redis({ host: "down.internal", maxRetriesPerRequest: 0 });
  try { await dropped.ping(); } catch (e) { out.dropped = e.message; }
  dropped.disconnect();
  return out;
};`),
    responses: [
      { match: "cache.internal:6379", answers: [{ times: 1, json: '{"name":"Ada"}' }, { times: 1, json: "OK" }, { latency: 30, json: null }] },
      { match: "down.internal", answers: [{ connection: "dropped" }] },
    ],
    timeout: 60,
  });
  expect(result.result).toEqual({ get: '{"name":"Ada"}', set: "OK", timeout: "Command timed out", dropped: 'Reached the max retries per request limit (which is 0). Refer to "maxRetriesPerRequest" option for details.' });
  expect(result.stdout).toContain("[ioredis] Unhandled error event: Error: connect ETIMEDOUT");
  const connect = spansOf(result.timeline, "network").find((s) => s.label?.includes("down.internal"));
  expect(durationOf(connect!)).toBeCloseTo(10, 1);
});

test("a connected ioredis client keeps a Lambda callback handler open until quit()", async ({ engine }) => {
  const code = (quit: boolean) =>
    js(`
const Redis = require("ioredis");
const redis = new Redis();
exports.handler = (event, context, callback) => {
  redis.incr("hits").then((n) => ${quit ? "redis.quit().then(() => callback(null, n))" : "callback(null, n)"});
};`);
  const open = await engine.run({ code: code(false) });
  expect(open.result.verdict).toBe("timeout");
  const closed = await engine.run({ code: code(true) });
  expect(closed.result).toMatchObject({ verdict: "ok", result: 1 });
});

test("node-redis v4: commands before connect() throw ClientClosedError; connectTimeout 5 s per attempt; an error event with no listener ends the process", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { createClient } from "redis";
export const handler = async () => {
  const out = {};
  const early = createClient({ url: "redis://cache.internal:6379" });
  try { await early.get("k"); } catch (e) { out.early = [e.name, e.message]; }
  await early.connect();
  out.hGetAll = await early.hGetAll("user:1");
  out.set = await early.set("k", "v", { EX: 60 });
  await early.quit();
  const down = createClient({ socket: { host: "down.internal", reconnectStrategy: false } });
  const t = Date.now();
  try { await down.connect(); } catch (e) { out.down = [e.name, e.message, Math.round((Date.now() - t) / 1000) * 1000]; }
  return out;
};`),
    responses: [{ match: "down.internal", answers: [{ connection: "dropped" }] }],
    timeout: 60,
  });
  expect(result.result).toEqual({ early: ["ClientClosedError", "The client is closed"], hGetAll: {}, set: "OK", down: ["ConnectionTimeoutError", "Connection timeout", 5000] });
  const crash = await engine.run({
    code: js(`
import { createClient } from "redis";
export const handler = async () => {
  const client = createClient({ socket: { host: "down.internal" } });
  await client.connect();
};`),
    responses: [{ match: "down.internal", answers: [{ connection: "dropped" }] }],
    timeout: 60,
  });
  expect(crash.result.verdict).toBe("error");
  expect(crash.result.error?.message).toMatch(/Connection timeout/);
  expect(crash.result.elapsedSeconds).toBeCloseTo(5, 0);
});
