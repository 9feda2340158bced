import { beforeAll, describe, expect, test } from "vitest";
import type { SimulationRequest, SimulationResult, Span } from "../types";
import { annotate } from "../world";
import type { PythonPreset } from "./engine";
import { lambda, runpod, testEngine } from "./test-engine";
import { expectSeconds } from "../virtual-time.fixture";

let run: (code: string, preset?: PythonPreset, extra?: Partial<SimulationRequest>) => Promise<SimulationResult>;

beforeAll(async () => {
  run = await testEngine();
});

const modelled = (r: SimulationResult): Span[] => r.timeline.filter((s) => s.kind === "modelled");
const seconds = (s: Span) => Math.round((s.end - s.start) * 1000) / 1000;

describe("modelled modules", () => {
  test("a diffusers worker as pasted: costs by path and by variable, init apart from the job, a timeout on the user's line", async () => {
    const code = `
      import runpod
      import torch
      from diffusers import StableDiffusionPipeline

      pipe = StableDiffusionPipeline.from_pretrained("runwayml/stable-diffusion-v1-5", torch_dtype=torch.float16)
      pipe = pipe.to("cuda")

      def handler(job):
          image = pipe(job["input"]["prompt"], num_inference_steps=30).images[0]
          image.save("/tmp/out.png")
          return {"saved": str(image)}

      runpod.serverless.start({"handler": handler})
    `;
    const cost = { "diffusers.*.from_pretrained": 40, "pipe()": 8 };
    const ok = await run(code, runpod, { model: ["torch", "diffusers"], cost, event: { prompt: "a lighthouse" } });
    expect(ok).toMatchObject({ verdict: "ok", result: { output: { saved: "<modelled diffusers.StableDiffusionPipeline.from_pretrained().to()().images[0]>" } } });
    // RunPod's init does not count: only the 8 s of the pipeline call is the job's.
    expectSeconds(ok.elapsedSeconds, 8);
    const spans = modelled(ok);
    expect(spans.map((s) => [s.label, s.line, s.cost, seconds(s)])).toEqual([
      // Named as the file spells it: StableDiffusionPipeline was imported by that name.
      ["modelled: StableDiffusionPipeline.from_pretrained()", 5, "diffusers.*.from_pretrained", 40],
      ["modelled: pipe.to()", 6, undefined, 0],
      ["modelled: pipe()", 9, "pipe()", 8],
      ["modelled: image.save()", 10, undefined, 0],
    ]);
    const notes = annotate(ok).notes ?? [];
    expect(notes.find((n) => n.kind === "modelled")?.text).toMatch(/^4 calls were on modelled modules and not run: 2 took the time their cost rules give \(48 s in all\), 2 had no cost rule and took 0 s: pipe\.to\(\) \(line 6\), image\.save\(\) \(line 10\)/);

    const slow = await run(code, runpod, { model: ["torch", "diffusers"], cost: { ...cost, "pipe()": 75 }, event: { prompt: "x" } });
    expect(slow).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 9 });
  });

  test("self.model.transcribe and unpacking: the name through self, and as many values as the assignment takes", async () => {
    const r = await run(`
      import whisper

      class Predictor:
          def setup(self):
              self.model = whisper.load_model("large-v3")

          def predict(self, audio):
              segments, info = self.model.transcribe(audio)
              first, *rest, last = self.model.detect_language(audio)
              return [str(segments), str(info), str(last), len(rest), [s for s in segments]]

      predictor = Predictor()
      predictor.setup()

      def handler(job):
          return predictor.predict("audio.mp3")
    `, runpod, { model: ["whisper"], cost: { "whisper.load_model": 12, "self.model.transcribe": 30 } });
    expect(r.verdict).toBe("ok");
    expect(r.result).toEqual([
      "<modelled whisper.load_model().transcribe()[0]>",
      "<modelled whisper.load_model().transcribe()[1]>",
      "<modelled whisper.load_model().detect_language()[1]>",
      0,
      [],
    ]);
    expect(modelled(r).map((s) => [s.label, s.line, s.cost])).toEqual([
      ["modelled: whisper.load_model()", 5, "whisper.load_model"],
      ["modelled: self.model.transcribe()", 8, "self.model.transcribe"],
      ["modelled: self.model.detect_language()", 9, undefined],
    ]);
    expectSeconds(r.elapsedSeconds, 30);
  });

  test("a call on an attribute of a global object is named through it, one level deep (MODELS.base)", async () => {
    const r = await run(`
      import runpod
      from diffusers import DiffusionPipeline

      class ModelHandler:
          def __init__(self):
              self.base = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-xl-base-1.0")
              self.refiner = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-xl-refiner-1.0")

      MODELS = ModelHandler()

      def handler(job):
          image = MODELS.base(prompt=job["input"]["prompt"]).images
          return str(MODELS.refiner(image=image).images)

      runpod.serverless.start({"handler": handler})
    `, runpod, { model: ["diffusers"], cost: { "MODELS.base()": 12, "MODELS.refiner()": 25 }, event: { prompt: "a fox" } });
    expect(r).toMatchObject({ verdict: "ok" });
    // 12 + 25 s of cost rules; CPU time is real time, so a loaded machine adds a little.
    expect(r.elapsedSeconds).toBeGreaterThanOrEqual(37);
    expect(r.elapsedSeconds).toBeLessThan(38);
    expect(modelled(r).slice(2).map((s) => [s.label, s.line, s.cost, seconds(s)])).toEqual([
      ["modelled: MODELS.base()", 12, "MODELS.base()", 12],
      ["modelled: MODELS.refiner()", 13, "MODELS.refiner()", 25],
    ]);
    // Two levels down is not looked at: a rule naming MODELS.base.unet matches nothing.
    const deep = await run(`
      from diffusers import DiffusionPipeline

      class Holder:
          def __init__(self):
              self.inner = type("Inner", (), {})()
              self.inner.pipe = DiffusionPipeline.from_pretrained("x")

      HOLDER = Holder()

      def handler(event):
          return str(HOLDER.inner.pipe())
    `, runpod, { model: ["diffusers"], cost: { "HOLDER.inner.pipe()": 5 } });
    const inner = modelled(deep).find((s) => s.line === 11);
    expect(inner?.label).toBe("modelled: DiffusionPipeline.from_pretrained()()");
    expect(inner?.cost).toBeUndefined();
  });

  test("an inert value in JSON is its placeholder even when the caller passes its own default= (Flask's jsonify)", async () => {
    const r = await run(`
      import json
      from transformers import pipeline
      from flask import Flask, jsonify

      summarizer = pipeline("summarization")
      app = Flask(__name__)

      def refuse(value):
          raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

      def handler(event):
          summary = summarizer("text")[0]["summary_text"]
          with app.app_context():
              flask_body = jsonify(summary=summary).get_data(as_text=True)
          return [json.dumps({"s": summary}, default=refuse), flask_body.strip()]
    `, runpod, { model: ["transformers"] });
    expect(r).toMatchObject({ verdict: "ok" });
    expect(r.result).toEqual([
      `{"s": "<modelled transformers.pipeline()()[0]['summary_text']>"}`,
      `{"summary":"<modelled transformers.pipeline()()[0]['summary_text']>"}`,
    ]);
  });

  test("torch idioms: no_grad decorator and context, nn.Module subclasses, isinstance, numbers, exceptions", async () => {
    const r = await run(`
      import json
      import torch
      import torch.nn as nn
      from openai import OpenAI, RateLimitError

      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(3, 4)

          def forward(self, x):
              return self.fc(x)

      @torch.no_grad()
      def infer(model, x):
          return model(x)

      @torch.inference_mode()
      def plain():
          return "still a function"

      def lambda_handler(event, context):
          model = Net().to("cuda")
          with torch.no_grad():
              out = infer(model, torch.randn(1, 3))
          kwargs = torch.load("inputs.pt")
          model.generate(**kwargs)
          try:
              raise RateLimitError("slow down")
          except RateLimitError as error:
              caught = type(error).__name__
          return {
              "plain": plain(),
              "is_module": isinstance(model, nn.Module),
              "tensor_is_module": isinstance(out, nn.Module),
              "not_tensor": isinstance(3, torch.Tensor),
              "numbers": [len(out), int(out), float(out.sum()), bool(out), out.shape[0] + 1 > 0],
              "caught": caught,
              "body": json.dumps({"out": out}),
              "out": out,
          }
    `, lambda, { model: ["torch", "openai"], cost: { "self.fc()": 2 } });
    expect(r.error).toBeNull();
    expect(r.result).toMatchObject({
      plain: "still a function",
      is_module: true,
      tensor_is_module: false,
      not_tensor: false,
      numbers: [0, 0, 0, true, "<modelled torch.nn.Linear()().shape[0].__add__().__gt__()>"],
      caught: "RateLimitError",
      body: '{"out": "<modelled torch.nn.Linear()()>"}',
      out: "<modelled torch.nn.Linear()()>",
    });
    // f(**inputs) asks the mapping for keys(): not a call of the user's, so not on the timeline.
    expect(modelled(r).some((s) => /keys/.test(s.label ?? ""))).toBe(false);
    expect(modelled(r).some((s) => s.label === "modelled: model.generate()")).toBe(true);
    // forward ran the user's code: the layer call is costed by the variable that holds it.
    expect(modelled(r).find((s) => s.cost === "self.fc()")).toMatchObject({ line: 12, label: "modelled: self.fc()" });
  });

  test("modelled calls overlap on threads and on the event loop when awaited, and block it when not", async () => {
    const r = await run(`
      import asyncio
      from concurrent.futures import ThreadPoolExecutor
      import vllm

      llm = vllm.LLM("meta-llama/Llama-3-8B")
      engine = vllm.AsyncLLMEngine()

      async def generate(prompt):
          return await engine.generate(prompt)

      def handler(job):
          with ThreadPoolExecutor(4) as pool:
              list(pool.map(llm.generate, ["a", "b", "c", "d"]))
          async def main():
              return await asyncio.gather(*(generate(p) for p in "abc"))
          asyncio.run(main())
          return "done"
    `, runpod, { model: ["vllm"], cost: { "vllm.LLM": 0, "llm.generate": 10, "engine.generate": 7 } });
    expect(r).toMatchObject({ verdict: "ok", result: "done" });
    // Four 10 s calls on four threads, then three 7 s calls awaited together: 10 + 7, not 40 + 21.
    expectSeconds(r.elapsedSeconds, 17);
    expect(modelled(r).filter((s) => s.cost === "engine.generate")).toHaveLength(3);

    const blocking = await run(`
      import asyncio
      import vllm
      engine = vllm.AsyncLLMEngine()
      async def step(prompt):
          engine.generate_sync(prompt)
      async def handler(job):
          await asyncio.gather(step("a"), step("b"))
    `, runpod, { model: ["vllm"], cost: { "engine.generate_sync": 5 } });
    expectSeconds(blocking.elapsedSeconds, 10);
  });

  test("from x import * brings in the names the file uses; a modelled module leaves sys.modules after the run", async () => {
    const code = `
      from comfy_utils import *
      def handler(job):
          return str(load_workflow("w.json"))
    `;
    const r = await run(code, runpod, { model: ["comfy_utils"] });
    expect(r).toMatchObject({ verdict: "ok", result: "<modelled comfy_utils.load_workflow()>" });
    const after = await run(`
      import sys
      def handler(job):
          return "comfy_utils" in sys.modules
    `);
    expect(after).toMatchObject({ verdict: "ok", result: false });
  });
});
