import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";
import { breakPieces } from "./break-points";

/**
 * Gives inline code (`code` outside `pre`) and link text <wbr> break points after dots,
 * underscores, slashes and between camelCase words, so a long identifier or a URL shown as a link
 * wraps where a person would break it on a phone instead of at whichever letter meets the edge.
 * Only runs of 12 or more non-space characters are touched; code blocks keep their lines.
 */
export function rehypeBreakInlineCode() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, _index, parent) => {
      // `beforeAll`/`afterAll`: a slash or comma glued between two code spans is a break point too.
      if (node.tagName !== "code" && node.tagName !== "a") {
        node.children = node.children.flatMap((child, i, all): ElementContent[] => {
          const before = all[i - 1];
          const glued = child.type === "text" && /^[/,](?!\s)/.test(child.value) && before?.type === "element" && before.tagName === "code";
          if (!glued) return [child];
          const rest = child.value.slice(1);
          return [{ type: "text", value: child.value[0]! }, { type: "element", tagName: "wbr", properties: {}, children: [] }, ...(rest ? [{ type: "text" as const, value: rest }] : [])];
        });
        return;
      }
      if (node.tagName === "code" && parent?.type === "element" && parent.tagName === "pre") return;
      node.children = node.children.flatMap((child): ElementContent[] => {
        if (child.type !== "text") return [child];
        const pieces = breakPieces(child.value);
        return pieces.flatMap((value, i): ElementContent[] => (i === 0 ? [{ type: "text", value }] : [{ type: "element", tagName: "wbr", properties: {}, children: [] }, { type: "text", value }]));
      });
    });
  };
}
