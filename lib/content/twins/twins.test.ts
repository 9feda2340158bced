// The Markdown and JSON twins, checked on every article the build finds (and on fixtures with
// the awkward cases): a round trip through a CommonMark + GFM parser must give back every
// section, every cause with its permalink, and every code block byte for byte.
import type { Code, Heading, Link, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { SECTIONS } from "../article-structure";
import { listSlugs } from "../load.server";
import { articleIndex, articleIndexSchema, articleJson, articleJsonSchema } from "./json";
import { loadTwinArticle } from "./load.server";
import { articleMarkdown, causeMarkdown } from "./markdown";
import type { TwinArticle } from "./model";

const ORIGIN = "https://deadline.example";
const CONTENT = path.join(process.cwd(), "content", "errors");
const FIXTURES = path.join(import.meta.dirname, "..", "__fixtures__");

const parse = (markdown: string) => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

function all<T extends RootContent>(tree: Root | RootContent, type: T["type"]): T[] {
  const out: T[] = [];
  const walk = (n: Root | RootContent) => {
    if (n.type === type) out.push(n as T);
    if ("children" in n) n.children.forEach((c) => walk(c as RootContent));
  };
  walk(tree);
  return out;
}

const textOf = (node: RootContent): string => ("value" in node ? String(node.value) : "children" in node ? node.children.map((c) => textOf(c as RootContent)).join("") : "");

/** The code blocks an article's MDX holds, in order. */
function sourceCode(article: TwinArticle): { lang: string | null | undefined; value: string }[] {
  return all<Code>(article.tree, "code").map((c) => ({ lang: c.lang, value: c.value }));
}

const slugs = await listSlugs(CONTENT);
const cases: [string, string][] = [
  ...slugs.map((slug): [string, string] => [slug, CONTENT]),
  ["code-holds-backticks-and-causes-have-ids", FIXTURES],
  ["simulate-false-with-a-reason", FIXTURES],
];

describe.each(cases)("%s", (slug, dir) => {
  test("the Markdown twin holds every section, every cause and the exact code", async () => {
    const article = await loadTwinArticle(slug, dir);
    const markdown = articleMarkdown(article, ORIGIN);
    const tree = parse(markdown);
    const headings = all<Heading>(tree, "heading");
    const h = (depth: number) => headings.filter((x) => x.depth === depth).map(textOf);
    expect(h(1)).toEqual([article.frontmatter.title]);
    const expected = SECTIONS.filter((s) => article.outline.sections.includes(s.component)).map((s) => s.title);
    expect(h(2)).toEqual([...expected, "Versions and sources"]);
    expect(h(3).filter((t) => t.startsWith("Cause "))).toEqual(article.outline.causes.map((c) => `Cause ${c.n}: ${c.title}`));
    for (const cause of article.outline.causes) {
      const heading = headings.find((x) => textOf(x) === `Cause ${cause.n}: ${cause.title}`)!;
      expect(all<Link>(heading, "link").map((l) => l.url)).toEqual([`${ORIGIN}/errors/${slug}#${cause.id}`]);
    }
    expect(h(4).filter((t) => t === "Fix")).toHaveLength(article.outline.causes.length);
    // Every code block of the article, then the pair, byte for byte and with its language.
    const blocks = all<Code>(tree, "code").map((c) => ({ lang: c.lang, value: c.value }));
    const pair = article.pair ? [article.pair.broken, article.pair.fixed].map((f) => ({ lang: f.lang, value: f.source.replace(/\n$/, "") })) : [];
    const expectedBlocks = article.tree.children.flatMap((section) => {
      const own = all<Code>(section, "code").map((c) => ({ lang: c.lang, value: c.value }));
      return "name" in section && section.name === "CodeComparison" ? [...own, ...pair] : own;
    });
    expect(blocks).toEqual(expectedBlocks);
    // No MDX is left for a Markdown reader to trip on, and every link is absolute.
    expect(markdown).not.toMatch(/^<\/?(Meaning|Cause|Fix|Causes|CodeComparison)\b/m);
    for (const link of all<Link>(tree, "link")) expect(link.url, link.url).toMatch(/^(https?:|mailto:)/);
    for (const ref of article.frontmatter.references) expect(markdown).toContain(ref.url);
  });

  test("the JSON twin validates against its schema and matches the article", async () => {
    const article = await loadTwinArticle(slug, dir);
    const json = JSON.parse(JSON.stringify(articleJson(article, ORIGIN)));
    const parsed = articleJsonSchema.safeParse(json);
    expect(parsed.success, parsed.error?.message).toBe(true);
    expect(json.title).toBe(article.frontmatter.title);
    expect(json.signatures).toEqual(article.frontmatter.signatures);
    expect(json.causes.map((c: { id: string }) => c.id)).toEqual(article.outline.causes.map((c) => c.id));
    expect(json.causes.map((c: { url: string }) => c.url)).toEqual(article.outline.causes.map((c) => `${ORIGIN}/errors/${slug}#${c.id}`));
    if (article.pair) {
      expect(json.code.broken.code).toBe(article.pair.broken.source);
      expect(json.code.fixed.code).toBe(article.pair.fixed.source);
      expect(json.limits.timeout).toBe(article.frontmatter.simulate && article.frontmatter.simulate.timeout);
      expect(json.limits.sources.length).toBeGreaterThan(0);
    } else {
      expect(json.code).toBeNull();
      expect(json.simulateReason).toBe(article.frontmatter.simulateReason);
    }
    const fixCode = json.causes.flatMap((c: { fix: { code: { code: string }[] } }) => c.fix.code.map((b) => b.code));
    for (const code of fixCode) expect(sourceCode(article).map((b) => b.value)).toContain(code);
  });

  test("each cause's Copy fix: error line, linked title, the fix's exact code, verified line", async () => {
    const article = await loadTwinArticle(slug, dir);
    const fm = article.frontmatter;
    for (const cause of article.outline.causes) {
      const markdown = causeMarkdown(article, cause, ORIGIN);
      const tree = parse(markdown);
      const [first, second] = tree.children;
      expect(first && all(first, "inlineCode").map(textOf)).toEqual([fm.error]);
      expect(second && textOf(second)).toBe(`Cause ${cause.n}: ${cause.title}`);
      expect(second && all<Link>(second, "link").map((l) => l.url)).toEqual([`${ORIGIN}/errors/${slug}#${cause.id}`]);
      const last = tree.children.at(-1)!;
      expect(textOf(last)).toMatch(new RegExp(`^Verified \\w+ \\d{4} on ${fm.versions.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · `));
      expect(all<Link>(last, "link").map((l) => l.url)).toEqual([fm.verify]);
      const json = articleJson(article, ORIGIN).causes[cause.n - 1]!;
      expect(all<Code>(tree, "code").map((c) => ({ lang: c.lang ?? null, code: c.value }))).toEqual(json.fix.code);
      expect(json.copy).toBe(markdown);
    }
  });
});

describe("awkward code", () => {
  test("a fix whose code holds a four-backtick fence stays one code block, and #cause-N links resolve to ids", async () => {
    const article = await loadTwinArticle("code-holds-backticks-and-causes-have-ids", FIXTURES);
    const copy = causeMarkdown(article, article.outline.causes[0]!, ORIGIN);
    const blocks = all<Code>(parse(copy), "code");
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.value).toBe('HELP = """\n````python\nprint("hi")\n````\n"""\ntime.sleep(1)');
    expect(copy).toContain(`[the other cause](${ORIGIN}/errors/code-holds-backticks-and-causes-have-ids#cause-2)`);
    expect(copy).toContain(`[the first](${ORIGIN}/errors/code-holds-backticks-and-causes-have-ids#sleeps-too-long)`);
    expect(all(parse(copy), "inlineCode").map(textOf)).toContain("`");
  });

  test("a table cell's code span keeps its pipe", async () => {
    const article = await loadTwinArticle("code-holds-backticks-and-causes-have-ids", FIXTURES);
    const cells = all(parse(articleMarkdown(article, ORIGIN)), "tableCell").map(textOf);
    expect(cells).toEqual(["Do", "Don't", "Measure a|b", "Guess"]);
  });
});

test("the index lists every article with its links and causes", async () => {
  const articles = await Promise.all(slugs.map((slug) => loadTwinArticle(slug, CONTENT)));
  const index = JSON.parse(JSON.stringify(articleIndex(articles, ORIGIN)));
  expect(articleIndexSchema.safeParse(index).success).toBe(true);
  expect(index.count).toBe(slugs.length);
  expect(index.articles.map((a: { jsonUrl: string }) => a.jsonUrl)).toEqual(slugs.map((s) => `${ORIGIN}/errors/${s}.json`));
});
