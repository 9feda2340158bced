import { expect, test } from "vitest";
import type { ComparedRun } from "./pair";
import { comparisonMarkdown } from "./markdown";
import { compareRuns } from "./summary";

function run(name: string, over: Partial<ComparedRun["result"]>): ComparedRun {
  return {
    name,
    result: { verdict: "ok", platform: "aws-lambda", deadlineSeconds: 10, elapsedSeconds: 0, line: null, error: null, timeline: [], ...over },
    platformName: "AWS Lambda",
    planName: null,
    countsInit: false,
    clock: "wall",
    code: name,
  };
}

test("the Markdown holds the summary, both outcomes and the rows that differ, code spans that nothing inside can close", () => {
  const a = run("broken", {
    verdict: "timeout",
    elapsedSeconds: 10,
    line: 4,
    timeline: [{ kind: "handler", start: 0, end: 10 }, { kind: "network", start: 0, end: 10, label: "GET https://api.example.com/a|b`c" }],
  });
  const b = run("fixed", { elapsedSeconds: 1, timeline: [{ kind: "handler", start: 0, end: 1 }, { kind: "network", start: 0, end: 1, label: "GET https://api.example.com/a|b`c" }] });
  const text = comparisonMarkdown(compareRuns(a, b), a, b, "https://deadline.example/errors/x#run=abc");
  expect(text.split("\n")).toEqual([
    "**Comparison:** broken against fixed",
    "",
    "Fixed finishes in 1.0 s, 9.0 s earlier than broken, which times out at 10.0 s at line 4: ``GET https://api.example.com/a|b`c`` takes 1.0 s instead of 10.0 s.",
    "",
    "- broken: timed out at 10.0 s at line 4 on AWS Lambda, 10.0 s limit (init not counted)",
    "- fixed: finished in 1.0 s on AWS Lambda, 10.0 s limit (init not counted)",
    "",
    "| span | broken | fixed |",
    "|---|---|---|",
    "| `handler` | 10.0 s, handler, cut off | 1.0 s, handler |",
    "| ``GET https://api.example.com/a\\|b`c`` | 10.0 s, handler, cut off | 1.0 s, handler |",
    "",
    "[Open this comparison in Deadline](https://deadline.example/errors/x#run=abc)",
  ]);
});
