import { describe, expect, it } from "vitest";
import { parseResult } from "./protocol";
import { jsonPrefix, limitResult, RESULT_LIMITS } from "./result-limits";
import type { SimulationResult } from "./types";

const base: SimulationResult = { verdict: "ok", platform: "aws-lambda", deadlineSeconds: 3, elapsedSeconds: 0.1, line: null, error: null, platformMessage: null, stdout: "", timeline: [] };

describe("jsonPrefix", () => {
  it("gives the whole JSON text of a value under the limit", () => {
    const value = { a: [1, "two", null, true], b: { c: 1.5 } };
    expect(jsonPrefix(value, 1000)).toEqual({ text: JSON.stringify(value), complete: true });
  });

  it("stops at the limit without walking the rest", () => {
    let visited = 0;
    const huge = new Proxy([] as number[], { get: (target, key) => (key === "length" ? 1e9 : typeof key === "string" && /^\d+$/.test(key) ? (visited++, 7) : Reflect.get(target, key)) });
    const { text, complete } = jsonPrefix(huge, 100);
    expect(complete).toBe(false);
    expect(text).toBe(`[${Array(50).fill(7).join(",")}`.slice(0, 100));
    expect(visited).toBeLessThan(60);
  });
});

describe("limitResult", () => {
  it("keeps a small result as it is", () => {
    const result = { ...base, result: { ok: true }, stdout: "hi\n" };
    expect(limitResult(result).result).toEqual(result);
  });

  it("cuts a huge return value to the start of its JSON and says so", () => {
    const { result, json } = limitResult({ ...base, result: "x".repeat(50 * 1024 * 1024) });
    expect(result.truncated).toEqual({ result: RESULT_LIMITS.result });
    expect(typeof result.result).toBe("string");
    expect((result.result as string).length).toBe(RESULT_LIMITS.result);
    expect((result.result as string).startsWith('"xxx')).toBe(true);
    expect(json.length).toBeLessThan(RESULT_LIMITS.result * 1.1);
  });

  it("cuts output, error messages and span labels", () => {
    const { result } = limitResult({
      ...base,
      verdict: "error",
      stdout: "y".repeat(RESULT_LIMITS.stdout + 10),
      error: { type: "Error", message: "m".repeat(10 * RESULT_LIMITS.message), line: 1 },
      timeline: Array.from({ length: RESULT_LIMITS.spans + 5 }, (_, i) => ({ kind: "network" as const, start: i, end: i + 1, label: "u".repeat(10_000) })),
    });
    expect(result.stdout.length).toBe(RESULT_LIMITS.stdout);
    expect(result.truncated).toEqual({ stdout: RESULT_LIMITS.stdout });
    expect(result.error!.message.length).toBe(RESULT_LIMITS.message + 1);
    expect(result.timeline).toHaveLength(RESULT_LIMITS.spans);
    expect(result.timeline[0]!.label!.length).toBe(RESULT_LIMITS.label + 1);
  });

  it("keeps a return value the engine already cut, without quoting it again", () => {
    const { result } = limitResult({ ...base, result: '{"a": "zzz', truncated: { result: 1_000_000 } });
    expect(result.result).toBe('{"a": "zzz');
    expect(result.truncated).toEqual({ result: RESULT_LIMITS.result });
  });

  it("cuts each of several simultaneous requests' responses, and the page's schema keeps them", () => {
    const request = { index: 1, verdict: "ok" as const, line: null, elapsedSeconds: 1, status: 200, queuedSeconds: 0, error: null, platformMessage: null };
    const { result, json } = limitResult({ ...base, requests: [{ ...request, result: "y".repeat(RESULT_LIMITS.result * 2) }, { ...request, index: 2, result: { ok: 1 } }] });
    expect(typeof result.requests?.[0]?.result).toBe("string");
    expect((result.requests?.[0]?.result as string).length).toBe(RESULT_LIMITS.result);
    expect(result.requests?.[1]?.result).toEqual({ ok: 1 });
    expect(parseResult(json)?.requests?.map((r) => r.index)).toEqual([1, 2]);
  });

  it("an entry-point error's candidates pass the page's schema as the objects the engines send", () => {
    const error = { type: "EntryPointError", message: "several", line: null, candidates: [{ name: "a", kind: "function", line: 4 }] };
    const { json } = limitResult({ ...base, verdict: "error", error });
    expect(parseResult(json)?.error?.candidates).toEqual([{ name: "a", kind: "function", line: 4 }]);
  });
});
