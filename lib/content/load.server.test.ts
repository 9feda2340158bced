import path from "node:path";
import { describe, expect, test } from "vitest";
import { ContentError } from "./content-error";
import { aliasMap, listSlugs, loadArticle, loadArticleMeta, type ArticleMeta } from "./load.server";

const FIXTURES = path.join(import.meta.dirname, "__fixtures__");
const fileOf = (slug: string) => `lib/content/__fixtures__/${slug}/index.mdx`;

async function failure(slug: string): Promise<ContentError> {
  const error = await loadArticle(slug, FIXTURES).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ContentError)) throw new Error(`${slug} should fail with a ContentError, got ${String(error)}`);
  return error;
}

describe("a complete article", () => {
  test("compiles, numbers its causes in order and reads its runnable pair", async () => {
    const article = await loadArticle("a-complete-article", FIXTURES);
    expect(article.frontmatter.severity).toBe("high");
    expect(article.outline.causes).toEqual([
      { n: 1, id: "cause-1", alias: "cause-1", title: "It sleeps too long" },
      { n: 2, id: "cause-2", alias: "cause-2", title: "Nobody set a timeout" },
    ]);
    expect(article.outline.sections).toEqual(["Meaning", "ErrorLog", "QuickFix", "Why", "Detection", "Causes", "CodeComparison", "Workaround", "Prevention"]);
    expect(article.code).toContain("Nobody set a timeout");
    expect(article.pair?.broken.source).toContain("time.sleep(5)");
    expect(article.pair?.diff.filter((r) => r.kind !== "same")).toEqual([
      { kind: "del", broken: 4 },
      { kind: "add", fixed: 4 },
    ]);
  });

  test("fills the expect default: broken times out, fixed passes", async () => {
    const { frontmatter } = await loadArticleMeta("a-complete-article", FIXTURES);
    expect(frontmatter.simulate && frontmatter.simulate.expect).toEqual({ broken: "timeout", fixed: "ok" });
  });

  test("fenced code is highlighted at build time with both themes", async () => {
    const article = await loadArticle("a-complete-article", FIXTURES);
    expect(article.code).toContain("--shiki-light");
    expect(article.code).toContain("--shiki-dark");
  });

  test("an article without a runnable pair compiles when it says why", async () => {
    const article = await loadArticle("simulate-false-with-a-reason", FIXTURES);
    expect(article.pair).toBeNull();
    expect(article.frontmatter.simulateReason).toMatch(/configuration mistake/);
  });
});

// Each bad article names its file, the field or element at fault, and why.
const BAD: [slug: string, field: string, reason: RegExp][] = [
  ["severity-is-not-a-level", "frontmatter severity", /must be one of low, medium, high/],
  ["verified-is-not-a-month", "frontmatter verified", /YYYY-MM/],
  ["title-is-missing", "frontmatter title", /is required/],
  ["frontmatter-has-an-unknown-field", "frontmatter", /unknown field\(s\) tags/],
  ["reference-url-is-not-https", "frontmatter references[0].url", /https:\/\//],
  ["simulate-false-without-a-reason", "frontmatter simulateReason", /required when simulate is false/],
  ["yaml-does-not-parse", "frontmatter", /invalid YAML/],
  ["broken-file-does-not-exist", "simulate.broken", /missing\.py does not exist/],
  ["cause-without-a-fix", '<Cause title="Nobody set a timeout">', /exactly one <Fix> \(found 0\)/],
  ["component-name-has-a-typo", "<Cuase>", /not an article component/],
  ["a-section-is-missing", "sections", /missing <Workaround>/],
  ["sections-are-out-of-order", "sections", /must come in this order/],
  ["mdx-does-not-parse", "MDX", /./],
  ["article-imports-code", "import/export", /cannot import/],
  ["article-uses-a-level-two-heading", "heading", /level-2 headings/],
  ["cause-id-is-not-a-slug", '<Cause title="It sleeps too long"> id', /lower-case words joined by hyphens/],
  ["cause-id-is-used-twice", '<Cause title="Nobody set a timeout"> id', /already the id of cause 1/],
  ["cause-id-takes-a-numbered-alias", '<Cause title="Nobody set a timeout"> id', /reserved: cause-N/],
  ["aliases-is-not-a-slug", "frontmatter aliases[0]", /former slug: lower-case words/],
];

describe.each(BAD)("%s", (slug, field, reason) => {
  test(`fails naming the file and ${field}`, async () => {
    const error = await failure(slug);
    expect(error.file).toBe(fileOf(slug));
    expect(error.field).toBe(field);
    expect(error.reason).toMatch(reason);
    expect(error.message.startsWith(fileOf(slug))).toBe(true);
  });
});

describe("authored cause ids", () => {
  test("a cause keeps its authored id, with cause-N as its alias; one without an id is cause-N", async () => {
    const article = await loadArticle("code-holds-backticks-and-causes-have-ids", FIXTURES);
    expect(article.outline.causes).toEqual([
      { n: 1, id: "sleeps-too-long", alias: "cause-1", title: "It sleeps too long" },
      { n: 2, id: "cause-2", alias: "cause-2", title: "Nobody set a timeout" },
    ]);
    expect(article.frontmatter.aliases).toEqual(["sample-handler-timed-out"]);
  });
});

describe("aliases of renamed articles", () => {
  const meta = (slug: string, aliases?: string[]): ArticleMeta => ({ slug, file: `content/errors/${slug}/index.mdx`, frontmatter: { aliases } as ArticleMeta["frontmatter"] });

  test("map each former slug to its article", () => {
    expect([...aliasMap([meta("new-name", ["old-name", "older-name"]), meta("other")])]).toEqual([
      ["old-name", "new-name"],
      ["older-name", "new-name"],
    ]);
  });

  test.each([
    [[meta("a", ["b"]), meta("b")], "content/errors/a/index.mdx: frontmatter aliases[0]: \"b\" is the slug of another article"],
    [[meta("a", ["old"]), meta("b", ["x", "old"])], "content/errors/b/index.mdx: frontmatter aliases[1]: \"old\" is already an alias of a"],
    [[meta("a", ["a"])], "content/errors/a/index.mdx: frontmatter aliases[0]: \"a\" is this article's own slug"],
  ])("a conflict fails naming the file and field (%#)", (metas, message) => {
    expect(() => aliasMap(metas)).toThrow(message);
  });
});

describe("line numbers", () => {
  test("body errors point at the line of index.mdx, counting the frontmatter", async () => {
    const error = await failure("component-name-has-a-typo");
    const source = await import("node:fs/promises").then((fs) => fs.readFile(path.join(FIXTURES, "component-name-has-a-typo", "index.mdx"), "utf8"));
    const line = source.split("\n").findIndex((l) => l.startsWith("<Cuase")) + 1;
    expect(error.message).toContain(`${fileOf("component-name-has-a-typo")}:${line}:`);
  });

  test("MDX syntax errors point at the broken line", async () => {
    const error = await failure("mdx-does-not-parse");
    const source = await import("node:fs/promises").then((fs) => fs.readFile(path.join(FIXTURES, "mdx-does-not-parse", "index.mdx"), "utf8"));
    const line = source.split("\n").findIndex((l) => l.includes("<logs.")) + 1;
    expect(error.message).toContain(`:${line}:`);
  });
});

describe("the real content", () => {
  test("every article folder is a valid slug and compiles", async () => {
    const dir = path.join(process.cwd(), "content", "errors");
    const slugs = await listSlugs(dir);
    expect(slugs).toContain("runpod-handler-timeout");
    for (const slug of slugs) {
      const article = await loadArticle(slug, dir);
      expect(article.outline.causes.length).toBeGreaterThan(0);
    }
  });
});
