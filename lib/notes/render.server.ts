import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import type { Element as HastElement, Root as HastRoot } from "hast";

type HastParent = HastRoot | HastElement;
import type { Nodes as MdastNodes, Parent as MdastParent, PhrasingContent, Root as MdastRoot, RootContent } from "mdast";
import rehypeSanitize, { type Options as SanitizeSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { compactTree, type NoteTree } from "./tree";
import { COLOR_REPLACEMENTS, getHighlighter, THEMES } from "@/lib/content/highlight.server";

// ============================================================================================
// UNTRUSTED INPUT. Every note body is written by a stranger. This pipeline is the only way a
// body reaches a page, and it guarantees:
//   - raw HTML in the Markdown is never parsed as HTML: it is shown as the text it is;
//   - the tree is cut down to an allow-list (rehype-sanitize) of paragraphs, emphasis, lists,
//     quotes, tables, inline and block code and links; no element carries an id, a name, a
//     style, an event handler or a class other than `language-*` on code;
//   - links keep only http(s) targets and get rel="nofollow ugc noopener"; images become
//     links (no third-party request ever leaves a reader's browser);
//   - shiki highlights code AFTER sanitising, so its inline colour styles are ours, not the
//     poster's.
// What it does not do: judge whether advice is good. That is moderation's job.
// The output is a hast tree rendered by components/notes/note-body.tsx into React elements,
// never through innerHTML.
// ============================================================================================

/** What the sanitiser lets through (before shiki adds its own markup). */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  tagNames: ["p", "br", "strong", "em", "del", "code", "pre", "ul", "ol", "li", "blockquote", "a", "hr", "table", "thead", "tbody", "tr", "th", "td"],
  attributes: {
    a: ["href"],
    code: [["className", /^language-[\w+#.-]+$/]],
    ol: ["start"],
  },
  protocols: { href: ["http", "https"] },
  // No attribute that could name an element survives, so nothing needs a clobber prefix.
  clobber: [],
  clobberPrefix: "",
  strip: ["script", "style"],
  required: {},
  ancestors: { li: ["ol", "ul"], tbody: ["table"], thead: ["table"], tr: ["table"], th: ["table"], td: ["table"] },
  allowComments: false,
  allowDoctypes: false,
};

const LINK_REL = ["nofollow", "ugc", "noopener"];

function textOf(node: MdastNodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as MdastNodes[]).map(textOf).join("");
  return "";
}

/**
 * Turns what a note may not contain into what it may: raw HTML into text, images into links,
 * headings into bold paragraphs (a note sits inside the article's outline), footnotes into text
 * (their ids would collide between notes on one page).
 */
function remarkNoteShape() {
  return (tree: MdastRoot) => {
    const visit = (parent: MdastParent) => {
      const flow = parent.type === "root" || parent.type === "blockquote" || parent.type === "listItem" || parent.type === "footnoteDefinition";
      parent.children = parent.children.flatMap((child): RootContent[] => {
        const node = child as RootContent;
        switch (node.type) {
          case "html":
            return [flow ? { type: "paragraph", children: [{ type: "text", value: node.value }] } : { type: "text", value: node.value }];
          case "image":
            return [{ type: "link", url: node.url, title: null, children: [{ type: "text", value: node.alt || node.url }] }];
          case "imageReference":
            return [{ type: "linkReference", identifier: node.identifier, label: node.label ?? null, referenceType: "full", children: [{ type: "text", value: node.alt || node.identifier }] }];
          case "heading": {
            visit(node);
            return [{ type: "paragraph", children: [{ type: "strong", children: node.children }] }];
          }
          case "footnoteReference":
            return [{ type: "text", value: `[^${node.label ?? node.identifier}]` }];
          case "footnoteDefinition": {
            visit(node);
            const [first, ...rest] = node.children;
            const prefix: PhrasingContent = { type: "text", value: `[^${node.label ?? node.identifier}]: ` };
            if (first?.type === "paragraph") return [{ ...first, children: [prefix, ...first.children] }, ...(rest as RootContent[])];
            return [{ type: "paragraph", children: [prefix] }, ...(node.children as RootContent[])];
          }
          case "listItem": {
            // Task-list checkboxes would be form inputs; the sanitiser drops them, so say it in text.
            visit(node);
            if (typeof node.checked !== "boolean") return [node];
            const mark: PhrasingContent = { type: "text", value: node.checked ? "[x] " : "[ ] " };
            const [first, ...rest] = node.children;
            const children = first?.type === "paragraph" ? [{ ...first, children: [mark, ...first.children] }, ...rest] : [{ type: "paragraph" as const, children: [mark] }, ...node.children];
            return [{ ...node, checked: null, children }];
          }
          default:
            if ("children" in node) visit(node as MdastParent);
            return [node];
        }
      });
    };
    visit(tree);
  };
}

/** Every link gets rel="nofollow ugc noopener"; one whose target the sanitiser removed becomes its text. */
function rehypeLinkRel() {
  return (tree: HastRoot) => {
    const visit = (node: HastParent) => {
      const children: HastRoot["children"] = [];
      for (const child of node.children) {
        if (child.type === "element") {
          visit(child);
          if (child.tagName === "a" && typeof child.properties.href !== "string") {
            children.push(...child.children);
            continue;
          }
          if (child.tagName === "a") child.properties.rel = [...LINK_REL];
        }
        children.push(child);
      }
      node.children = children as typeof node.children;
    };
    visit(tree);
  };
}

export type Analysis = { links: number; text: string };

/**
 * One parse of a body for the checks: the links a reader would count (inline, autolinked, by
 * reference, images) and the visible text without markup.
 */
export function analyse(markdown: string): Analysis {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const definitions = new Set<string>();
  const references: string[] = [];
  let links = 0;
  const walk = (node: MdastNodes) => {
    if (node.type === "definition") definitions.add(node.identifier);
    if (node.type === "link" || node.type === "image") links++;
    if (node.type === "linkReference" || node.type === "imageReference") references.push(node.identifier);
    if ("children" in node) for (const child of node.children as MdastNodes[]) walk(child);
  };
  walk(tree);
  links += references.filter((id) => definitions.has(id)).length;
  return { links, text: textOf(tree) };
}

export function countLinks(markdown: string): number {
  return analyse(markdown).links;
}

let processor: Promise<(markdown: string) => Promise<HastRoot>> | undefined;

function getProcessor() {
  processor ??= getHighlighter().then((highlighter) => {
    const pipeline = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkNoteShape)
      .use(remarkRehype, { allowDangerousHtml: false })
      .use(rehypeSanitize, SANITIZE_SCHEMA)
      .use(rehypeLinkRel)
      .use(rehypeShikiFromHighlighter, highlighter, { themes: THEMES, defaultColor: false, fallbackLanguage: "text", defaultLanguage: "text", colorReplacements: COLOR_REPLACEMENTS });
    return async (markdown: string) => (await pipeline.run(pipeline.parse(markdown))) as HastRoot;
  });
  return processor;
}

// A page regenerates every note on it; most bodies have not changed since the last time.
const cache = new Map<string, NoteTree>();
const CACHE_MAX = 2000;

/** Renders a note body to a sanitised, highlighted tree (components/notes/note-body.tsx shows it). */
export async function renderNote(markdown: string): Promise<NoteTree> {
  const hit = cache.get(markdown);
  if (hit) return hit;
  const tree = compactTree(await (await getProcessor())(markdown));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(markdown, tree);
  return tree;
}
