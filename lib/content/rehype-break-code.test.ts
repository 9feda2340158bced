import type { Root } from "hast";
import { describe, expect, it } from "vitest";
import { rehypeBreakInlineCode } from "./rehype-break-code";

const code = (value: string, inPre = false): Root => {
  const inner = { type: "element" as const, tagName: "code", properties: {}, children: [{ type: "text" as const, value }] };
  const p = { type: "element" as const, tagName: inPre ? "pre" : "p", properties: {}, children: [inner] };
  return { type: "root", children: [p] };
};

function html(tree: Root): string {
  const walk = (node: Root | Root["children"][number]): string => {
    if (node.type === "text") return node.value;
    if (node.type === "element") return node.tagName === "wbr" ? "<wbr>" : `<${node.tagName}>${node.children.map(walk).join("")}</${node.tagName}>`;
    if (node.type === "root") return node.children.map(walk).join("");
    return "";
  };
  return walk(tree);
}

describe("rehypeBreakInlineCode", () => {
  it("puts <wbr> at the break points of inline code", () => {
    const tree = code("runpod.serverless.start");
    rehypeBreakInlineCode()(tree);
    expect(html(tree)).toBe("<p><code>runpod.<wbr>serverless.<wbr>start</code></p>");
  });

  it("breaks a URL or identifier shown as link text", () => {
    const tree: Root = { type: "root", children: [{ type: "element", tagName: "a", properties: { href: "https://x.test" }, children: [{ type: "text", value: "MIDDLEWARE_INVOCATION_TIMEOUT docs" }] }] };
    rehypeBreakInlineCode()(tree);
    expect(html(tree)).toBe("<a>MIDDLEWARE_<wbr>INVOCATION_<wbr>TIMEOUT docs</a>");
  });

  it("lets a slash between two code spans break", () => {
    const c = (value: string) => ({ type: "element" as const, tagName: "code", properties: {}, children: [{ type: "text" as const, value }] });
    const tree: Root = { type: "root", children: [{ type: "element", tagName: "p", properties: {}, children: [c("beforeAll"), { type: "text", value: "/" }, c("afterAll"), { type: "text", value: " hook" }] }] };
    rehypeBreakInlineCode()(tree);
    expect(html(tree)).toBe("<p><code>beforeAll</code>/<wbr><code>afterAll</code> hook</p>");
  });

  it("leaves code blocks as written", () => {
    const tree = code("runpod.serverless.start", true);
    rehypeBreakInlineCode()(tree);
    expect(html(tree)).toBe("<pre><code>runpod.serverless.start</code></pre>");
  });
});
