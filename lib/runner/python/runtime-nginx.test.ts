import { beforeAll, describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

function nginx(timeout?: number, plan?: string): PythonPreset {
  return prepare({ language: "python", code: "", platform: "nginx", ...(timeout !== undefined ? { timeout } : {}), ...(plan ? { plan } : {}) }).engine;
}

const event = { method: "GET", path: "/reports/r1/export.csv", headers: { host: "reports.example.com" } };

const flask = `
  import time
  from flask import Flask, Response

  app = Flask(__name__)

  @app.get("/reports/<rid>/export.csv")
  def export(rid):
      time.sleep(90)
      return "date,orders\\n"

  @app.get("/reports/<rid>/stream.csv")
  def stream(rid):
      def rows():
          yield "date,orders\\n"
          for day in range(6):
              time.sleep(30)
              yield f"2026-01-0{day + 1},{day}\\n"
      return Response(rows(), mimetype="text/csv")

  @app.get("/reports/<rid>/stall.csv")
  def stall(rid):
      def rows():
          yield "date,orders\\n"
          time.sleep(75)
          yield "2026-01-01,1\\n"
      return Response(rows(), mimetype="text/csv")
`;

describe("nginx in front of a Flask app under gunicorn", () => {
  test("90 s of work before the first byte: 504 at proxy_read_timeout's 60 s, with nginx's error-log line", async () => {
    const r = await run(flask, nginx(), { event });
    expect(r.verdict).toBe("timeout");
    expect(r.deadlineSeconds).toBe(60);
    expect(r.elapsedSeconds).toBe(60);
    expect(r.line).toBe(8);
    expect(r.platformMessage).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[error\] \d+#\d+: \*\d+ upstream timed out \(110: Connection timed out\) while reading response header from upstream, client: [\d.]+, server: reports\.example\.com, request: "GET \/reports\/r1\/export\.csv HTTP\/1\.1", upstream: "http:\/\/127\.0\.0\.1:8000\/reports\/r1\/export\.csv", host: "reports\.example\.com"/,
    );
    expect(r.platformMessage).toContain("<head><title>504 Gateway Time-out</title></head>");
  });

  test("a response that sends a row every 30 s runs for 3 minutes and is never cut off", async () => {
    const r = await run(flask, nginx(), { event: { ...event, path: "/reports/r1/stream.csv" } });
    expect(r.verdict).toBe("ok");
    expect(r.elapsedSeconds).toBeCloseTo(180, 0);
    expect(r.result).toMatchObject({ status: 200 });
    expect(String((r.result as { body: string }).body).split("\n")).toHaveLength(8);
  });

  test("a response that starts, then goes quiet for 75 s: cut 60 s after the last part, 'while reading upstream', no 504", async () => {
    const r = await run(flask, nginx(), { event: { ...event, path: "/reports/r1/stall.csv" } });
    expect(r.verdict).toBe("timeout");
    expect(r.elapsedSeconds).toBeCloseTo(60, 1);
    expect(r.platformMessage).toContain("upstream timed out (110: Connection timed out) while reading upstream, client:");
    expect(r.platformMessage).not.toContain("504 Gateway Time-out");
    expect(r.notes?.map((n) => n.text).join("\n")).toContain("counts from the last part it sent");
  });

  test("a raised proxy_read_timeout lets the slow export answer", async () => {
    const r = await run(flask, nginx(120), { event });
    expect(r.verdict).toBe("ok");
    expect(r.elapsedSeconds).toBeCloseTo(90, 0);
  });

  test("without a proxy in front the same streaming view is held to gunicorn's whole-request --timeout", async () => {
    const gunicorn = prepare({ language: "python", code: "", platform: "gunicorn", timeout: 120 }).engine;
    const r = await run(flask, gunicorn, { event: { ...event, path: "/reports/r1/stream.csv" } });
    expect(r.verdict).toBe("timeout");
    expect(r.elapsedSeconds).toBe(120);
  });
});

const fastapi = `
  import asyncio
  from fastapi import FastAPI
  from fastapi.responses import StreamingResponse

  app = FastAPI()

  @app.get("/report")
  async def report():
      await asyncio.sleep(90)
      return {"rows": 3}

  @app.get("/events")
  async def events():
      async def beat():
          for _ in range(5):
              yield ": keep-alive\\n\\n"
              await asyncio.sleep(25)
          yield "data: done\\n\\n"
      return StreamingResponse(beat(), media_type="text/event-stream")
`;

describe("nginx in front of a FastAPI app", () => {
  test("an endpoint that computes 90 s before answering gets the 504", async () => {
    const r = await run(fastapi, nginx(), { event: { method: "GET", path: "/report" } });
    expect(r.verdict).toBe("timeout");
    expect(r.elapsedSeconds).toBe(60);
    expect(r.line).toBe(9);
    expect(r.platformMessage).toContain("while reading response header from upstream");
  });

  test("an event stream with a keep-alive comment every 25 s passes", async () => {
    const r = await run(fastapi, nginx(), { event: { method: "GET", path: "/events" } });
    expect(r.verdict).toBe("ok");
    expect(r.elapsedSeconds).toBeCloseTo(125, 0);
    expect((r.result as { body: string }).body).toContain("data: done");
  });
});

describe("Cloudflare's proxy uses the same between-reads deadline for Python origins", () => {
  test("a Flask stream with rows every 30 s outlives the 125 s Proxy Read Timeout", async () => {
    const proxy = prepare({ language: "python", code: "", platform: "cloudflare-proxy" }).engine;
    const r = await run(flask, proxy, { event: { ...event, path: "/reports/r1/stream.csv" } });
    expect(r.verdict).toBe("ok");
    expect(r.elapsedSeconds).toBeCloseTo(180, 0);
  });
});
