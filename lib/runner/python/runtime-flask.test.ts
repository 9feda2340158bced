import { beforeAll, describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";
import { expectSeconds } from "../virtual-time.fixture";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

/** The real preset, as the CLI and the editor resolve it. */
function preset(platform: string, timeout?: number): PythonPreset {
  return prepare({ language: "python", code: "", platform, ...(timeout !== undefined ? { timeout } : {}) }).engine;
}

const app = `
  import time
  from flask import Flask, request, jsonify, abort, make_response

  app = Flask(__name__)

  @app.before_request
  def gate():
      if request.headers.get("x-block"):
          return "blocked", 403

  @app.route("/")
  def root():
      return "hello"

  @app.route("/items/<int:item_id>", methods=["GET", "POST"])
  def item(item_id):
      if request.method == "POST":
          return {"id": item_id, "got": request.get_json()}, 201, {"X-Item": str(item_id)}
      return jsonify(id=item_id, q=request.args.get("q"))

  @app.get("/slow")
  def slow():
      time.sleep(40)
      return "late"

  @app.get("/boom")
  def boom():
      raise ValueError("nope")

  @app.get("/gone")
  def gone():
      abort(410)

  @app.errorhandler(404)
  def missing(e):
      return make_response({"error": "no such page", "path": request.path}, 404)
`;

describe("Flask under gunicorn", () => {
  test("two routes are one app: the request's path picks the view, its return value becomes the response", async () => {
    const r = await run(app, preset("gunicorn"), { event: { method: "POST", path: "/items/3", body: { a: 1 } } });
    expect(r.verdict).toBe("ok");
    expect(r.result).toEqual({
      status: 201,
      headers: { "Content-Type": "application/json", "Content-Length": "23", "X-Item": "3" },
      // Flask's JSON provider: sorted keys, compact, a trailing newline.
      body: '{"got":{"a":1},"id":3}\n',
    });
    expect(r.timeline.find((s) => s.kind === "handler")?.label).toBe("Flask app app: POST /items/3");
    const get = await run(app, preset("gunicorn"), { event: { method: "GET", path: "/items/9", query: "q=x" } });
    expect(get.result).toMatchObject({ status: 200, body: '{"id":9,"q":"x"}\n' });
  });

  test("the sync worker's --timeout (30 s) kills the worker on the sleeping line, with gunicorn's WORKER TIMEOUT", async () => {
    const r = await run(app, preset("gunicorn"), { event: { method: "GET", path: "/slow" } });
    expect(r).toMatchObject({ verdict: "timeout", deadlineSeconds: 30, elapsedSeconds: 30, line: 23 });
    expect(r.platformMessage).toMatch(/\[CRITICAL\] WORKER TIMEOUT \(pid:7\)/);
    expect(r.result).toBeUndefined();
    const longer = await run(app, preset("gunicorn", 60), { event: { method: "GET", path: "/slow" } });
    expect(longer).toMatchObject({ verdict: "ok", result: { status: 200, body: "late" } });
    expectSeconds(longer.elapsedSeconds, 40);
  });

  test("Heroku's router ends the same request at 30 s with H12", async () => {
    const r = await run(app, preset("heroku"), { event: { method: "GET", path: "/slow" } });
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 30, line: 23 });
    expect(r.platformMessage).toMatch(/code=H12 desc="Request timeout"/);
  });

  test("an exception in a view is Flask's 500 page and the run's error on the raising line; the log shows no simulator paths", async () => {
    const r = await run(app, preset("gunicorn"), { event: { method: "GET", path: "/boom" } });
    expect(r.verdict).toBe("error");
    expect(r.error).toMatchObject({ type: "ValueError", message: "nope", line: 28 });
    expect(r.result).toMatchObject({ status: 500, headers: { "Content-Type": "text/html; charset=utf-8" } });
    expect((r.result as { body: string }).body).toContain("<title>500 Internal Server Error</title>");
    expect(r.stdout).toMatch(/ERROR in app: Exception on \/boom \[GET\]\nTraceback \(most recent call last\):\n {2}File "handler.py", line 28, in boom/);
    expect(r.stdout).not.toContain("/deadline/");
  });

  test("abort, error handlers, before_request, 405 and strict slashes answer as werkzeug does", async () => {
    const gone = await run(app, preset("gunicorn"), { event: { method: "GET", path: "/gone" } });
    expect(gone.result).toMatchObject({ status: 410 });
    expect((gone.result as { body: string }).body).toContain("<h1>Gone</h1>");
    const missing = await run(app, preset("gunicorn"), { event: { method: "GET", path: "/nope" } });
    expect(missing.result).toMatchObject({ status: 404, body: '{"error":"no such page","path":"/nope"}\n' });
    const blocked = await run(app, preset("gunicorn"), { event: { method: "GET", path: "/", headers: { "X-Block": "1" } } });
    expect(blocked.result).toMatchObject({ status: 403, body: "blocked" });
    const wrong = await run(app, preset("gunicorn"), { event: { method: "DELETE", path: "/items/3" } });
    expect(wrong.result).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD, OPTIONS, POST" } });
    const slash = await run(
      `
      from flask import Flask
      app = Flask(__name__)
      @app.route("/timeout/")
      def t():
          return "ok"
      `,
      preset("gunicorn"),
      { event: { method: "GET", path: "/timeout" } },
    );
    expect(slash.result).toMatchObject({ status: 308, headers: { Location: "/timeout/" } });
  });

  test("request.json on a body that is not declared JSON is werkzeug's 415; get_json(silent=True) gives None", async () => {
    const code = `
      from flask import Flask, request
      app = Flask(__name__)
      @app.post("/strict")
      def strict():
          return {"got": request.json}
      @app.post("/lenient")
      def lenient():
          return {"got": request.get_json(silent=True)}
    `;
    const strict = await run(code, preset("gunicorn"), { event: { method: "POST", path: "/strict", body: "a=1", headers: { "content-type": "text/plain" } } });
    expect(strict.result).toMatchObject({ status: 415 });
    expect((strict.result as { body: string }).body).toContain("Did not attempt to load JSON data because the request Content-Type was not &#39;application/json&#39;.");
    const lenient = await run(code, preset("gunicorn"), { event: { method: "POST", path: "/lenient", body: "a=1", headers: { "content-type": "text/plain" } } });
    expect(lenient.result).toMatchObject({ status: 200, body: '{"got":null}\n' });
  });

  test("app.run() under __main__ serves (nothing after it runs) instead of hanging; the app is still the entry", async () => {
    const r = await run(
      `
      from flask import Flask
      application = Flask(__name__)

      @application.route("/")
      def index():
          return "served"

      if __name__ == "__main__":
          application.run(host="0.0.0.0", port=8080)
          print("after run")
      `,
      preset("cloud-run"),
      { event: { method: "GET", path: "/" } },
    );
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: "served" } });
    expect(r.stdout).not.toContain("after run");
    expect(r.timeline.find((s) => s.kind === "handler")?.label).toBe("Flask app application: GET /");
  });

  test("on AWS Lambda a Flask app beside lambda_handler is not the entry: the handler is", async () => {
    const r = await run(
      `
      from flask import Flask
      app = Flask(__name__)

      def lambda_handler(event, context):
          return {"statusCode": 200}
      `,
      preset("aws-lambda"),
    );
    expect(r).toMatchObject({ verdict: "ok", result: { statusCode: 200 } });
  });
});
