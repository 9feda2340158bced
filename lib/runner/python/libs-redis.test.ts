import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run, sleeps } from "./libs.fixture";

describe("redis-py 7.4.1", () => {
  test("no socket timeouts by default: a dropped server waits until the deadline; a refused one is ConnectionError at once", async () => {
    const hang = await run(
      `
      import redis
      r = redis.Redis(host="cache.internal")
      def lambda_handler(event, context):
          return r.get("k")
    `,
      { timeout: 20, ...parseWorld({ responses: [{ match: "cache.internal:6379", answers: [{ connection: "dropped" }] }] }) },
    );
    expect(hang).toMatchObject({ verdict: "timeout", elapsedSeconds: 20, line: 4 });

    const refused = await run(
      `
      import redis
      def lambda_handler(event, context):
          try:
              redis.Redis().ping()
          except redis.exceptions.ConnectionError as e:
              return [type(e).__name__, str(e)]
    `,
      parseWorld({ responses: [{ match: "localhost:6379", answers: [{ connection: "refused" }] }] }),
    );
    expect(refused.result).toEqual(["ConnectionError", "Error 111 connecting to localhost:6379. Connection refused."]);
  });

  test("socket_timeout: 'Timeout reading from socket' after the Retry's 3 retries with jittered backoff; the rule's values are the replies", async () => {
    const r = await run(
      `
      import time, redis
      def lambda_handler(event, context):
          r = redis.from_url("redis://cache.internal:6379/0", socket_timeout=2, decode_responses=True)
          out = [r.get("user:1"), r.set("k", "v", ex=60)]
          t = time.monotonic()
          try:
              r.blpop("jobs", 0)
          except redis.TimeoutError as e:
              out.append([str(e), time.monotonic() - t])
          return out
    `,
      {
        timeout: 120,
        ...parseWorld({ responses: [{ match: "cache.internal:6379", answers: [{ times: 1, json: "Ada" }, { times: 1, json: "OK" }, { latency: 60, json: null }] }] }),
      },
    );
    const out = r.result as [string, string, [string, number]];
    expect(out.slice(0, 2)).toEqual(["Ada", "OK"]);
    expect(out[2][0]).toBe("Timeout reading from socket");
    // 4 reads of 2 s, and 3 backoffs of up to 2, 4 and 8 s
    expect(out[2][1]).toBeGreaterThanOrEqual(8);
    expect(out[2][1]).toBeLessThan(8 + 14 + 0.5);
    expect(sleeps(r).filter((s) => s.label?.startsWith("redis-py retry backoff"))).toHaveLength(3);
  });

  test("socket_connect_timeout on a dropped host: 'Timeout connecting to server' after 4 attempts; redis.asyncio works on the loop", async () => {
    const r = await run(
      `
      import asyncio, redis, redis.asyncio as aredis
      async def main():
          r = aredis.Redis(host="cache.internal")
          return [await r.incr("hits"), await r.get("missing")]
      def lambda_handler(event, context):
          out = [asyncio.run(main())]
          try:
              redis.Redis(host="down.internal", socket_connect_timeout=3).ping()
          except redis.TimeoutError as e:
              out.append(str(e))
          return out
    `,
      { timeout: 120, ...parseWorld({ responses: [{ match: "down.internal", answers: [{ connection: "dropped" }] }] }) },
    );
    expect(r.result).toEqual([[1, null], "Timeout connecting to server"]);
    expect(network(r).filter((s) => s.label?.startsWith("CONNECT redis://down.internal"))).toHaveLength(4);
  });
});
