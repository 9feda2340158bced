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
    // The decorator's timeout= is what Modal enforces: a run's timeout does not override it.
    const given = await modal(app, { handler: "generate", timeout: 120, event: { prompt: "a cat" } });
    expect(given).toMatchObject({ verdict: "timeout", deadlineSeconds: 60, elapsedSeconds: 60, line: 10 });
    expect(given.notes?.some((n) => /generate sets timeout=60 in its decorator, which is what Modal enforces: it wins over the run's 120 s/.test(n.text))).toBe(true);
    // A function that sets none takes the run's timeout in place of Modal's default.
    const fallback = await modal(app.replace("@app.function(timeout=60, ", "@app.function("), { handler: "generate", timeout: 120, event: { prompt: "a cat" } });
    expect(fallback).toMatchObject({ verdict: "ok", deadlineSeconds: 120, result: "simulated-api_key" });
    expect(fallback.notes?.some((n) => /API_KEY was set to placeholder values/.test(n.text))).toBe(true);
  });

  test("without --handler the local entrypoint runs; a .remote() past the callee's timeout raises FunctionTimeoutError in the caller", async () => {
    const r = await modal(app);
    expect(r.verdict).toBe("ok");
    expect(r.stdout).toMatch(/^caught: Task's current input \S+ hit its timeout of 60s\n42\n$/);
    // Modal's clock: the longest input that completed (double, 2 s of its 600 s), not the entrypoint's 62 s.
    expect(r).toMatchObject({ deadlineSeconds: 600 });
    expectSeconds(r.elapsedSeconds, 2);
    expect(r.notes?.some((n) => /the local entrypoint ran 62\.0 s in all; its longest input, double, ran 2\.0 s of its 600 s timeout/.test(n.text))).toBe(true);
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
    expectSeconds(r.elapsedSeconds, 5);
    const init = r.timeline.find((s) => s.kind === "init");
    expect(init && init.end).toBeGreaterThanOrEqual(20);
    const slowStart = await modal(app.replace("time.sleep(20)", "time.sleep(40)"), { handler: "Model.inference", event: { x: 3 } });
    expect(slowStart).toMatchObject({ verdict: "timeout", line: 26, deadlineSeconds: 30, elapsedSeconds: 30, error: null });
    expect(slowStart.platformMessage).toBe("Runner failed with exception: Runner has been initializing for too long: 30 seconds.");
    expect(slowStart.notes?.some((n) => /Model's container was still starting \(its @modal.enter\) after startup_timeout=30 s/.test(n.text))).toBe(true);
  });

  test("Cls().method.remote() from a local entrypoint starts the container under startup_timeout (falling back to timeout), then the input under the method's own timeout", async () => {
    const code = (decorator: string, load: number, work: number) => `
      import time
      import modal

      app = modal.App("flux")

      @app.function(timeout=20)
      def unrelated():
          return 1

      @app.cls(${decorator})
      class Generator:
          @modal.enter()
          def load(self):
              time.sleep(${load})
              self.ready = True

          @modal.method()
          def generate(self, prompt: str) -> str:
              time.sleep(${work})
              return f"{prompt}: {self.ready}"

      @app.local_entrypoint()
      def main(prompt: str):
          print(Generator().generate.remote(prompt))
    `;
    // No startup_timeout and no timeout: startup gets the 300 s default and passes it.
    const broken = await modal(code("gpu=\"H100\"", 330, 3), { event: { prompt: "a lighthouse" } });
    expect(broken).toMatchObject({ verdict: "timeout", line: 14, deadlineSeconds: 300, elapsedSeconds: 300 });
    expect(broken.platformMessage).toBe("Runner failed with exception: Runner has been initializing for too long: 300 seconds.");
    expect(broken.stdout).toBe("");
    // The run's timeout stands in for the default on a class that sets none.
    const given = await modal(code("gpu=\"H100\"", 330, 3), { timeout: 400, event: { prompt: "a lighthouse" } });
    expect(given).toMatchObject({ verdict: "ok", deadlineSeconds: 400 });
    // startup_timeout covers startup only; the input is held to timeout=, not to another function's.
    const fixed = await modal(code("gpu=\"H100\", startup_timeout=600, timeout=10", 330, 3), { timeout: 300, event: { prompt: "a lighthouse" } });
    expect(fixed).toMatchObject({ verdict: "ok", deadlineSeconds: 10 });
    expectSeconds(fixed.elapsedSeconds, 3);
    expect(fixed.stdout).toBe("a lighthouse: True\n");
    expect(fixed.timeline.find((s) => s.label?.startsWith("Modal container startup: Generator"))).toMatchObject({ start: expect.any(Number) });
    const slowInput = await modal(code("startup_timeout=600, timeout=10", 330, 15), { event: { prompt: "x" } });
    expect(slowInput).toMatchObject({ verdict: "timeout", line: 19, deadlineSeconds: 10, elapsedSeconds: 10 });
    expect(slowInput.platformMessage).toMatch(/hit its timeout of 10s/);
  });

  test(".map() runs its inputs in parallel containers", async () => {
    const r = await modal(app, { handler: "fanout", event: { n: 5 } });
    expect(r).toMatchObject({ verdict: "ok", result: [0, 2, 4, 6, 8] });
    expectSeconds(r.elapsedSeconds, 2);
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
