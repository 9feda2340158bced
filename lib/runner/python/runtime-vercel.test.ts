import { beforeAll, describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

function on(platform: string, code: string, extra: Partial<SimulationRequest> = {}): Promise<SimulationResult> {
  const preset = prepare({ language: "python", code: "", platform, ...extra }).engine;
  return run(code, preset, extra);
}

describe("Vercel's Python runtime", () => {
  const basehttp = `
    import time
    from http.server import BaseHTTPRequestHandler

    class handler(BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(float(self.headers.get("x-wait", "0")))
            self.send_response(200)
            self.send_header("Content-type", "text/plain")
            self.end_headers()
            self.wfile.write(f"Hello from {self.path}".encode())

        def do_POST(self):
            length = int(self.headers["Content-Length"])
            data = self.rfile.read(length)
            self.send_response(201)
            self.end_headers()
            self.wfile.write(data.upper())
  `;

  test("a handler class is served one request through the standard library's parsing; the response is Vercel's shape", async () => {
    const r = await on("vercel", basehttp, { event: { method: "GET", path: "/api/hello", query: "a=1" } });
    expect(r.verdict).toBe("ok");
    expect(r.result).toMatchObject({ statusCode: 200, headers: { "content-type": "text/plain", server: expect.stringMatching(/^BaseHTTP\//) }, body: "Hello from /api/hello?a=1" });
    // vc_init's log line goes to stdout.
    expect(r.stdout).toMatch(/^127\.0\.0\.1 - - \[.+\] "GET \/api\/hello\?a=1 HTTP\/1\.1" 200 -\n$/);
    const post = await on("vercel", basehttp, { event: { method: "POST", path: "/api/hello", body: "shout" } });
    expect(post.result).toMatchObject({ statusCode: 201, body: "SHOUT" });
  });

  test("a method the class lacks is 501, as vc_init answers; Vercel's limit ends a slow one on its line", async () => {
    const put = await on("vercel", basehttp, { event: { method: "PUT", path: "/api/hello" } });
    expect(put.result).toMatchObject({ statusCode: 501 });
    expect((put.result as { body: string }).body).toContain("<p>Message: Unsupported method ('PUT').</p>");
    const slow = await on("vercel", basehttp, { timeout: 10, event: { method: "GET", path: "/", headers: { "x-wait": "30" } } });
    expect(slow).toMatchObject({ verdict: "timeout", deadlineSeconds: 10, line: 6 });
  });

  test("the standard library's class itself is untouched for other code", async () => {
    const r = await on(
      "aws-lambda",
      `
      from http.server import BaseHTTPRequestHandler

      class Handler(BaseHTTPRequestHandler):
          pass

      def lambda_handler(event, context):
          return [BaseHTTPRequestHandler.protocol_version, Handler.server_version.startswith("BaseHTTP/")]
      `,
    );
    expect(r).toMatchObject({ verdict: "ok", result: ["HTTP/1.0", true] });
  });

  test("Vercel also serves a WSGI app named app (Flask)", async () => {
    const r = await on(
      "vercel",
      `
      from flask import Flask
      app = Flask(__name__)

      @app.route("/api/<name>")
      def greet(name):
          return {"hi": name}
      `,
      { event: { method: "GET", path: "/api/ann" } },
    );
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: '{"hi":"ann"}\n' } });
  });
});
