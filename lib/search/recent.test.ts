import { describe, expect, test } from "vitest";
import { clearRecent, MAX_RECENT, readRecent, RECENT_KEY, rememberSearch } from "./recent";

function memory(): Storage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
    key: (i) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    },
  };
}

describe("recent searches", () => {
  test("newest first, a repeated search moves up instead of appearing twice", () => {
    const store = memory();
    rememberSearch(store, "Task timed out after 3.00 seconds");
    rememberSearch(store, "FUNCTION_INVOCATION_TIMEOUT");
    const list = rememberSearch(store, "Task timed out after 3.00 seconds");
    expect(list.map((r) => r.query)).toEqual(["Task timed out after 3.00 seconds", "FUNCTION_INVOCATION_TIMEOUT"]);
    expect(readRecent(store)).toEqual(list);
  });

  test("keeps at most a few, labels a paste by its first line, keeps a long paste by what it names", () => {
    const store = memory();
    for (let i = 0; i < MAX_RECENT + 3; i++) rememberSearch(store, `error ${i}`);
    expect(readRecent(store)).toHaveLength(MAX_RECENT);
    const list = rememberSearch(store, `\nTraceback (most recent call last):\n${"x".repeat(2000)}`, "asyncio.exceptions.TimeoutError");
    expect(list[0]).toEqual({ query: "asyncio.exceptions.TimeoutError", label: "asyncio.exceptions.TimeoutError" });
  });

  test("clearing forgets everything, and a corrupt entry reads as empty", () => {
    const store = memory();
    rememberSearch(store, "H12");
    expect(clearRecent(store)).toEqual([]);
    expect(readRecent(store)).toEqual([]);
    store.setItem(RECENT_KEY, "{not json");
    expect(readRecent(store)).toEqual([]);
    store.setItem(RECENT_KEY, JSON.stringify([{ query: 1 }, { query: "ok", label: "ok" }]));
    expect(readRecent(store)).toEqual([{ query: "ok", label: "ok" }]);
  });
});
