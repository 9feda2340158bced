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

const gcp = `
  import time
  import functions_framework
  from flask import jsonify

  @functions_framework.http
  def hello(request):
      name = request.args.get("name", "world")
      if name == "boom":
          raise RuntimeError("bad input")
      if name == "slow":
          time.sleep(120)
      return jsonify(greeting=f"hi {name}")

  @functions_framework.cloud_event
  def on_upload(cloud_event):
      print(cloud_event["type"], cloud_event.data["name"])
`;

describe("Google's Functions Framework", () => {
  test("an HTTP function gets a Flask request and its return value is the response", async () => {
    const r = await on("gcp-functions", gcp, { handler: "hello", event: { method: "GET", path: "/", query: "name=ann" } });
    expect(r).toMatchObject({ verdict: "ok", result: { status: 200, body: '{"greeting":"hi ann"}\n' } });
  });

  test("an exception is the framework's crash answer: 500 with X-Google-Status: crash", async () => {
    const r = await on("gcp-functions", gcp, { handler: "hello", event: { method: "GET", path: "/", query: "name=boom" } });
    expect(r).toMatchObject({ verdict: "error", error: { type: "RuntimeError", line: 9 } });
    expect(r.result).toMatchObject({ status: 500, headers: { "X-Google-Status": "crash" } });
  });

  test("the platform's timeout (60 s by default) ends the function on the sleeping line", async () => {
    const r = await on("gcp-functions", gcp, { handler: "hello", event: { method: "GET", path: "/", query: "name=slow" } });
    expect(r).toMatchObject({ verdict: "timeout", deadlineSeconds: 60, line: 11 });
  });

  test("a CloudEvent function gets a CloudEvent with the event's attributes and data; two functions need --handler", async () => {
    const r = await on("cloud-run", gcp, {
      handler: "on_upload",
      event: { specversion: "1.0", type: "google.cloud.storage.object.v1.finalized", source: "//storage", id: "1", data: { name: "a.png" } },
    });
    expect(r).toMatchObject({ verdict: "ok", stdout: "google.cloud.storage.object.v1.finalized a.png\n", result: { status: 200, body: "OK" } });
    const both = await on("gcp-functions", gcp);
    expect(both.error?.candidates?.map((c) => c.name)).toEqual(["hello", "on_upload"]);
  });
});
