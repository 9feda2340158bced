import { describe, expect, test } from "vitest";
import { popularArticles } from "./popular";
import { articleRequest, MAX_REQUEST_EXCERPT } from "./request";

const nothing = { formats: [], exceptions: [], codes: [], messages: [], lines: 1, bounded: false };

describe("article request", () => {
  test("names the last exception in the title and lists what was recognised", () => {
    const { title, body } = articleRequest("Traceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'output'", {
      ...nothing,
      formats: ["Python traceback"],
      exceptions: ["KeyError"],
      messages: ["'output'"],
    });
    expect(title).toBe("Article request: KeyError");
    expect(body).toContain("KeyError: 'output'");
    expect(body).toContain("- Format: `Python traceback`");
    expect(body).toContain("- Exception: `KeyError`");
  });

  test("falls back to the first line, and says when nothing was recognised", () => {
    const { title, body } = articleRequest("\n  segfault in libfoo\n", nothing);
    expect(title).toBe("Article request: segfault in libfoo");
    expect(body).toContain("nothing that looked like an exception");
  });

  test("a paste with backticks cannot close the fence, and a long one is cut", () => {
    const { body } = articleRequest("a ```` b", nothing);
    expect(body).toContain("`````text\na ```` b\n`````");
    const long = articleRequest("x".repeat(MAX_REQUEST_EXCERPT + 50), nothing).body;
    expect(long).toContain("… (50 more characters)");
  });
});

describe("popular articles", () => {
  test("keeps the editorial order and skips articles that do not exist", () => {
    const docs = [{ slug: "python-requests-timeout" }, { slug: "aws-lambda-task-timed-out" }, { slug: "other" }];
    expect(popularArticles(docs).map((d) => d.slug)).toEqual(["aws-lambda-task-timed-out", "python-requests-timeout"]);
  });
});
