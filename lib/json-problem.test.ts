import { describe, expect, test } from "vitest";
import { jsonProblem } from "./json-problem";

describe("jsonProblem", () => {
  test.each(['{"a": 1, "b": [true, null, -2.5e3, "x\\n\\u00e9"]}', "[]", '  "text"  ', "0"])("accepts valid JSON %#", (text) => {
    expect(JSON.parse(text)).toBeDefined();
    expect(jsonProblem(text)).toBeNull();
  });

  test.each([
    ['{"prompt": }', 1, 12, /unexpected "}"; expected a value/],
    ['{\n  "a": 1,\n  "b": 2,\n}', 4, 1, /expected a "quoted" key/],
    ["{'a': 1}", 1, 2, /expected a "quoted" key/],
    ['{"a": 1', 1, 8, /the text ends; expected "," or "}"/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": 1} x', 1, 10, /expected the end/],
  ] as const)("locates the fault in %s", (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const problem = jsonProblem(text);
    expect(problem).toMatchObject({ line, column });
    expect(problem?.message).toMatch(message);
  });
});
