import { describe, expect, test } from "vitest";
import type { Span } from "../types";
import { pairSpans, spanKey, type ComparedRun } from "./pair";
import { compareRuns, summaryText } from "./summary";

type Result = ComparedRun["result"];

function run(name: string, result: Partial<Result> & Pick<Result, "timeline">, over: Partial<ComparedRun> = {}): ComparedRun {
  return {
    name,
    result: { verdict: "ok", platform: "runpod", deadlineSeconds: 60, elapsedSeconds: 0, line: null, error: null, ...result },
    platformName: "RunPod",
    planName: null,
    countsInit: false,
    clock: "wall",
    code: name,
    ...over,
  };
}

// The shapes the Python engine sends for the runpod-handler-timeout pair (deadline-simulate --json):
// the SDXL load inside the handler, then at module scope.
const broken = run("broken", {
  verdict: "timeout",
  elapsedSeconds: 60,
  line: 16,
  timeline: [
    { kind: "init", start: 0, end: 0.065581, label: "init: module code" },
    { kind: "cpu", start: 0, end: 0.065612, line: 4, label: "cpu" },
    { kind: "handler", start: 0.065581, end: 60.065581, label: "handler: handler (runpod job 6bdb6238-0a87-4acb-898a-0a19d763411a)" },
    { kind: "cpu", start: 0.065612, end: 0.089441, line: 15, label: "cpu" },
    { kind: "modelled", start: 0.089441, end: 40.089565, line: 15, label: "modelled: StableDiffusionXLPipeline.from_pretrained()", cost: "diffusers.StableDiffusionXLPipeline.from_pretrained" },
    { kind: "modelled", start: 40.090083, end: 45.090107, line: 15, label: "modelled: StableDiffusionXLPipeline.from_pretrained().to()", cost: "diffusers.StableDiffusionXLPipeline.from_pretrained().to" },
    { kind: "modelled", start: 45.090448, end: 60.065581, line: 16, label: "modelled: pipe()", cost: "pipe()" },
  ],
});
const fixed = run("fixed", {
  elapsedSeconds: 25.004424,
  timeline: [
    { kind: "init", start: 0, end: 45.069795, label: "init: module code" },
    { kind: "cpu", start: 0, end: 0.066817, line: 4, label: "cpu" },
    { kind: "modelled", start: 0.066817, end: 40.066918, line: 12, label: "modelled: StableDiffusionXLPipeline.from_pretrained()", cost: "diffusers.StableDiffusionXLPipeline.from_pretrained" },
    { kind: "modelled", start: 40.067299, end: 45.067319, line: 12, label: "modelled: StableDiffusionXLPipeline.from_pretrained().to()", cost: "diffusers.StableDiffusionXLPipeline.from_pretrained().to" },
    { kind: "cpu", start: 45.067322, end: 45.069801, label: "cpu" },
    { kind: "handler", start: 45.069795, end: 70.074219, label: "handler: handler (runpod job 1961515b-a04c-4b59-8743-9e631fc4e073)" },
    { kind: "cpu", start: 45.069801, end: 45.07303, line: 17, label: "cpu" },
    { kind: "modelled", start: 45.07303, end: 70.073091, line: 17, label: "modelled: pipe()", cost: "pipe()" },
    { kind: "modelled", start: 70.073538, end: 70.073559, line: 19, label: "modelled: image.save()", cost: "image.save" },
  ],
});

const text = (a: ComparedRun, b: ComparedRun) => summaryText(compareRuns(a, b).summary);

describe("pairing spans", () => {
  test("a span's key drops what varies between runs of the same call: numbers, ids, trailing remarks", () => {
    const key = (label: string, kind: Span["kind"] = "sleep") => spanKey({ kind, start: 0, end: 1, label });
    expect(key("time.sleep(45)")).toBe(key("time.sleep(5)"));
    expect(key("handler: handler (runpod job 6bdb6238-0a87-4acb-898a-0a19d763411a)", "handler")).toBe(key("handler: handler (runpod job 1961515b-a04c-4b59-8743-9e631fc4e073)", "handler"));
    expect(key("setTimeout 4000 ms (pending at the deadline)", "timer")).toBe(key("setTimeout 5000 ms", "timer"));
    // A call's own parentheses stay; requests of a server stay apart; kinds stay apart.
    expect(key("modelled: pipe()", "modelled")).not.toBe(key("modelled: pipe", "modelled"));
    expect(key("[request 1] GET https://a.example/x", "network")).not.toBe(key("[request 2] GET https://a.example/x", "network"));
    expect(key("GET https://a.example/x", "network")).not.toBe(key("GET https://b.example/x", "network"));
    expect(key("x", "sleep")).not.toBe(key("x", "timer"));
  });

  test("the same call pairs across lines and phases; the second run's own spans come after the span they followed", () => {
    const rows = pairSpans(broken, fixed);
    expect(rows.map((r) => r.label)).toEqual(["module code", "cpu", "handler", "StableDiffusionXLPipeline.from_pretrained()", "StableDiffusionXLPipeline.from_pretrained().to()", "pipe()", "image.save()"]);
    const load = rows.find((r) => r.label === "StableDiffusionXLPipeline.from_pretrained()")!;
    // In the handler (counted against RunPod's deadline) in one, in module init (not counted) in the other.
    expect(load.a).toMatchObject({ invoke: expect.closeTo(40, 3), init: 0, counted: expect.closeTo(40, 3) });
    expect(load.b).toMatchObject({ invoke: 0, init: expect.closeTo(40, 3), counted: 0 });
    const pipe = rows.find((r) => r.label === "pipe()")!;
    expect(pipe.a!.cut).toBe(true);
    expect(pipe.b!.cut).toBe(false);
    expect(rows.find((r) => r.label === "image.save()")!.a).toBeNull();
  });

  test("repeated calls group into one row with every span of each run", () => {
    const calls = (n: number, each: number): Span[] => Array.from({ length: n }, (_, i) => ({ kind: "network", start: 1 + i * each, end: 1 + (i + 1) * each, label: `GET https://api.example.com/items/${i}` }));
    const a = run("run 1", { elapsedSeconds: 51, timeline: [{ kind: "handler", start: 0, end: 51 }, ...calls(50, 1)] }, { countsInit: true });
    const b = run("run 2", { elapsedSeconds: 6, timeline: [{ kind: "handler", start: 0, end: 6 }, ...calls(5, 1)] }, { countsInit: true });
    const rows = pairSpans(a, b).filter((r) => r.kind === "network");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.a!.spans).toHaveLength(50);
    expect(rows[0]!.b!.spans).toHaveLength(5);
    expect(text(a, b)).toBe("Run 2 finishes 45.0 s earlier than run 1 (6.0 s against 51.0 s): `GET https://api.example.com/items/0` runs 5 times (5.0 s) instead of 50 (50.0 s).");
  });
});

describe("the summary", () => {
  test("broken against fixed: the load that moved out of the handler is named, with its seconds, and why it no longer counts", () => {
    expect(text(broken, fixed)).toBe(
      "Fixed finishes in 25.0 s, 35.0 s earlier than broken, which times out at 60.0 s at line 16: `StableDiffusionXLPipeline.from_pretrained()` (40.0 s) and `StableDiffusionXLPipeline.from_pretrained().to()` (5.0 s) moved out of the handler into module init, which the deadline on RunPod does not count.",
    );
  });

  test("the other way round, the move is into the handler, onto the deadline's clock", () => {
    expect(text(fixed, broken)).toBe(
      "Broken times out at 60.0 s at line 16, where fixed finishes in 25.0 s: `StableDiffusionXLPipeline.from_pretrained()` (40.0 s) and `StableDiffusionXLPipeline.from_pretrained().to()` (5.0 s) moved from module init into the handler, where the deadline on RunPod counts it.",
    );
  });

  test("on a platform whose deadline counts init, the same move is said to save nothing", () => {
    const counting = { countsInit: true, platformName: "Vercel" };
    const a = run("broken", { elapsedSeconds: 12, timeline: [{ kind: "init", start: 0, end: 0.1 }, { kind: "handler", start: 0.1, end: 12.1 }, { kind: "modelled", start: 0.1, end: 12.1, label: "modelled: load()" }] }, counting);
    const b = run("fixed", { elapsedSeconds: 12.1, timeline: [{ kind: "init", start: 0, end: 12.1 }, { kind: "modelled", start: 0, end: 12, label: "modelled: load()" }, { kind: "handler", start: 12.1, end: 12.1 }] }, counting);
    expect(text(a, b)).toBe("Fixed and broken both finish in 12.1 s: the 12.0 s `load()` call moved out of the handler into module init, which Vercel counts against the deadline too.");
  });

  test("a shorter wait and a request that is gone are named with their own figures; the 2 s new request, under a tenth of the largest change, is not", () => {
    const a = run("run 1", {
      elapsedSeconds: 50,
      timeline: [
        { kind: "handler", start: 0, end: 50 },
        { kind: "sleep", start: 0, end: 45, line: 8, label: "time.sleep(45)" },
        { kind: "network", start: 45, end: 50, label: "GET https://slow.example.com/" },
      ],
    });
    const b = run("run 2", {
      elapsedSeconds: 7,
      timeline: [
        { kind: "handler", start: 0, end: 7 },
        { kind: "sleep", start: 0, end: 5, line: 9, label: "time.sleep(5)" },
        { kind: "network", start: 5, end: 7, label: "GET https://fast.example.com/" },
      ],
    });
    expect(text(a, b)).toBe(
      "Run 2 finishes 43.0 s earlier than run 1 (7.0 s against 50.0 s): `time.sleep(45)` (now `time.sleep(5)`) takes 5.0 s instead of 45.0 s; the 5.0 s `GET https://slow.example.com/` request is gone.",
    );
  });

  test("two requests made one after the other, then together: the second now runs alongside the first", () => {
    const get = (url: string, start: number): Span => ({ kind: "network", start, end: start + 10, label: `GET ${url}` });
    const a = run("before", { elapsedSeconds: 20, timeline: [{ kind: "handler", start: 0, end: 20 }, get("https://a.example.com/", 0), get("https://b.example.com/", 10)] });
    const b = run("after", { elapsedSeconds: 10, timeline: [{ kind: "handler", start: 0, end: 10 }, get("https://a.example.com/", 0), get("https://b.example.com/", 0)] });
    expect(text(a, b)).toBe("After finishes 10.0 s earlier than before (10.0 s against 20.0 s): `GET https://b.example.com/` now runs alongside `GET https://a.example.com/` instead of after it.");
  });

  test("a span that moved only because an earlier one shrank is not named for its position", () => {
    const a = run("run 1", { elapsedSeconds: 30, timeline: [{ kind: "handler", start: 0, end: 30 }, { kind: "sleep", start: 0, end: 20, label: "time.sleep(20)" }, { kind: "network", start: 20, end: 30, label: "GET https://x.example.com/" }] });
    const b = run("run 2", { elapsedSeconds: 11, timeline: [{ kind: "handler", start: 0, end: 11 }, { kind: "sleep", start: 0, end: 1, label: "time.sleep(1)" }, { kind: "network", start: 1, end: 11, label: "GET https://x.example.com/" }] });
    const comparison = compareRuns(a, b);
    expect(comparison.changes.map((c) => c.kind)).toEqual(["shorter"]);
    expect(summaryText(comparison.summary)).toBe("Run 2 finishes 19.0 s earlier than run 1 (11.0 s against 30.0 s): `time.sleep(20)` (now `time.sleep(1)`) takes 1.0 s instead of 20.0 s.");
  });

  test("the same code on two plans: both outcomes and both limits, and the wait that now runs to completion", () => {
    const sleep = (end: number): Span => ({ kind: "sleep", start: 0, end, line: 3, label: "time.sleep(120)" });
    const a = run("on Hobby", { verdict: "timeout", elapsedSeconds: 60, deadlineSeconds: 60, line: 3, timeline: [{ kind: "handler", start: 0, end: 60 }, sleep(60)] }, { platformName: "Vercel", planName: "Hobby", code: "same" });
    const b = run("on Pro", { elapsedSeconds: 120, deadlineSeconds: 300, timeline: [{ kind: "handler", start: 0, end: 120 }, sleep(120)] }, { platformName: "Vercel", planName: "Pro", code: "same" });
    expect(text(a, b)).toBe(
      "On Pro finishes in 120 s; on Hobby times out at 60.0 s at line 3: `time.sleep(120)` runs to completion (120 s; it was cut off at the deadline after 60.0 s). Limits: on Hobby 60.0 s on Vercel (Hobby), on Pro 300 s on Vercel (Pro).",
    );
  });

  test("two runs of the same code and settings say so, and name nothing", () => {
    const timeline: Span[] = [{ kind: "handler", start: 0, end: 2 }, { kind: "sleep", start: 0, end: 2, label: "time.sleep(2)" }];
    expect(text(run("run 1", { elapsedSeconds: 2, timeline }, { code: "x" }), run("run 2", { elapsedSeconds: 2, timeline }, { code: "x" }))).toBe("Run 2 and run 1 both finish in 2.0 s. Same code, and no span differs by 50 ms or more.");
  });

  test("an error and a platform that counts init differently are both said", () => {
    const a = run("run 1", { verdict: "error", elapsedSeconds: 0.01, line: 12, error: { type: "KeyError", message: "'prompt'", line: 12 }, timeline: [{ kind: "handler", start: 0, end: 0.01 }] });
    const b = run("run 2", { elapsedSeconds: 1, deadlineSeconds: 3, timeline: [{ kind: "handler", start: 0, end: 1 }, { kind: "sleep", start: 0, end: 1, label: "time.sleep(1)" }] }, { platformName: "AWS Lambda", countsInit: true });
    expect(text(a, b)).toBe(
      "Run 2 finishes in 1.0 s; run 1 fails at line 12 with KeyError: a new 1.0 s `time.sleep(1)` sleep. Limits: run 1 60.0 s on RunPod, run 2 3.0 s on AWS Lambda. AWS Lambda counts module init against the deadline; RunPod does not.",
    );
  });

  test("the shared axis reaches both deadlines, counted from each run's own start of the clock", () => {
    const c = compareRuns(broken, fixed);
    expect(c.marks[0]).toBeCloseTo(60.066, 2);
    expect(c.marks[1]).toBeCloseTo(105.07, 2);
    expect(c.end).toBeCloseTo(105.07, 2);
  });
});
