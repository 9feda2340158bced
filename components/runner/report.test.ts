import type { Code, InlineCode, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { describe, expect, test } from "vitest";
import type { RunOutcome } from "@/lib/runner/browser/client";
import type { SimulationRequest } from "@/lib/runner/types";
import { markdownReport, outcomeMeta, verdictSentence } from "./report";

function all(tree: Root | RootContent, type: string): RootContent[] {
  const out: RootContent[] = [];
  const walk = (n: Root | RootContent) => {
    if (n.type === type) out.push(n as RootContent);
    if ("children" in n) n.children.forEach((c) => walk(c as RootContent));
  };
  walk(tree);
  return out;
}

const outcome = (platformMessage: string | null): RunOutcome => ({
  kind: "result",
  realMs: 5,
  ignored: 0,
  result: { verdict: "timeout", platform: "aws-lambda", deadlineSeconds: 3, elapsedSeconds: 3, line: 4, error: null, platformMessage, stdout: "", timeline: [] },
});

describe("the run report's Markdown", () => {
  test("code holding four backticks stays one code block with the exact code", () => {
    const code = 'HELP = """\n````python\nprint(1)\n````\n"""\n\ndef handler(event, context):\n    return HELP\n';
    const request: SimulationRequest = { language: "python", code, platform: "aws-lambda", timeout: 3 };
    const tree = fromMarkdown(markdownReport(request, outcome("Task timed out after 3.00 seconds"), undefined, "https://example.test/#run=x"));
    const blocks = all(tree, "code") as Code[];
    expect(blocks.map((b) => [b.lang, b.value])).toEqual([
      ["python", code.replace(/\n$/, "")],
      ["text", "Task timed out after 3.00 seconds"],
    ]);
    expect(all(tree, "link").length).toBe(1);
  });

  test("a handler or event holding a lone backtick stays inside its code span", () => {
    const request: SimulationRequest = { language: "javascript", code: "export const handler = async () => {};", platform: "aws-lambda", handler: "a`b", event: { q: "`" } };
    const spans = all(fromMarkdown(markdownReport(request, outcome(null), undefined, "https://example.test/")), "inlineCode") as InlineCode[];
    expect(spans.map((s) => s.value)).toEqual(["a`b", '{"q":"`"}']);
  });
});

describe("after Stop nothing claims a judgement", () => {
  test("a result was judged; a stopped, killed or lost run only says how long it went", () => {
    expect(outcomeMeta({ ...outcome(null), realMs: 12.4 })).toMatch(/^Judged in 12 ms of real time/);
    const stopped: RunOutcome = { kind: "stopped", realMs: 1160.2, ignored: 0 };
    expect(outcomeMeta(stopped)).toBe("You stopped it after 1160 ms of real time.");
    expect(verdictSentence(stopped, undefined).text).toBe("Stopped. Nothing was judged.");
    for (const other of [{ kind: "killed", realMs: 4300, ignored: 2, reason: "x" }, { kind: "lost", realMs: 9, ignored: 0 }, { kind: "failure", realMs: 9, ignored: 0, message: "m" }] as RunOutcome[]) {
      expect(outcomeMeta(other)).not.toMatch(/judged/i);
    }
    expect(outcomeMeta({ kind: "killed", realMs: 4300, ignored: 2, reason: "x" })).toBe("It ended after 4300 ms of real time. Ignored 2 messages that did not come from the simulator.");
  });

  test("the Markdown of a stopped run says it was stopped, and nothing about a verdict on the code", () => {
    const request: SimulationRequest = { language: "javascript", code: "export const handler = async () => { for (;;) {} };\n", platform: "aws-lambda", timeout: 30 };
    const text = markdownReport(request, { kind: "stopped", realMs: 800, ignored: 0 }, undefined, "https://deadline.example/errors/x#run=abc");
    expect(text).toContain("**Verdict:** Stopped. Nothing was judged.");
    expect(text).not.toMatch(/Judged in|Timed out|Finished/);
  });
});
