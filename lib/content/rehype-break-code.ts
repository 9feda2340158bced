import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";
import { breakPieces } from "./break-points";

/**
 * Gives inline code (`code` outside `pre`) <wbr> break points after dots, underscores, slashes and
 * between camelCase words, so a long identifier wraps where a person would break it on a phone
 * instead of at whichever letter meets the edge. Code blocks keep their lines as written.
 */
export function rehypeBreakInlineCode() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, _index, parent) => {
      if (node.tagName !== "code" || (parent?.type === "element" && parent.tagName === "pre")) return;
      node.children = node.children.flatMap((child): ElementContent[] => {
        if (child.type !== "text") return [child];
        const pieces = breakPieces(child.value);
        return pieces.flatMap((value, i): ElementContent[] => (i === 0 ? [{ type: "text", value }] : [{ type: "element", tagName: "wbr", properties: {}, children: [] }, { type: "text", value }]));
      });
    });
  };
}
