import { describe, expect, test } from "vitest";
import { highlightSegments } from "./highlight";
import { displayText, mergeEdit, searchPageHref } from "./paste";

describe("a one-line field that keeps a paste's line breaks", () => {
  const raw = "TypeError: fetch failed\n    at x\n  cause: ConnectTimeoutError";

  test("shows line breaks as spaces, position for position", () => {
    expect(displayText(raw)).toHaveLength(raw.length);
    expect(displayText(raw)).not.toMatch(/\n/);
  });

  test("an edit changes only what was edited and keeps the line breaks elsewhere", () => {
    const shown = displayText(raw);
    expect(mergeEdit(raw, `${shown}!`)).toBe(`${raw}!`);
    expect(mergeEdit(raw, shown.replace("fetch", "FETCH"))).toBe(raw.replace("fetch", "FETCH"));
    expect(mergeEdit(raw, "")).toBe("");
    expect(mergeEdit(raw, shown)).toBe(raw);
  });

  test("a long paste is shared by its condensed form", () => {
    expect(searchPageHref("short")).toBe("/search?q=short");
    expect(searchPageHref("x".repeat(5000), "httpx.ReadTimeout")).toBe(`/search?q=${encodeURIComponent("httpx.ReadTimeout")}`);
  });
});

describe("highlighting", () => {
  test("marks matched words, parts of names, and the unfinished word", () => {
    const segments = highlightSegments("Task timed out after N seconds: Sandbox.Timedout", ["timed", "timedout"], "sec");
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["timed", "seconds", "Sandbox.Timedout"]);
    expect(segments.map((s) => s.text).join("")).toBe("Task timed out after N seconds: Sandbox.Timedout");
  });
});
