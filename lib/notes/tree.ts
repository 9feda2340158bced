import type { Root as HastRoot, RootContent } from "hast";

// The rendered body as plain JSON: what the page renders and what the preview API sends. Only
// elements and text survive; positions and data are dropped.

export type NoteTreeNode =
  | { type: "text"; value: string }
  | { type: "element"; tagName: string; properties?: Record<string, string | number | boolean | Array<string | number>>; children: NoteTreeNode[] };

export type NoteTree = { type: "root"; children: NoteTreeNode[] };

function compactNode(node: RootContent): NoteTreeNode | null {
  if (node.type === "text") return { type: "text", value: node.value };
  if (node.type !== "element") return null;
  const properties: NonNullable<Extract<NoteTreeNode, { type: "element" }>["properties"]> = {};
  for (const [key, value] of Object.entries(node.properties)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") properties[key] = value;
    else if (Array.isArray(value)) properties[key] = value;
  }
  const children = node.children.map(compactNode).filter((c): c is NoteTreeNode => c !== null);
  return { type: "element", tagName: node.tagName, ...(Object.keys(properties).length ? { properties } : {}), children };
}

export function compactTree(root: HastRoot): NoteTree {
  return { type: "root", children: root.children.map(compactNode).filter((c): c is NoteTreeNode => c !== null) };
}
