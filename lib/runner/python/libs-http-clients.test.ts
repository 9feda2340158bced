import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { run } from "./libs.fixture";

const world = parseWorld({
  responses: [
    { match: "localhost:8188", connection: "refused" },
    { match: "slow.example.com", connection: "dropped" },
    { match: "api.example.com", status: 429, headers: { "Retry-After": "7" }, json: { error: "slow down" } },
  ],
});

describe("httpx, aiohttp and urllib.request: statuses, headers and connection failures", () => {
  test("each client raises its own error for a refused and a dropped connection, with its own text", async () => {
    const r = await run(
      `
      import aiohttp, asyncio, httpx, urllib.request, urllib.error
      async def main():
          out = []
          for url in ("http://localhost:8188/x", "https://slow.example.com/y"):
              try:
                  httpx.get(url)
              except httpx.HTTPError as e:
                  out.append([type(e).__name__, str(e)])
              try:
                  async with httpx.AsyncClient() as c:
                      await c.get(url)
              except httpx.HTTPError as e:
                  out.append([type(e).__name__, str(e)])
              try:
                  async with aiohttp.ClientSession() as s:
                      await s.get(url)
              except aiohttp.ClientError as e:
                  out.append([type(e).__name__, str(e)])
              try:
                  urllib.request.urlopen(url, timeout=7)
              except urllib.error.URLError as e:
                  out.append([type(e).__name__, str(e)])
          return out
      def lambda_handler(event, context):
          return asyncio.run(main())
    `,
      world,
    );
    expect(r.result).toEqual([
      ["ConnectError", "[Errno 111] Connection refused"],
      ["ConnectError", "All connection attempts failed"],
      ["ClientConnectorError", "Cannot connect to host localhost:8188 ssl:default [Connect call failed ('127.0.0.1', 8188)]"],
      ["URLError", "<urlopen error [Errno 111] Connection refused>"],
      ["ConnectTimeout", "timed out"],
      ["ConnectTimeout", ""],
      ["ConnectionTimeoutError", "Connection timeout to host https://slow.example.com/y"],
      ["URLError", "<urlopen error timed out>"],
    ]);
    // httpx 5 s + 5 s, aiohttp's sock_connect=30 rounded up to a whole second, urllib 7 s.
    expect(r.elapsedSeconds).toBeGreaterThan(47);
    expect(r.elapsedSeconds).toBeLessThan(48.5);
  });

  test("httpx read timeouts: over TLS the ssl module's 'The read operation timed out', over plain http 'timed out', async ''", async () => {
    const r = await run(
      `
      import asyncio, httpx
      async def main():
          out = []
          for url in ("https://api.slow.example.com/v1/report", "http://api.slow.example.com/v1/report"):
              try:
                  httpx.get(url, timeout=httpx.Timeout(10.0, read=4.0))
              except httpx.ReadTimeout as e:
                  out.append([type(e).__name__, str(e)])
          try:
              async with httpx.AsyncClient(timeout=4.0) as c:
                  await c.get("https://api.slow.example.com/v1/report")
          except httpx.ReadTimeout as e:
              out.append([type(e).__name__, str(e)])
          return out
      def lambda_handler(event, context):
          return asyncio.run(main())
    `,
      { latency: { "api.slow.example.com": 30 } },
    );
    expect(r.result).toEqual([
      ["ReadTimeout", "The read operation timed out"],
      ["ReadTimeout", "timed out"],
      ["ReadTimeout", ""],
    ]);
    expect(r.elapsedSeconds).toBeCloseTo(12, 0);
  });

  test("status and headers: httpx's two-line HTTPStatusError, aiohttp's ClientResponseError, urllib's HTTPError", async () => {
    const r = await run(
      `
      import aiohttp, asyncio, httpx, urllib.request, urllib.error
      async def main():
          out = []
          r = httpx.get("https://api.example.com/a")
          try:
              r.raise_for_status()
          except httpx.HTTPStatusError as e:
              out.append([str(e), r.headers["retry-after"]])
          async with aiohttp.ClientSession(raise_for_status=True) as s:
              try:
                  await s.get("https://api.example.com/a")
              except aiohttp.ClientResponseError as e:
                  out.append([str(e), e.headers["Retry-After"]])
          try:
              urllib.request.urlopen("https://api.example.com/a")
          except urllib.error.HTTPError as e:
              out.append([str(e), e.headers["retry-after"], e.read().decode()])
          return out
      def lambda_handler(event, context):
          return asyncio.run(main())
    `,
      world,
    );
    expect(r.result).toEqual([
      ["Client error '429 Too Many Requests' for url 'https://api.example.com/a'\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429", "7"],
      ["429, message='Too Many Requests', url='https://api.example.com/a'", "7"],
      ["HTTP Error 429: Too Many Requests", "7", '{"error":"slow down"}'],
    ]);
  });
});
