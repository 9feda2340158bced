import { beforeAll, describe, expect, test } from "vitest";
import { inferPlatform, prepare } from "../prepare";
import type { SimulationRequest, SimulationResult } from "../types";
import type { PythonPreset } from "./engine";
import { testEngine } from "./test-engine";
import { expectSeconds } from "../virtual-time.fixture";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

/** Runs on the replicate preset as the CLI would. */
function replicate(code: string, extra: Partial<SimulationRequest> = {}): Promise<SimulationResult> {
  const preset = prepare({ language: "python", code: "", platform: "replicate", ...extra }).engine;
  return run(code, preset, extra);
}

const predictor = (setup: number, work: number) => `
  import time
  from typing import Optional
  from cog import BasePredictor, Input, Path, Secret

  class Predictor(BasePredictor):
      def setup(self) -> None:
          time.sleep(${setup})
          self.prefix = "done"

      def predict(
          self,
          prompt: str = Input(description="What to draw"),
          steps: int = Input(default=30, ge=1, le=50),
          scheduler: str = Input(default="euler", choices=["euler", "ddim"]),
          token: Optional[Secret] = Input(default=None),
      ) -> str:
          time.sleep(${work})
          return f"{self.prefix}: {prompt} x{steps} {scheduler} {token!r}"
`;

describe("Cog predictors on Replicate", () => {
  test("setup() runs once at boot, apart from the prediction; inputs come from the event, Input() defaults fill the rest", async () => {
    const r = await replicate(predictor(20, 5), { event: { input: { prompt: "a fox", token: "sk-1" } } });
    expect(r).toMatchObject({ verdict: "ok", deadlineSeconds: 1800, result: { status: "succeeded", output: "done: a fox x30 euler Secret(**********)" } });
    expectSeconds(r.elapsedSeconds, 5);
    expect(r.timeline.find((s) => s.kind === "init")?.end).toBeGreaterThanOrEqual(20);
    expect(r.notes?.some((n) => /predictions API's shape/.test(n.text))).toBe(true);
    expect(inferPlatform(predictor(1, 1).replace(/^\n/, "").replace(/^ {2}/gm, ""), "python")).toBe("replicate");
  });

  test("predict() past 30 minutes is Replicate's prediction timeout, on the line that was running", async () => {
    const r = await replicate(predictor(1, 4000), { event: { prompt: "a fox" } });
    expect(r).toMatchObject({ verdict: "timeout", line: 17, deadlineSeconds: 1800, elapsedSeconds: 1800 });
    expect(r.platformMessage).toBe("Prediction failed.\nPrediction timed out.");
  });

  test("boot past 600 s (module import and setup together) fails the instance with Replicate's message; COG_SETUP_TIMEOUT comes first when shorter", async () => {
    const slow = await replicate(predictor(650, 1), { event: { prompt: "a fox" } });
    expect(slow).toMatchObject({ verdict: "timeout", line: 7, deadlineSeconds: 600, elapsedSeconds: 600 });
    expect(slow.platformMessage).toBe("model container failed to boot and complete setup within 600 seconds");
    expect(slow.notes?.some((n) => /Cog applies no setup limit of its own unless COG_SETUP_TIMEOUT is set/.test(n.text))).toBe(true);
    const cog = await replicate(predictor(650, 1), { event: { prompt: "a fox" }, env: { COG_SETUP_TIMEOUT: "300" } });
    expect(cog).toMatchObject({ verdict: "timeout", line: 7, deadlineSeconds: 300, elapsedSeconds: 300 });
    expect(cog.platformMessage).toBe("worker setup timed out");
  });

  test("inputs are checked with cog's messages: a missing required input, a constraint, an unknown name", async () => {
    const missing = await replicate(predictor(1, 1), { event: {} });
    expect(missing).toMatchObject({ verdict: "error", error: { type: "ValueError", message: "prompt: Field required" } });
    const over = await replicate(predictor(1, 1), { event: { prompt: "x", steps: 80 } });
    expect(over.error?.message).toBe("steps fails constraint <= 50");
    const choice = await replicate(predictor(1, 1), { event: { prompt: "x", scheduler: "lms" } });
    expect(choice.error?.message).toBe("scheduler does not match choices ['euler', 'ddim']");
    const typed = await replicate(predictor(1, 1), { event: { prompt: 3 } });
    expect(typed.error?.message).toBe("prompt: Invalid value for type str");
    const extra = await replicate(predictor(1, 1), { event: { prompt: "x", seed: 4 } });
    expect(extra).toMatchObject({ verdict: "ok" });
    expect(extra.stdout).toContain("WARNING unknown input field ignored: seed");
  });

  test("BaseRunner.run(), a streamed ConcatenateIterator output, Runner chosen over Predictor, a Path input downloaded first", async () => {
    const r = await replicate(`
      import time
      from cog import BasePredictor, BaseRunner, ConcatenateIterator, Input, Path

      class Predictor(BasePredictor):
          def predict(self, prompt: str) -> str:
              return "not me"

      class Runner(BaseRunner):
          def run(self, image: Path = Input(description="An image"), words: int = 3) -> ConcatenateIterator[str]:
              data = image.read_bytes()
              for i in range(words):
                  time.sleep(1)
                  yield f"{len(data)}-{i} "
    `, {
      event: { image: "https://cdn.example.com/in/cat.png" },
      latency: { "cdn.example.com": 2 },
      responses: [{ match: "GET cdn.example.com/in/*", answers: [{ status: 200, text: "PNG" }] }],
    });
    expect(r).toMatchObject({ verdict: "ok", result: { status: "succeeded", output: ["3-0 ", "3-1 ", "3-2 "] } });
    expect(r.elapsedSeconds).toBeGreaterThanOrEqual(5);
    expect(r.timeline.find((s) => s.kind === "network")).toMatchObject({ host: "cdn.example.com", latency: 2 });
    const both = await replicate(`
      from cog import BasePredictor
      class Predictor(BasePredictor):
          def run(self) -> str:
              return "a"
          def predict(self) -> str:
              return "b"
    `);
    expect(both.error?.message).toBe("Predictor must define either run() or predict(), not both");
    // A Secret without Optional and with no value is required, as cog's check_input has it.
    const secret = await replicate(`
      from cog import BasePredictor, Input, Secret
      class Predictor(BasePredictor):
          def predict(self, token: Secret = Input(default=None)) -> str:
              return "x"
    `);
    expect(secret.error?.message).toBe("token: Field required");
  });

  test("setup() that raises fails the boot: the prediction never runs", async () => {
    const r = await replicate(`
      from cog import BasePredictor
      class Predictor(BasePredictor):
          def setup(self):
              raise RuntimeError("weights missing")
          def predict(self) -> str:
              return "x"
    `);
    expect(r).toMatchObject({ verdict: "error", error: { type: "RuntimeError", message: "weights missing", line: 4 } });
    expect(r.notes?.some((n) => /SETUP_FAILED/.test(n.text))).toBe(true);
  });
});
