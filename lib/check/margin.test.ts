import { expect, test } from "vitest";
import type { SimulationResult } from "../runner/types";
import { busiestLine, judge } from "./margin";

const result = (over: Partial<SimulationResult>): SimulationResult => ({
  verdict: "ok",
  platform: "aws-lambda",
  deadlineSeconds: 10,
  elapsedSeconds: 5,
  line: null,
  error: null,
  platformMessage: null,
  stdout: "",
  timeline: [],
  ...over,
});

test("a run within its share passes; one over it fails as over-share; exactly at the share passes", () => {
  expect(judge(result({ elapsedSeconds: 5 }), 0.8)).toMatchObject({ status: "pass", share: 0.5 });
  expect(judge(result({ elapsedSeconds: 8.5 }), 0.8)).toMatchObject({ status: "over-share", share: 0.85 });
  expect(judge(result({ elapsedSeconds: 8 }), 0.8)).toMatchObject({ status: "pass" });
  expect(judge(result({ elapsedSeconds: 8.0004 }), 0.8)).toMatchObject({ status: "pass" });
  expect(judge(result({ elapsedSeconds: 9.5 }), 1)).toMatchObject({ status: "pass" });
});

test("timeouts and failures fail whatever the share; the line is where it stopped", () => {
  expect(judge(result({ verdict: "timeout", elapsedSeconds: 10, line: 7 }), 0.8)).toEqual({ status: "timeout", share: 1, line: 7 });
  expect(judge(result({ verdict: "error", elapsedSeconds: 0.1, line: null, error: { type: "KeyError", message: "'id'", line: 12 } }), 0.8)).toEqual({ status: "error", share: 0.01, line: 12 });
});

test("a finished run points at the longest wait, not at the handler span that contains everything", () => {
  const timeline = [
    { kind: "handler" as const, start: 0, end: 9, line: 1 },
    { kind: "network" as const, start: 0, end: 2, line: 4 },
    { kind: "sleep" as const, start: 2, end: 8.5, line: 6 },
    { kind: "cpu" as const, start: 8.5, end: 9 },
  ];
  expect(busiestLine(timeline)).toBe(6);
  expect(judge(result({ elapsedSeconds: 9, timeline }), 0.8)).toEqual({ status: "over-share", share: 0.9, line: 6 });
});

test("a run with no finite limit has no share and passes when it finishes", () => {
  expect(judge(result({ deadlineSeconds: Number.POSITIVE_INFINITY, elapsedSeconds: 100 }), 0.8)).toEqual({ status: "pass", share: null, line: null });
});
