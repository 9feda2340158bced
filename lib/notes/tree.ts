import type { Root as HastRoot, RootContent } from "hast";

// The rendered body as plain JSON: what the page renders and what the preview API sends. Only
// elements and text survive; positions and data are dropped.

export type NoteTreeNode =
  | { type: "text"; value: string }
  | { type: "element"; tagName: string; properties?: Record<string, string | number | boolean | Array<string | number>>; children: NoteTreeNode[] };

export type NoteTree = { type: "root"; children: NoteTreeNode[] };

function compactNode(node: RootContent | HastRoot): NoteTreeNode[] {
  if (node.type === "text") return [{ type: "text", value: node.value }];
  // shiki puts its highlighted block in as a root of its own
  if (node.type === "root") return node.children.flatMap(compactNode);
  if (node.type !== "element") return [];
  const properties: NonNullable<Extract<NoteTreeNode, { type: "element" }>["properties"]> = {};
  for (const [raw, value] of Object.entries(node.properties)) {
    // shiki writes HTML attribute names (class, tabindex); hast's own nodes use property names.
    const key = raw === "class" ? "className" : raw === "tabindex" ? "tabIndex" : raw;
    if (key === "className" && typeof value === "string") properties[key] = value.split(/\s+/).filter(Boolean);
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") properties[key] = value;
    else if (Array.isArray(value)) properties[key] = value;
  }
  const children = node.children.flatMap(compactNode);
  return [{ type: "element", tagName: node.tagName, ...(Object.keys(properties).length ? { properties } : {}), children }];
}

export function compactTree(root: HastRoot): NoteTree {
  return { type: "root", children: root.children.flatMap(compactNode) };
}
