// Articles as Markdown: the `/errors/<slug>.md` twin, llms-full.txt, and the "Copy fix" text a
// maintainer pastes into an issue. Made from the parsed MDX tree (parse-body.ts): each section
// element becomes its heading, each cause a numbered heading linked to its permalink, links
// become absolute, and every code block keeps its exact text inside a fence it cannot close.
import type { Code, Heading, InlineCode, Link, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown, type Handlers } from "mdast-util-to-markdown";
import { fencedBlock, inlineCode } from "../../markdown/fence";
import { SECTIONS, type CauseOutline, type SectionComponent } from "../article-structure";
import { expectationText } from "../expectation";
import { platformName } from "../platforms";
import { formatMonth, SITE_URL } from "../../site";
import type { TwinArticle } from "./model";

type Ctx = { article: TwinArticle; origin: string };

export const articleUrl = (origin: string, slug: string) => `${origin}/errors/${slug}`;

const text = (value: string): PhrasingContent => ({ type: "text", value });
const code = (value: string): InlineCode => ({ type: "inlineCode", value });
const strong = (...children: PhrasingContent[]): PhrasingContent => ({ type: "strong", children });
const link = (url: string, ...children: PhrasingContent[]): Link => ({ type: "link", url, children });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: "paragraph", children });
const heading = (depth: 1 | 2 | 3 | 4, ...children: PhrasingContent[]): Heading => ({ type: "heading", depth, children });

export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

function isElement(node: RootContent, name?: string): node is MdxJsxFlowElement {
  return (node.type === "mdxJsxFlowElement" || (node.type as string) === "mdxJsxTextElement") && (name === undefined || (node as MdxJsxFlowElement).name === name);
}

/** A link in an article, made absolute; `#cause-N` inside the article resolves to the cause's own id. */
function absolute(url: string, { article, origin }: Ctx): string {
  if (url.startsWith("#")) {
    const hash = url.slice(1);
    const cause = article.outline.causes.find((c) => c.alias === hash);
    return `${articleUrl(origin, article.slug)}#${cause ? cause.id : hash}`;
  }
  if (url.startsWith("/") && !url.startsWith("//")) return `${origin}${url}`;
  return url;
}

/** The tree without MDX: the elements the structure check allows, turned into plain Markdown. */
function convert(node: RootContent, ctx: Ctx): RootContent[] {
  switch (node.type) {
    case "mdxjsEsm":
    case "mdxFlowExpression":
    case "mdxTextExpression":
      return [];
    case "link":
      return [{ ...node, url: absolute(node.url, ctx), children: node.children.flatMap((c) => convert(c, ctx)) as PhrasingContent[] }];
    case "definition":
      return [{ ...node, url: absolute(node.url, ctx) }];
  }
  if (isElement(node)) {
    const section = SECTIONS.find((s) => s.component === node.name);
    if (section) return [heading(2, text(section.title)), ...sectionBody(node, ctx)];
    if (node.name === "Cause") return causeBlock(node, ctx);
    if (node.name === "Fix") return [heading(4, text("Fix")), ...convertAll(node.children as RootContent[], ctx)];
    return convertAll(node.children as RootContent[], ctx);
  }
  if ("children" in node) return [{ ...node, children: convertAll(node.children as RootContent[], ctx) } as RootContent];
  return [node];
}

function convertAll(nodes: readonly RootContent[], ctx: Ctx): RootContent[] {
  return nodes.flatMap((n) => convert(n, ctx));
}

function causeOf(node: MdxJsxFlowElement, ctx: Ctx): CauseOutline {
  const n = node.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === "n")?.value;
  const cause = ctx.article.outline.causes.find((c) => String(c.n) === n);
  if (!cause) throw new Error(`${ctx.article.file}: a <Cause> was not numbered by the structure check`);
  return cause;
}

function causeBlock(node: MdxJsxFlowElement, ctx: Ctx): RootContent[] {
  const cause = causeOf(node, ctx);
  const url = `${articleUrl(ctx.origin, ctx.article.slug)}#${cause.id}`;
  return [heading(3, text(`Cause ${cause.n}: `), link(url, text(cause.title))), ...convertAll(node.children as RootContent[], ctx)];
}

function pairBlocks({ article }: Ctx): RootContent[] {
  const { pair, frontmatter } = article;
  const simulate = frontmatter.simulate;
  if (!pair || !simulate) return [];
  const name = platformName(frontmatter.platform);
  const file = (label: string, f: typeof pair.broken, expect: "timeout" | "error" | "ok"): RootContent[] => [
    paragraph(strong(text(label)), text(" "), code(f.name), text(`: ${expectationText(expect, name, simulate.timeout)}`)),
    { type: "code", lang: f.lang, value: f.source.replace(/\r\n?/g, "\n").replace(/\n$/, "") } satisfies Code,
  ];
  return [...file("Broken", pair.broken, simulate.expect.broken), ...file("Fixed", pair.fixed, simulate.expect.fixed)];
}

/** A section's content without its heading; the code comparison gets the pair's two files. */
function sectionBody(node: MdxJsxFlowElement, ctx: Ctx): RootContent[] {
  const body = convertAll(node.children as RootContent[], ctx);
  return node.name === "CodeComparison" ? [...body, ...pairBlocks(ctx)] : body;
}

const handlers: Partial<Handlers> = {
  code: (node: Code) => fencedBlock(node.value, node.lang ?? ""),
  // GFM tables end a cell at `|`, even inside a code span, unless it is escaped.
  inlineCode: (node: InlineCode, _parent, state) => {
    const span = inlineCode(node.value);
    return state.stack.includes("tableCell") ? span.replace(/\|/g, "\\|") : span;
  },
};

export function stringify(nodes: RootContent[]): string {
  const root: Root = { type: "root", children: nodes };
  return toMarkdown(root, { extensions: [gfmToMarkdown()], handlers, bullet: "-", emphasis: "_", rule: "-", listItemIndent: "one", fences: true }).trimEnd() + "\n";
}

function verifiedLine({ frontmatter }: TwinArticle): PhrasingContent[] {
  return [text(`Verified ${formatMonth(frontmatter.verified)} on ${frontmatter.versions} · `), link(frontmatter.verify, text(hostOf(frontmatter.verify)))];
}

function sectionNode(article: TwinArticle, component: SectionComponent): MdxJsxFlowElement | undefined {
  return article.tree.children.find((n): n is MdxJsxFlowElement => isElement(n, component));
}

function causeNodes(article: TwinArticle): MdxJsxFlowElement[] {
  const causes = sectionNode(article, "Causes");
  return (causes?.children ?? []).filter((n): n is MdxJsxFlowElement => isElement(n as RootContent, "Cause"));
}

/** One section's content as Markdown (no heading), for the JSON twin. */
export function sectionMarkdown(article: TwinArticle, component: SectionComponent, origin = SITE_URL): string {
  const node = sectionNode(article, component);
  return node ? stringify(sectionBody(node, { article, origin })) : "";
}

/** A cause's explanation (without its fix) and its fix, as Markdown, for the JSON twin. */
export function causeParts(article: TwinArticle, cause: CauseOutline, origin = SITE_URL): { explanation: string; fix: string; code: { lang: string | null; code: string }[] } {
  const node = causeNodes(article)[cause.n - 1];
  if (!node) throw new Error(`${article.file}: no cause ${cause.n}`);
  const ctx = { article, origin };
  const children = node.children as RootContent[];
  const fix = children.find((c): c is MdxJsxFlowElement => isElement(c, "Fix"));
  const fixChildren = (fix?.children ?? []) as RootContent[];
  const blocks: Code[] = [];
  const collect = (n: RootContent) => {
    if (n.type === "code") blocks.push(n);
    else if ("children" in n) (n.children as RootContent[]).forEach(collect);
  };
  fixChildren.forEach(collect);
  return {
    explanation: stringify(convertAll(children.filter((c) => c !== fix), ctx)),
    fix: stringify(convertAll(fixChildren, ctx)),
    code: blocks.map((b) => ({ lang: b.lang ?? null, code: b.value })),
  };
}

/**
 * "Copy fix": what a maintainer pastes into an issue comment. The error line, the cause title
 * linked to its permalink, the fix as the article writes it (its code in fenced blocks with their
 * language), and when and on what it was verified.
 */
export function causeMarkdown(article: TwinArticle, cause: CauseOutline, origin = SITE_URL): string {
  const node = causeNodes(article)[cause.n - 1];
  if (!node) throw new Error(`${article.file}: no cause ${cause.n}`);
  const ctx = { article, origin };
  const url = articleUrl(origin, article.slug);
  const fix = (node.children as RootContent[]).find((c): c is MdxJsxFlowElement => isElement(c, "Fix"));
  return stringify([
    paragraph(code(article.frontmatter.error), text(" — "), link(url, text(article.frontmatter.title))),
    paragraph(strong(text(`Cause ${cause.n}: `), link(`${url}#${cause.id}`, text(cause.title)))),
    ...convertAll((fix?.children ?? []) as RootContent[], ctx),
    paragraph(...verifiedLine(article)),
  ]);
}

/** The whole article as clean Markdown: every section in order, both code files, its sources. */
export function articleMarkdown(article: TwinArticle, origin = SITE_URL): string {
  const { frontmatter: fm } = article;
  const ctx = { article, origin };
  const facts: RootContent = {
    type: "list",
    ordered: false,
    spread: false,
    children: [
      [text(`Platform: ${platformName(fm.platform)}`)],
      [text(`Severity: ${fm.severity} · Difficulty: ${fm.difficulty} · Fix time: ${fm.fixTime}`)],
      verifiedLine(article),
      [text("Article: "), link(articleUrl(origin, article.slug), text(articleUrl(origin, article.slug)))],
    ].map((children) => ({ type: "listItem", spread: false, children: [paragraph(...children)] })),
  };
  const sources: RootContent[] = [
    heading(2, text("Versions and sources")),
    paragraph(strong(text("Tested on:")), text(` ${fm.versions}`)),
    paragraph(strong(text("Verified:")), text(` ${formatMonth(fm.verified)} against `), link(fm.verify, text(hostOf(fm.verify)))),
    ...(fm.simulate === false ? [paragraph(strong(text("Not simulated:")), text(` ${fm.simulateReason ?? ""}`))] : []),
    heading(3, text("References")),
    {
      type: "list",
      ordered: false,
      spread: false,
      children: fm.references.map((r) => ({ type: "listItem", spread: false, children: [paragraph(link(r.url, text(r.title)), text(` (${hostOf(r.url)})`))] })),
    },
  ];
  return stringify([
    heading(1, text(fm.title)),
    paragraph(code(fm.error)),
    paragraph(text(fm.summary)),
    facts,
    ...convertAll(article.tree.children, ctx),
    ...sources,
  ]);
}

function plain(node: RootContent): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value;
  if (node.type === "code" || isElement(node)) return "";
  return "children" in node ? (node.children as RootContent[]).map(plain).join("") : "";
}

/** The first sentences of a cause's explanation as plain text, for a preview's description. */
export function causeSummary(article: TwinArticle, cause: CauseOutline, max = 200): string {
  const node = causeNodes(article)[cause.n - 1];
  const paragraphs = ((node?.children ?? []) as RootContent[]).filter((c) => c.type === "paragraph").map(plain);
  const textOf = (paragraphs[0] ?? cause.title).replace(/\s+/g, " ").trim();
  if (textOf.length <= max) return textOf;
  const sentences = textOf.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [];
  let out = "";
  for (const s of sentences) {
    if ((out + s).length > max) break;
    out += s;
  }
  return out.trim() || `${textOf.slice(0, max - 3).replace(/\s+\S*$/, "")}...`;
}
