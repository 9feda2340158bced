import { createElement, type CSSProperties, type ReactNode } from "react";
import type { NoteTree, NoteTreeNode } from "@/lib/notes/tree";

// Renders the tree lib/notes/render.server.ts produced (sanitised, then highlighted) into React
// elements: no innerHTML anywhere. It is also the second wall: it knows the handful of tags and
// properties that pipeline can emit and drops anything else, so a tree that arrived over the
// network (the preview) cannot carry more than the pipeline allows.

const TAGS = new Set(["p", "br", "strong", "em", "del", "code", "pre", "ul", "ol", "li", "blockquote", "a", "hr", "table", "thead", "tbody", "tr", "th", "td", "span"]);

function styleOf(value: unknown): CSSProperties | undefined {
  if (typeof value !== "string") return undefined;
  const style: Record<string, string> = {};
  for (const part of value.split(";")) {
    const [name, ...rest] = part.split(":");
    const key = name?.trim() ?? "";
    const val = rest.join(":").trim();
    // shiki's colours only: a custom property holding a hex colour.
    if (/^--shiki-[a-z-]+$/.test(key) && /^#[0-9a-fA-F]{3,8}$/.test(val)) style[key] = val;
  }
  return Object.keys(style).length ? (style as CSSProperties) : undefined;
}

function classOf(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(/\s+/) : [];
  const kept = list.filter((c): c is string => typeof c === "string" && /^(?:shiki|shiki-themes|line|language-[\w+#.-]+|github-[a-z-]+)$/.test(c));
  return kept.length ? kept.join(" ") : undefined;
}

function renderNode(node: NoteTreeNode, key: number): ReactNode {
  if (node.type === "text") return node.value;
  if (node.type !== "element" || !TAGS.has(node.tagName)) return null;
  const p = node.properties ?? {};
  const props: Record<string, unknown> = { key };
  if (node.tagName === "a") {
    if (typeof p.href !== "string" || !/^https?:\/\//i.test(p.href)) return <span key={key}>{node.children.map(renderNode)}</span>;
    props.href = p.href;
    props.rel = "nofollow ugc noopener";
  }
  if (node.tagName === "ol" && typeof p.start === "number") props.start = p.start;
  if (node.tagName === "pre" || node.tagName === "code" || node.tagName === "span") {
    const className = classOf(p.className);
    if (className) props.className = className;
    const style = styleOf(p.style);
    if (style) props.style = style;
  }
  // A scrollable code block must be reachable from the keyboard (axe: scrollable-region-focusable).
  if (node.tagName === "pre") props.tabIndex = 0;
  if (node.tagName === "br" || node.tagName === "hr") return createElement(node.tagName, props);
  return createElement(node.tagName, props, ...node.children.map(renderNode));
}

/** A note's body, from its rendered tree. */
export function NoteBody({ tree, className = "note-body" }: { tree: NoteTree; className?: string }) {
  return <div className={className}>{tree.children.map(renderNode)}</div>;
}
