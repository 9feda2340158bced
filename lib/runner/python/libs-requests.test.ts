import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run } from "./libs.fixture";
import { expectSeconds } from "../virtual-time.fixture";

describe("requests: status, headers and connection failures", () => {
  test("a rule's status and headers reach the Response; raise_for_status raises requests' HTTPError text", async () => {
    const r = await run(
      `
      import requests
      def lambda_handler(event, context):
          r = requests.get("https://api.example.com/a")
          try:
              r.raise_for_status()
          except requests.HTTPError as e:
              return [r.status_code, r.headers["Retry-After"], r.json(), str(e)]
    `,
      parseWorld({ responses: [{ match: "api.example.com", status: 503, headers: { "Retry-After": "7" }, json: { busy: true } }] }),
    );
    expect(r.result).toEqual([503, "7", { busy: true }, "503 Server Error: Service Unavailable for url: https://api.example.com/a"]);
    expect(network(r)[0]).toMatchObject({ status: 503, answer: "rule" });
  });

  test("refused: ConnectionError wrapping urllib3's MaxRetryError(NewConnectionError ... [Errno 111]) at once", async () => {
    const r = await run(
      `
      import requests
      def lambda_handler(event, context):
          requests.get("http://localhost:5000/health-check", timeout=5)
    `,
      parseWorld({ responses: [{ match: "localhost:5000", connection: "refused" }] }),
    );
    expect(r.error?.type).toBe("requests.exceptions.ConnectionError");
    expect(r.error?.message).toBe(
      "HTTPConnectionPool(host='localhost', port=5000): Max retries exceeded with url: /health-check (Caused by NewConnectionError(\"HTTPConnection(host='localhost', port=5000): Failed to establish a new connection: [Errno 111] Connection refused\"))",
    );
    expect(r.elapsedSeconds).toBeLessThan(0.5);
    expect(network(r)[0]?.label).toContain("(connection refused)");
  });

  test("dropped: the connect half of timeout=(3, 10) fires ConnectTimeout with urllib3's message after 3 s", async () => {
    const r = await run(
      `
      import requests
      def lambda_handler(event, context):
          requests.get("https://slow.example.com/x", timeout=(3, 10))
    `,
      parseWorld({ responses: [{ match: "slow.example.com", connection: "dropped" }] }),
    );
    expect(r.error?.type).toBe("requests.exceptions.ConnectTimeout");
    expect(r.error?.message).toMatch(
      /^HTTPSConnectionPool\(host='slow\.example\.com', port=443\): Max retries exceeded with url: \/x \(Caused by ConnectTimeoutError\(<HTTPSConnection\(host='slow\.example\.com', port=443\) at 0x[0-9a-f]+>, 'Connection to slow\.example\.com timed out\. \(connect timeout=3\)'\)\)$/,
    );
    expectSeconds(r.elapsedSeconds, 3);
  });

  test("dropped with no timeout waits until the deadline", async () => {
    const r = await run(
      `
      import requests
      def lambda_handler(event, context):
          requests.get("https://slow.example.com/x")
    `,
      { timeout: 30, ...parseWorld({ responses: [{ match: "slow.example.com", connection: "dropped" }] }) },
    );
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 30, line: 3 });
  });
});
