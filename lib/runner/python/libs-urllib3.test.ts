import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run, sleeps } from "./libs.fixture";

const flaky = parseWorld({ responses: [{ match: "flaky.example.com", status: 503 }] });

describe("urllib3 Retry on the virtual clock", () => {
  test("Retry(total=3, backoff_factor=1) makes 4 attempts and sleeps 0, 2, 4 s (no sleep before the first retry); RetryError says why", async () => {
    const r = await run(
      `
      import requests
      from requests.adapters import HTTPAdapter
      from urllib3.util import Retry
      def lambda_handler(event, context):
          s = requests.Session()
          s.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=1, status_forcelist=[503])))
          s.get("https://flaky.example.com/a")
    `,
      flaky,
    );
    expect(r.error).toMatchObject({
      type: "requests.exceptions.RetryError",
      message: "HTTPSConnectionPool(host='flaky.example.com', port=443): Max retries exceeded with url: /a (Caused by ResponseError('too many 503 error responses'))",
    });
    expect(network(r)).toHaveLength(4);
    expect(network(r).map((s) => s.label)).toEqual([
      "GET https://flaky.example.com/a",
      "GET https://flaky.example.com/a [retry 1]",
      "GET https://flaky.example.com/a [retry 2]",
      "GET https://flaky.example.com/a [retry 3]",
    ]);
    expect(sleeps(r).map((s) => Math.round(s.end - s.start))).toEqual([2, 4]);
  });

  test("Retry-After is honoured for a status in status_forcelist; raise_on_status=False returns the last response", async () => {
    const r = await run(
      `
      import urllib3
      def lambda_handler(event, context):
          http = urllib3.PoolManager(retries=urllib3.Retry(total=2, status_forcelist=[429], raise_on_status=False))
          resp = http.request("GET", "https://limited.example.com/x")
          return resp.status
    `,
      parseWorld({ responses: [{ match: "limited.example.com", status: 429, headers: { "Retry-After": "30" } }] }),
    );
    expect(r.result).toBe(429);
    expect(sleeps(r).map((s) => s.end - s.start).map(Math.round)).toEqual([30, 30]);
    expect(network(r)).toHaveLength(3);
  });

  test("urllib3's defaults: Retry.DEFAULT is Retry(3) and a refused host raises MaxRetryError after 4 attempts", async () => {
    const r = await run(
      `
      import urllib3
      def lambda_handler(event, context):
          try:
              urllib3.request("GET", "http://127.0.0.1:8188/prompt")
          except urllib3.exceptions.MaxRetryError as e:
              return [repr(urllib3.Retry.DEFAULT), type(e.reason).__name__]
    `,
      parseWorld({ responses: [{ match: "127.0.0.1:8188", connection: "refused" }] }),
    );
    expect(r.result).toEqual(["Retry(total=3, connect=None, read=None, redirect=None, status=None)", "NewConnectionError"]);
    expect(network(r)).toHaveLength(4);
  });

  test("requests' default adapter does not retry: a read timeout is ReadTimeout, once", async () => {
    const r = await run(
      `
      import requests
      def lambda_handler(event, context):
          requests.get("http://127.0.0.1:8188/history/1", timeout=5)
    `,
      { latency: { "127.0.0.1": 45 } },
    );
    expect(r.error).toMatchObject({
      type: "requests.exceptions.ReadTimeout",
      message: "HTTPConnectionPool(host='127.0.0.1', port=8188): Read timed out. (read timeout=5)",
    });
    expect(network(r)).toHaveLength(1);
  });

  test("HTTPAdapter(max_retries=2): an exhausted GET read timeout surfaces as ConnectionError(... Caused by ReadTimeoutError)", async () => {
    const r = await run(
      `
      import requests
      from requests.adapters import HTTPAdapter
      def lambda_handler(event, context):
          s = requests.Session()
          s.mount("http://", HTTPAdapter(max_retries=2))
          s.get("http://127.0.0.1:8188/history/1", timeout=5)
    `,
      { latency: { "127.0.0.1": 45 } },
    );
    expect(r.error?.type).toBe("requests.exceptions.ConnectionError");
    expect(r.error?.message).toContain("Caused by ReadTimeoutError(\"HTTPConnectionPool(host='127.0.0.1', port=8188): Read timed out. (read timeout=5)\")");
    // Three attempts of 5 s each; the run's own CPU time (real, so noisy on a loaded machine) adds to that.
    expect(network(r).map((s) => Math.round(s.end - s.start))).toEqual([5, 5, 5]);
    expect(r.elapsedSeconds).toBeGreaterThanOrEqual(15);
  });
});
