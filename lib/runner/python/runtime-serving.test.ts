import { beforeAll, describe, expect, test } from "vitest";
import { prepare, UsageError } from "../prepare";
import type { RequestOutcome, SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

/** Runs as the CLI would: the same request resolves the preset (plan, timeout) and runs. */
function serve(code: string, request: Partial<SimulationRequest>): Promise<SimulationResult> {
  const full = { language: "python" as const, code: "", platform: "gunicorn", ...request };
  return run(code, prepare(full).engine, request);
}

const outcome = (r: SimulationResult) =>
  (r.requests ?? []).map((q: RequestOutcome) => [q.index, q.verdict, q.line, Math.round(q.elapsedSeconds), q.status]);

// The fastapi-blocking-call-in-async pair, as an article shows it.
const forecast = (def: "async def" | "def") => `
  import requests
  from fastapi import FastAPI

  app = FastAPI()

  @app.get("/forecast/{city}")
  ${def} forecast(city: str):
      resp = requests.get("https://forecast.partner.example/v2/daily", params={"city": city}, timeout=60)
      resp.raise_for_status()
      return resp.json()
`;
const slowPartner = { latency: { "forecast.partner.example": 45 }, event: { method: "GET", path: "/forecast/lisbon" } };

const report = `
  import requests
  from flask import Flask, jsonify

  app = Flask(__name__)

  @app.post("/reports")
  def create_report():
      resp = requests.post("https://warehouse.internal.example/v1/reports", json={"kind": "monthly"})
      return jsonify(resp.json())
`;
const slowWarehouse = { latency: { "warehouse.internal.example": 45 }, event: { method: "POST", path: "/reports", body: { account_id: 1 } } };

describe("simultaneous requests to a server (concurrency)", () => {
  test("FastAPI under UvicornWorker: a blocking call in async def holds the one loop, and the arbiter kills the worker with all three requests at 30 s", async () => {
    const r = await serve(forecast("async def"), { plan: "uvicorn", timeout: 30, concurrency: 3, ...slowPartner });
    expect(r).toMatchObject({ verdict: "timeout", line: 8, elapsedSeconds: 30 });
    // Request 1 was inside requests.get; the blocked loop never started 2 and 3.
    expect(outcome(r)).toEqual([
      [1, "timeout", 8, 30, null],
      [2, "timeout", null, 30, null],
      [3, "timeout", null, 30, null],
    ]);
    // One worker killed: one WORKER TIMEOUT, and UvicornWorker dies of the SIGABRT itself.
    expect(r.platformMessage?.match(/WORKER TIMEOUT/g)).toHaveLength(1);
    expect(r.platformMessage).toContain("[1] [WARNING] Worker (pid:7) was sent SIGABRT!");
    expect(r.platformMessage).not.toContain("exited with code 1");
    expect(r.timeline.filter((s) => s.kind === "handler" && /^\[request \d\]/.test(s.label ?? "")).map((s) => s.label)).toEqual([
      "[request 1] FastAPI app app: GET /forecast/lisbon (worker killed, connection dropped)",
      "[request 2] FastAPI app app: GET /forecast/lisbon (worker killed, connection dropped)",
      "[request 3] FastAPI app app: GET /forecast/lisbon (worker killed, connection dropped)",
    ]);
    expect(r.timeline.find((s) => s.kind === "network")?.label).toMatch(/^\[request 1\] GET https:\/\/forecast\.partner\.example/);
    expect(r.notes?.some((n) => /3 simultaneous requests on 1 UvicornWorker process \(gunicorn default\)/.test(n.text))).toBe(true);
  });

  test("FastAPI with a plain def route: the thread pool serves all three at once and the heartbeat goes on, all answered at 45 s", async () => {
    const r = await serve(forecast("def"), { plan: "uvicorn", timeout: 30, concurrency: 3, ...slowPartner });
    expect(r).toMatchObject({ verdict: "ok", line: null });
    expect(r.elapsedSeconds).toBeCloseTo(45, 0);
    expect(outcome(r)).toEqual([
      [1, "ok", null, 45, 200],
      [2, "ok", null, 45, 200],
      [3, "ok", null, 45, 200],
    ]);
    expect(r.requests?.[0]?.result).toMatchObject({ status: 200 });
  });

  test("uvicorn behind Heroku's router: the loop serves the requests one after another (45, 90, 135 s) while the router answers each H12 at 30 s", async () => {
    const r = await serve(forecast("async def"), { platform: "heroku", concurrency: 3, env: { WEB_CONCURRENCY: "1" }, ...slowPartner });
    expect(r).toMatchObject({ verdict: "timeout", elapsedSeconds: 30 });
    expect(outcome(r).map((q) => [q[1], q[3], q[4]])).toEqual([
      ["timeout", 30, 503],
      ["timeout", 30, 503],
      ["timeout", 30, 503],
    ]);
    expect(r.requests?.map((q) => Math.round(q.finishedSeconds ?? 0))).toEqual([45, 90, 135]);
    // One router line per request, each with the request's own method and path.
    const lines = r.platformMessage?.split("\n") ?? [];
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => /code=H12 desc="Request timeout" method=GET path="\/forecast\/lisbon" .* service=30000ms status=503/.test(l))).toBe(true);
    expect(r.timeline.some((s) => s.label === "[request 3] the dyno works on after the router's H12")).toBe(true);
  });

  test("one gunicorn sync worker: request 1 is killed at 30 s, the others wait for the replacement and are killed in turn", async () => {
    const r = await serve(report, { timeout: 30, concurrency: 3, ...slowWarehouse });
    expect(r).toMatchObject({ verdict: "timeout", line: 8, elapsedSeconds: 30 });
    const [one, two, three] = r.requests ?? [];
    expect(one).toMatchObject({ verdict: "timeout", line: 8, status: null, queuedSeconds: 0, worker: 1 });
    // The replacement imports the app again (this run's init) before taking request 2.
    expect(two?.queuedSeconds).toBeGreaterThan(30);
    expect(two?.elapsedSeconds).toBeCloseTo((two?.queuedSeconds ?? 0) + 30, 3);
    expect(three?.queuedSeconds).toBeGreaterThan(60);
    expect(r.platformMessage).toContain("[ERROR] Worker (pid:7) exited with code 1.");
    expect(r.timeline.some((s) => s.label === "[request 2] queued for a free worker")).toBe(true);
    expect(r.notes?.some((n) => /boots a replacement worker, which imports the app again/.test(n.text))).toBe(true);
  });

  test("gthread with --threads 3 from GUNICORN_CMD_ARGS: all three run at once, and --timeout ends none of them", async () => {
    const r = await serve(report, { plan: "gthread", timeout: 30, concurrency: 3, env: { GUNICORN_CMD_ARGS: "--threads 3 --bind 0.0.0.0:8000" }, ...slowWarehouse });
    expect(r).toMatchObject({ verdict: "ok" });
    expect(outcome(r)).toEqual([
      [1, "ok", null, 45, 200],
      [2, "ok", null, 45, 200],
      [3, "ok", null, 45, 200],
    ]);
    expect(r.notes?.some((n) => /1 gthread worker \(gunicorn default\) x 3 threads \(GUNICORN_CMD_ARGS\)/.test(n.text))).toBe(true);
  });

  test("Heroku with a Flask app: WEB_CONCURRENCY defaults to the buildpack's 2, so request 3 waits in the dyno and still gets H12 at 30 s", async () => {
    const r = await serve(report, { platform: "heroku", concurrency: 3, ...slowWarehouse });
    expect(outcome(r).map((q) => [q[1], q[3], q[4]])).toEqual([
      ["timeout", 30, 503],
      ["timeout", 30, 503],
      ["timeout", 30, 503],
    ]);
    expect(r.requests?.map((q) => [Math.round(q.queuedSeconds), Math.round(q.finishedSeconds ?? 0)])).toEqual([
      [0, 45],
      [0, 45],
      [45, 90],
    ]);
    // Request 3 never ran a line before its H12: it was queued in the dyno.
    expect(r.requests?.[2]?.line).toBeNull();
    expect(r.platformMessage?.split("\n").every((l) => l.includes('method=POST path="/reports"'))).toBe(true);
    expect(r.notes?.some((n) => /Heroku's Python buildpack sets it on Eco, Basic and Standard-1X dynos/.test(n.text))).toBe(true);
    // Fast requests behind the queue are fine when there are workers enough.
    const roomy = await serve(report, { platform: "heroku", concurrency: 3, env: { WEB_CONCURRENCY: "3" }, ...slowWarehouse, latency: { "warehouse.internal.example": 2 } });
    expect(roomy).toMatchObject({ verdict: "ok" });
    expect(roomy.requests?.every((q) => q.status === 200 && q.queuedSeconds === 0)).toBe(true);
  });

  test("one request on gthread: the request runs past --timeout and is answered, with a note saying why gunicorn let it", async () => {
    const r = await serve(report, { plan: "gthread", timeout: 30, ...slowWarehouse });
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200 } });
    expect(r.elapsedSeconds).toBeCloseTo(45, 0);
    expect(r.requests).toBeUndefined();
    expect(r.notes?.some((n) => /past --timeout \(30 s\), but on gthread the worker keeps notifying the arbiter/.test(n.text))).toBe(true);
    // On the default sync worker the same request is killed at 30 s.
    const sync = await serve(report, { timeout: 30, ...slowWarehouse });
    expect(sync).toMatchObject({ verdict: "timeout", line: 8, elapsedSeconds: 30 });
  });

  test("an app that raises answers 500 per request: the run is an error with the first request's line", async () => {
    const r = await serve(`
      from flask import Flask
      app = Flask(__name__)

      @app.get("/")
      def index():
          raise ValueError("boom")
    `, { timeout: 30, concurrency: 2, event: { method: "GET", path: "/" } });
    expect(r).toMatchObject({ verdict: "error", line: 6 });
    expect(r.error).toMatchObject({ type: "ValueError", message: "boom" });
    expect(r.requests?.map((q) => [q.verdict, q.status])).toEqual([
      ["error", 500],
      ["error", 500],
    ]);
  });

  test("concurrency is refused where it means nothing: not a server, another platform, out of range", async () => {
    expect(() => prepare({ language: "python", code: "", platform: "aws-lambda", concurrency: 3 })).toThrow(UsageError);
    expect(() => prepare({ language: "python", code: "", platform: "aws-lambda", concurrency: 3 })).toThrow(/each request on an instance of its own/);
    expect(() => prepare({ language: "javascript", code: "", platform: "heroku", concurrency: 3 })).toThrow(/javascript one request at a time/);
    expect(() => prepare({ language: "python", code: "", platform: "gunicorn", concurrency: 0.5 })).toThrow(/whole number .* from 1 to 50/);
    expect(() => prepare({ language: "python", code: "", platform: "gunicorn", concurrency: 51 })).toThrow(/from 1 to 50/);
    const notServer = await serve(`
      def handler(event):
          return 1
    `, { timeout: 30, concurrency: 2 });
    expect(notServer).toMatchObject({ verdict: "error", error: { type: "ConcurrencyUnsupported" } });
    expect(notServer.error?.message).toMatch(/simulated for servers: a WSGI or ASGI app on gunicorn or heroku/);
  });
});
