import type { Code, InlineCode, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { micromark } from "micromark";
import { describe, expect, test } from "vitest";
import { fenceFor, fencedBlock, inlineCode } from "./fence";

function nodes<T extends RootContent["type"]>(tree: Root | RootContent, type: T): Extract<RootContent, { type: T }>[] {
  const out: RootContent[] = [];
  const walk = (n: Root | RootContent) => {
    if (n.type === type) out.push(n as RootContent);
    if ("children" in n) n.children.forEach((c) => walk(c as RootContent));
  };
  walk(tree);
  return out as Extract<RootContent, { type: T }>[];
}

const TRICKY = [
  "plain code",
  "````\nfour backticks on a line of their own\n````",
  "```python\nprint('a fence inside')\n```",
  "`````",
  "const s = `template ${literal}`;",
  "x = '`'",
  "line\n```\nnot the end",
  "  ````  indented fence-alike",
  "ends with a backtick`",
  "\ttabs\tand trailing spaces   ",
];

// A deterministic mix of backtick runs, text, spaces and newlines.
function* generated(count: number) {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const parts = ["`", "``", "```", "````", "a", " ", "\n", "x y", "~~~", "\\"];
  for (let i = 0; i < count; i++) {
    let s = "";
    const length = 1 + (next() % 12);
    for (let j = 0; j < length; j++) s += parts[next() % parts.length];
    yield s;
  }
}

describe("fencedBlock", () => {
  test.each(TRICKY)("holds %j exactly, in one code block", (code) => {
    const tree = fromMarkdown(fencedBlock(code, "python"));
    const blocks = nodes(tree, "code") as Code[];
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.value).toBe(code);
    expect(blocks[0]!.lang).toBe("python");
    expect(tree.children).toHaveLength(1);
  });

  test("generated text with backtick runs never escapes the fence", () => {
    for (const code of generated(300)) {
      const tree = fromMarkdown(`Before\n\n${fencedBlock(code)}\n\nAfter`);
      const blocks = nodes(tree, "code") as Code[];
      expect(blocks.map((b) => b.value), JSON.stringify(code)).toEqual([code.replace(/\n$/, "")]);
      expect(tree.children.map((c) => c.type)).toEqual(["paragraph", "code", "paragraph"]);
    }
  });

  test("a renderer shows one <pre> for code that holds four backticks", () => {
    const html = micromark(fencedBlock("a\n````\nb", "md"));
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(html).toContain("a\n````\nb");
  });

  test("the fence is longer than the longest run inside", () => {
    expect(fenceFor("no ticks")).toBe("```");
    expect(fenceFor("````")).toBe("`````");
  });
});

describe("inlineCode", () => {
  test.each(["plain", "`", "``", "a ` b", "`starts", "ends`", " both ", "a ``` b", "|"])("holds %j exactly", (text) => {
    const spans = nodes(fromMarkdown(`See ${inlineCode(text)} here.`), "inlineCode") as InlineCode[];
    expect(spans.map((s) => s.value)).toEqual([text]);
  });

  test("generated text survives as one code span (newlines read as spaces)", () => {
    for (const raw of generated(300)) {
      const text = raw.replace(/\n/g, " ");
      if (!text.trim()) continue;
      const spans = nodes(fromMarkdown(`x ${inlineCode(text)} y`), "inlineCode") as InlineCode[];
      expect(spans.map((s) => s.value), JSON.stringify(text)).toEqual([text]);
    }
  });
});
