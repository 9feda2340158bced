// From an article (frontmatter and MDX body) to the fields the index holds. Framework-free: the
// caller reads the files (documents.server.ts at build time, tests with fixtures).

/** The fields of an article the index holds, strongest first. */
export const FIELDS = ["signatures", "error", "title", "log", "platform", "headings", "summary", "causes", "body"] as const;
/** Short fields whose compound words are indexed whole, their parts going to the `parts` field. */
export const SPLIT_FIELDS: ReadonlySet<Field> = new Set(["signatures", "error", "title", "platform"]);
export type Field = (typeof FIELDS)[number];

export type CauseText = { n: number; id: string; title: string; text: string };

/** What every stage (input, indexed document, index metadata) knows of an article. */
export type ArticleBasics = {
  slug: string;
  title: string;
  error: string;
  summary: string;
  platform: string;
  platformName: string;
  signatures: string[];
};

export type ArticleInput = ArticleBasics & {
  /** the MDX body, without frontmatter */
  body: string;
  /** signatures that rule this article out (frontmatter `notThis`) */
  notThis?: string[];
};

export type ArticleDocument = ArticleBasics & {
  notThis: string[];
  causes: CauseText[];
  fields: Record<Field, string>;
};

const SECTION = /<(Meaning|ErrorLog|QuickFix|Why|Detection|Causes|CodeComparison|Workaround|Prevention)>([\s\S]*?)<\/\1>/g;
const CAUSE = /<Cause((?:\s+[A-Za-z]+=(?:"[^"]*"|'[^']*'|\{"[^"]*"\}))*)\s*>([\s\S]*?)<\/Cause>/g;
const ATTRIBUTE = /([A-Za-z]+)=(?:"([^"]*)"|'([^']*)'|\{"([^"]*)"\})/g;

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(ATTRIBUTE)) out[m[1]!] = m[2] ?? m[3] ?? m[4] ?? "";
  return out;
}

/** Markdown and MDX to plain words: link targets, tags and emphasis go, code stays (people paste code). */
export function plainText(mdx: string): string {
  return mdx
    .replace(/^```[^\n]*$/gm, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<\/?[A-Za-z][\w.]*(?:\s[^<>]*)?\/?>/g, " ")
    .replace(/[*_`~]{1,3}(?=\S)|(?<=\S)[*_`~]{1,3}/g, " ")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*[-*+>]\s+/gm, "")
    .replace(/\|/g, " ")
    .replace(/[ \t]+/g, " ");
}

function codeBlocks(mdx: string): string {
  const blocks: string[] = [];
  for (const m of mdx.matchAll(/```[^\n]*\n([\s\S]*?)```/g)) blocks.push(m[1] ?? "");
  return blocks.join("\n");
}

function headings(mdx: string): string[] {
  return [...mdx.matchAll(/^#{3,6}\s+(.+)$/gm)].map((m) => m[1]!.trim());
}

/**
 * Splits an article into its search fields. Causes are numbered in order, as the page numbers them
 * (lib/content/article-structure.ts), and keep the page's anchor: the authored id, else cause-n.
 */
export function articleDocument(input: ArticleInput): ArticleDocument {
  const sections = new Map<string, string>();
  for (const m of input.body.matchAll(SECTION)) sections.set(m[1]!, m[2] ?? "");
  const causesSource = sections.get("Causes") ?? "";
  const causes: CauseText[] = [];
  for (const m of causesSource.matchAll(CAUSE)) {
    const n = causes.length + 1;
    const attrs = attributes(m[1] ?? "");
    // The page anchors a cause at its authored id when it has one (lib/content/article-structure.ts).
    causes.push({ n, id: attrs.id ?? `cause-${n}`, title: (attrs.title ?? "").trim(), text: plainText(m[2] ?? "") });
  }
  const log = sections.has("ErrorLog") ? codeBlocks(sections.get("ErrorLog")!) || plainText(sections.get("ErrorLog")!) : "";
  const rest = [...sections].filter(([name]) => name !== "Causes" && name !== "ErrorLog").map(([, text]) => text);
  const allHeadings = [...causes.map((c) => c.title), ...headings(input.body)];
  return {
    slug: input.slug,
    title: input.title,
    error: input.error,
    summary: input.summary,
    platform: input.platform,
    platformName: input.platformName,
    signatures: input.signatures,
    notThis: input.notThis ?? [],
    causes,
    fields: {
      signatures: input.signatures.join("\n"),
      error: input.error,
      title: input.title,
      log,
      platform: `${input.platform.replace(/-/g, " ")} ${input.platformName}`,
      headings: allHeadings.join("\n"),
      summary: input.summary,
      causes: causes.map((c) => c.text).join("\n"),
      body: plainText(rest.join("\n")),
    },
  };
}
