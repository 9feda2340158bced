import { beforeAll, describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

/** Runs on the modal preset as the CLI would: the same request resolves the preset and runs. */
function modal(code: string, extra: Partial<SimulationRequest> = {}): Promise<SimulationResult> {
  const preset = prepare({ language: "python", code: "", platform: "modal", ...extra }).engine;
  return run(code, preset, extra);
}

const app = `
  import time
  import modal

  app = modal.App("demo")
  image = modal.Image.debian_slim(python_version="3.12").pip_install("numpy").env({"A": "1"})

  @app.function(timeout=60, image=image, gpu="A10G", secrets=[modal.Secret.from_name("api", required_keys=["API_KEY"])])
  def generate(prompt: str):
      import os
      time.sleep(90)
      return os.environ["API_KEY"]

  @app.function(timeout=600)
  def double(x):
      time.sleep(2)
      return x * 2

  @app.function()
  def fanout(n):
      return list(double.map(range(n)))

  @app.cls(timeout=120, startup_timeout=30)
  class Model:
      @modal.enter()
      def load(self):
          time.sleep(20)
          self.weights = "loaded"

      @modal.method()
      def inference(self, x):
          time.sleep(5)
          return f"{self.weights}:{x}"

  @app.local_entrypoint()
  def main():
      try:
          generate.remote("hi")
      except modal.exception.FunctionTimeoutError as error:
          print("caught:", error)
      print(double.remote(21))
`;

describe("Modal apps", () => {
  test("the decorator's timeout= is the deadline, with Modal's FunctionTimeoutError text", async () => {
    const r = await modal(app, { handler: "generate", event: { prompt: "a cat" } });
    expect(r).toMatchObject({ verdict: "timeout", line: 10, deadlineSeconds: 60, elapsedSeconds: 60 });
    expect(r.platformMessage).toMatch(/modal\.exception\.FunctionTimeoutError: Task's current input \S+ hit its timeout of 60s/);
    // A timeout the run is given explicitly beats the decorator's.
    const given = await modal(app, { handler: "generate", timeout: 120, event: { prompt: "a cat" } });
    expect(given).toMatchObject({ verdict: "ok", deadlineSeconds: 120, result: "simulated-api_key" });
    expect(given.notes?.some((n) => /API_KEY was set to placeholder values/.test(n.text))).toBe(true);
  });

  test("without --handler the local entrypoint runs; a .remote() past the callee's timeout raises FunctionTimeoutError in the caller", async () => {
    const r = await modal(app);
    expect(r.verdict).toBe("ok");
    expect(r.stdout).toMatch(/^caught: Task's current input \S+ hit its timeout of 60s\n42\n$/);
    expect(r.elapsedSeconds).toBeCloseTo(62, 1);
  });

  test("a FunctionTimeoutError nobody catches ends the run as a timeout on the callee's line", async () => {
    const r = await modal(`
      import time, modal
      app = modal.App()

      @app.function(timeout=10)
      def slow():
          time.sleep(30)

      @app.local_entrypoint()
      def main():
          slow.remote()
    `);
    expect(r).toMatchObject({ verdict: "timeout", line: 6, deadlineSeconds: 10, elapsedSeconds: 10 });
  });

  test("@app.cls: @modal.enter is container startup (not the input's time), under startup_timeout", async () => {
    const r = await modal(app, { handler: "Model.inference", event: { x: 3 } });
    expect(r).toMatchObject({ verdict: "ok", result: "loaded:3", deadlineSeconds: 120 });
    expect(r.elapsedSeconds).toBeCloseTo(5, 1);
    const init = r.timeline.find((s) => s.kind === "init");
    expect(init && init.end).toBeGreaterThanOrEqual(20);
    const slowStart = await modal(app.replace("time.sleep(20)", "time.sleep(40)"), { handler: "Model.inference", event: { x: 3 } });
    expect(slowStart.verdict).toBe("error");
    expect(slowStart.error).toMatchObject({ type: "StartupTimeout", line: 26 });
    expect(slowStart.error?.message).toMatch(/startup_timeout=30 s/);
  });

  test(".map() runs its inputs in parallel containers", async () => {
    const r = await modal(app, { handler: "fanout", event: { n: 5 } });
    expect(r).toMatchObject({ verdict: "ok", result: [0, 2, 4, 6, 8] });
    expect(r.elapsedSeconds).toBeCloseTo(2, 1);
  });

  test("several functions and no local entrypoint need --handler; a timeout outside 1 s..24 h fails like a deploy would", async () => {
    const two = await modal(`
      import modal
      app = modal.App()

      @app.function()
      def a():
          return 1

      @app.function()
      def b():
          return 2
    `);
    expect(two.error?.candidates).toEqual([
      { name: "a", kind: "modal-function", line: 4 },
      { name: "b", kind: "modal-function", line: 8 },
    ]);
    const one = await modal(`
      import modal
      app = modal.App()

      @app.function(schedule=modal.Cron("0 9 * * 1"))
      def weekly():
          return "report"
    `);
    expect(one).toMatchObject({ verdict: "ok", result: "report", deadlineSeconds: 300 });
    const bad = await modal(`
      import modal
      app = modal.App()

      @app.function(timeout=100000)
      def f():
          return 1
    `);
    expect(bad.error).toMatchObject({ type: "modal.exception.InvalidError", line: 4 });
    expect(bad.error?.message).toMatch(/timeout=100000 is outside what Modal accepts \(1 second to 24 hours/);
  });

  test("a web endpoint answers its caller within 150 s; an HTTP event is served through its FastAPI route", async () => {
    const code = `
      import time, modal
      app = modal.App()

      @app.function(timeout=600)
      @modal.fastapi_endpoint(method="GET")
      def hello(name: str = "world"):
          time.sleep(200)
          return {"hello": name}
    `;
    const r = await modal(code, { event: { method: "GET", path: "/", query: "name=ann" } });
    expect(r).toMatchObject({ verdict: "timeout", deadlineSeconds: 150, line: 7 });
    expect(r.notes?.some((n) => /answered within 150 s/.test(n.text))).toBe(true);
    const quick = await modal(code.replace("time.sleep(200)", "time.sleep(1)"), { event: { method: "GET", path: "/", query: "name=ann" } });
    expect(quick).toMatchObject({ verdict: "ok", result: { status: 200, body: '{"hello":"ann"}' } });
  });
});
