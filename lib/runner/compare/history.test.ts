import { describe, expect, test } from "vitest";
import { parseEditorState, type EditorState } from "../browser/share";
import type { SimulationResult } from "../types";
import { addRun, keepResult, MAX_RUNS, MAX_SPANS, parseRuns, runNames, runTitle, type KeptRun } from "./history";
import { requestFromState } from "./request";

const state: EditorState = {
  code: "import time\n\ndef handler(job):\n    time.sleep(2)\n",
  language: "python",
  platform: "runpod",
  timeout: 60,
  event: '{"prompt": "hi"}',
  latency: [["api.openai.com", 45]],
  responses: [{ match: "GET api.example.com/*", answers: "2x 503; 200 {}" }],
  model: "torch, diffusers",
  cost: [["pipe()", 25]],
  handler: "",
  env: "API_KEY=sk-test",
  concurrency: 3,
  plan: null,
};

const result: SimulationResult = {
  verdict: "timeout",
  platform: "runpod",
  deadlineSeconds: 60,
  elapsedSeconds: 60,
  line: 4,
  error: null,
  platformMessage: "job timed out",
  stdout: "x".repeat(10_000),
  result: { big: "y".repeat(10_000) },
  timeline: Array.from({ length: MAX_SPANS + 50 }, (_, i) => ({ kind: "sleep" as const, start: i, end: i + 1, label: "time.sleep(1)" })),
};

function kept(label: string, over: Partial<KeptRun> = {}): Omit<KeptRun, "seq"> {
  return { label, state, result: keepResult(result), platformName: "RunPod", planName: null, countsInit: false, clock: "wall", ...over };
}

describe("the session's runs", () => {
  test("a kept run holds what a comparison draws, not the run's output", () => {
    const k = keepResult({ ...result, error: { type: "ValueError", message: "first line\nsecond line", line: 3 } });
    expect(k.timeline).toHaveLength(MAX_SPANS);
    expect(k).not.toHaveProperty("stdout");
    expect(k).not.toHaveProperty("result");
    expect(k.error).toEqual({ type: "ValueError", message: "first line", line: 3 });
  });

  test("newest first, numbered in order, at most MAX_RUNS", () => {
    let runs: KeptRun[] = [];
    for (let i = 0; i < MAX_RUNS + 3; i++) runs = addRun(runs, kept(`run ${i}`));
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs[0]!.seq).toBe(MAX_RUNS + 3);
    expect(runs.at(-1)!.seq).toBe(4);
    expect(runTitle(runs[0]!)).toBe(`Run ${MAX_RUNS + 3} · run ${MAX_RUNS + 2} · RunPod · 60 s limit: timed out at line 4`);
  });

  test("survive a round trip through storage; anything malformed is dropped", () => {
    const runs = addRun(addRun([], kept("broken")), kept("fixed", { planName: "Pro" }));
    expect(parseRuns(JSON.stringify(runs), parseEditorState)).toEqual(runs);
    const damaged = [{ ...runs[0], result: { ...runs[0]!.result, verdict: "great" } }, { ...runs[1], state: { code: 1 } }, "nonsense", runs[1]];
    expect(parseRuns(JSON.stringify(damaged), parseEditorState)).toEqual([runs[1]]);
    expect(parseRuns("{not json", parseEditorState)).toEqual([]);
    expect(parseRuns(null, parseEditorState)).toEqual([]);
  });

  test("names: labels when they differ, else run numbers, with where the same code ran or its limit", () => {
    const [a, b] = [{ ...kept("broken"), seq: 1 }, { ...kept("fixed"), seq: 2 }];
    expect(runNames(a, b)).toEqual(["broken", "fixed"]);
    expect(runNames({ ...a, label: "your code" }, { ...b, label: "your code", platformName: "Modal" })).toEqual(["run 1 (RunPod)", "run 2 (Modal)"]);
    expect(runNames({ ...a, label: "your code" }, { ...b, label: "your code", state: { ...state, code: "edited" } })).toEqual(["run 1", "run 2"]);
    expect(runNames(a, { ...b, label: "broken", result: { ...b.result, deadlineSeconds: 120 } })).toEqual(["run 1 (60 s limit)", "run 2 (120 s limit)"]);
  });
});

describe("a kept or shared state as a request", () => {
  test("parses the world rules, event and environment as the editor's form does", () => {
    const request = requestFromState({ ...state, platform: "gunicorn", handler: " app " }, "broken.py");
    expect(request).toMatchObject({
      language: "python",
      filename: "broken.py",
      platform: "gunicorn",
      timeout: 60,
      event: { prompt: "hi" },
      latency: { "api.openai.com": 45 },
      model: ["torch", "diffusers"],
      cost: { "pipe()": 25 },
      handler: "app",
      concurrency: 3,
      env: { API_KEY: "sk-test" },
    });
    expect(request.responses![0]!.answers).toHaveLength(2);
    // Simultaneous requests exist only for servers: a RunPod worker gets one.
    expect(requestFromState(state)).not.toHaveProperty("concurrency");
    expect(requestFromState(state).filename).toBe("handler.py");
  });

  test("a state the form would refuse is refused with the form's words", () => {
    expect(() => requestFromState({ ...state, event: '{"prompt": }' })).toThrow(/^Event: not valid JSON/);
    expect(() => requestFromState({ ...state, responses: [{ match: "GET x", answers: "" }] })).toThrow(/Response 1/);
    expect(() => requestFromState({ ...state, env: "not a pair" })).toThrow(/Environment line 1/);
  });
});
