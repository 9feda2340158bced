import type { Root, RootContent } from "mdast";
import type {} from "mdast-util-mdx";
import type { MdxJsxAttribute, MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import { ContentError } from "./content-error";

// The sections every article has, in the order the page shows them. Each is an MDX element the
// author writes once (see components/mdx); the page renders its heading and anchor.
export const SECTIONS = [
  { component: "Meaning", id: "what-it-means", title: "What this error means" },
  { component: "ErrorLog", id: "in-your-logs", title: "What you see in the logs" },
  { component: "QuickFix", id: "quick-fix", title: "Quick fix" },
  { component: "Why", id: "why-it-happens", title: "Why it happens" },
  { component: "Detection", id: "detection", title: "How to detect it" },
  { component: "Causes", id: "causes", title: "Causes and fixes" },
  { component: "CodeComparison", id: "code", title: "Broken vs fixed code" },
  { component: "Workaround", id: "workaround", title: "Workaround" },
  { component: "Prevention", id: "prevention", title: "Prevention" },
] as const;

export type SectionComponent = (typeof SECTIONS)[number]["component"];

const SECTION_NAMES = new Set<string>(SECTIONS.map((s) => s.component));
/** Elements allowed only inside a section, with the element they must sit in. */
const NESTED: Record<string, string> = { Cause: "Causes", Fix: "Cause" };

/**
 * A cause as the page anchors it. `id` is the author's (`<Cause id="model-loaded-per-job">`), so
 * links survive re-ordering and re-titling; `alias` is always `cause-N`, the anchor every article
 * had before authored ids, and keeps working. Without an authored id both are `cause-N`.
 */
export type CauseOutline = { n: number; id: string; alias: string; title: string };

/** What an authored cause id looks like: lower-case words joined by hyphens. */
export const CAUSE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const ALIAS = /^cause-\d+$/;
/** Fragments the page itself uses besides the sections': a cause id must not take one of them. */
const PAGE_IDS = ["verification", "versions", "references", "try-it", "main"];

/** A link in the body that stays on this site: checked by scripts/verify-content.ts. */
export type InternalLink = { url: string; line: number | undefined };

export type ArticleOutline = { causes: CauseOutline[]; sections: SectionComponent[]; links: InternalLink[] };

/** Every fragment an article page answers to: its sections, causes and the sources block. */
export function articleAnchors(outline: ArticleOutline): Set<string> {
  const ids = ["verification", "verification-title", "versions", "references", "community-notes", "community-notes-title", "note-form"];
  for (const s of SECTIONS) if (outline.sections.includes(s.component)) ids.push(s.id, `${s.id}-title`);
  for (const c of outline.causes) ids.push(c.id, `${c.id}-title`, c.alias);
  return new Set(ids);
}

type Options = {
  file: string;
  lineOffset: number;
  hasPair: boolean;
  outline: ArticleOutline;
  /** receives the error before it is thrown: esbuild flattens errors thrown inside its plugins to text */
  report: (error: ContentError) => void;
};

type Node = RootContent | Root;

function isJsx(node: Node): node is MdxJsxFlowElement {
  return node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement";
}

function stringAttribute(node: MdxJsxFlowElement, name: string): string | undefined {
  const attr = node.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === name);
  return typeof attr?.value === "string" ? attr.value : undefined;
}

/**
 * Checks an article's body against the house structure and numbers its causes, so a typo in a
 * component name or a missing section fails the build at the line where it happens, not at render
 * time with "Expected component ... to be defined".
 */
export function remarkArticleStructure(options: Options) {
  const { report } = options;
  return () => (tree: Root) => {
    try {
      checkArticleStructure(tree, options);
    } catch (error) {
      if (error instanceof ContentError) report(error);
      throw error;
    }
  };
}

/**
 * The same check on a tree parsed outside the MDX compile (the Markdown and JSON twins): fills
 * `outline`, adds each cause's number as its `n` attribute, throws a ContentError on the first
 * problem.
 */
export function checkArticleStructure(tree: Root, { file, lineOffset, hasPair, outline }: Omit<Options, "report">) {
  {
    const fail = (node: Node, field: string, reason: string): never => {
      const line = node.position ? node.position.start.line + lineOffset : undefined;
      throw new ContentError(file, field, reason, line);
    };

    let causeNumber = 0;
    const walk = (node: Node, parents: string[]) => {
      // mdx-bundler adds its own frontmatter export, without a position; authors' imports have one.
      if (node.type === "mdxjsEsm" && node.position) fail(node, "import/export", "articles cannot import or export code; use the components the site provides");
      if (node.type === "heading" && node.depth <= 2) {
        fail(node, "heading", `level-${node.depth} headings are rendered by the page; inside a section start at ###`);
      }
      if (node.type === "link" && /^[/#]/.test(node.url) && !node.url.startsWith("//")) {
        outline.links.push({ url: node.url, line: node.position ? node.position.start.line + lineOffset : undefined });
      }
      let inside = parents;
      if (isJsx(node)) {
        const name = node.name ?? "<>";
        const parent = parents[parents.length - 1];
        if (SECTION_NAMES.has(name)) {
          if (parents.length > 0) fail(node, `<${name}>`, `is a section and must sit at the top level, not inside <${parent}>`);
          if (outline.sections.includes(name as SectionComponent)) fail(node, `<${name}>`, "appears twice; each section appears once");
          outline.sections.push(name as SectionComponent);
        } else if (name in NESTED) {
          if (parent !== NESTED[name]) fail(node, `<${name}>`, `must sit inside <${NESTED[name]}>`);
        } else {
          fail(node, `<${name}>`, `is not an article component (known: ${[...SECTION_NAMES, ...Object.keys(NESTED)].join(", ")})`);
        }
        if (name === "Cause") {
          const title = stringAttribute(node, "title");
          if (!title?.trim()) fail(node, "<Cause>", 'needs a title, e.g. <Cause title="The handler blocks the event loop">');
          causeNumber += 1;
          const alias = `cause-${causeNumber}`;
          const authored = node.attributes.find((a): a is MdxJsxAttribute => a.type === "mdxJsxAttribute" && a.name === "id");
          let id = alias;
          if (authored) {
            const value = authored.value;
            const where = `<Cause title="${title}"> id`;
            if (typeof value !== "string") fail(node, where, 'must be a plain string, e.g. id="model-loaded-per-job"');
            if (!CAUSE_ID.test(value as string)) fail(node, where, `"${String(value)}" must be lower-case words joined by hyphens, e.g. model-loaded-per-job`);
            if (ALIAS.test(value as string)) fail(node, where, `"${value}" is reserved: cause-N is every cause's numbered alias; name what the cause is instead`);
            const taken = [...SECTIONS.map((s) => s.id), ...PAGE_IDS];
            if (taken.includes(value as string) || (value as string).endsWith("-title")) fail(node, where, `"${value}" is an anchor the page already uses; pick another`);
            const twin = outline.causes.find((c) => c.id === value);
            if (twin) fail(node, where, `"${value}" is already the id of cause ${twin.n}; each cause needs its own`);
            id = value as string;
          }
          outline.causes.push({ n: causeNumber, id, alias, title: title!.trim() });
          node.attributes.push({ type: "mdxJsxAttribute", name: "n", value: String(causeNumber) });
          const fixes = node.children.filter((c) => isJsx(c) && c.name === "Fix").length;
          if (fixes !== 1) fail(node, `<Cause title="${title}">`, `needs exactly one <Fix> (found ${fixes})`);
        }
        inside = [...parents, name];
      }
      if ("children" in node) for (const child of node.children) walk(child as Node, inside);
    };
    walk(tree, []);

    const required = SECTIONS.filter((s) => s.component !== "CodeComparison" || hasPair).map((s) => s.component);
    const missing = required.filter((name) => !outline.sections.includes(name));
    if (missing.length > 0) {
      throw new ContentError(file, "sections", `missing ${missing.map((m) => `<${m}>`).join(", ")}; every article has ${required.map((m) => `<${m}>`).join(", ")}`);
    }
    if (!hasPair && outline.sections.includes("CodeComparison")) {
      throw new ContentError(file, "<CodeComparison>", "needs a runnable pair: set simulate with broken and fixed files");
    }
    const order = SECTIONS.map((s) => s.component).filter((name) => outline.sections.includes(name));
    if (order.some((name, i) => outline.sections[i] !== name)) {
      throw new ContentError(file, "sections", `must come in this order: ${order.join(", ")} (found ${outline.sections.join(", ")})`);
    }
    if (outline.causes.length === 0) throw new ContentError(file, "<Causes>", "needs at least one <Cause>");
  };
}
