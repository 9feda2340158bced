import { describe, expect, test } from "vitest";
import { DEFAULT_LATENCY_SECONDS, hostOf, latencyFor, parseLatencyRule } from "./latency";

describe("latencyFor", () => {
  const rules = { "api.openai.com": 45, "*.example.com": 3, "*.b.example.com": 7, "*": 0.2 };
  test("an exact host rule wins, whatever the URL around it", () => {
    expect(latencyFor("https://API.openai.com:443/v1/chat", rules)).toBe(45);
  });
  test("the longest matching wildcard suffix wins", () => {
    expect(latencyFor("http://x.b.example.com/", rules)).toBe(7);
    expect(latencyFor("x.example.com", rules)).toBe(3);
  });
  test("unknown hosts take the * rule, or the small default without one", () => {
    expect(latencyFor("127.0.0.1:8188", rules)).toBe(0.2);
    expect(latencyFor("127.0.0.1:8188", {})).toBe(DEFAULT_LATENCY_SECONDS);
  });
});

describe("parseLatencyRule", () => {
  test("reads host=seconds and normalises the host", () => {
    expect(parseLatencyRule("api.openai.com=45")).toEqual(["api.openai.com", 45]);
    expect(parseLatencyRule("http://LOCALHOST:8000=2.5")).toEqual(["localhost", 2.5]);
    expect(parseLatencyRule("*=1")).toEqual(["*", 1]);
  });
  test("rejects malformed rules with a message that shows the expected shape", () => {
    expect(() => parseLatencyRule("api.openai.com")).toThrow(/host=seconds/);
    expect(() => parseLatencyRule("=4")).toThrow(/host=seconds/);
    expect(() => parseLatencyRule("a.com=-1")).toThrow(/host=seconds/);
  });
  test("hostOf strips scheme, port and IPv6 brackets", () => {
    expect(hostOf("http://[::1]:8080/x")).toBe("::1");
  });
});
