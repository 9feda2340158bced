import { fromMarkdown } from "mdast-util-from-markdown";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadAllMeta, type ArticleMeta } from "../content/load.server";
import { atomFeed } from "./atom";
import { badgeSvg, textWidth } from "./badge";
import { llmsTxt } from "./llms";
import { openApiDocument } from "./openapi";

const ORIGIN = "https://deadline.example";
const metas = await loadAllMeta(path.join(process.cwd(), "content", "errors"));

describe("the Atom feed", () => {
  const feed = atomFeed(metas, ORIGIN);

  test("has one entry per article, newest verified first, ids that stay put", () => {
    const ids = [...feed.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids.sort()).toEqual(metas.map((m) => `${ORIGIN}/errors/${m.slug}`).sort());
    const updated = [...feed.matchAll(/<entry>[\s\S]*?<updated>([^<]+)<\/updated>/g)].map((m) => m[1]!);
    expect([...updated].sort().reverse()).toEqual(updated);
    for (const u of updated) expect(u).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
  });

  test("escapes text so a title with & or < stays well-formed", () => {
    const meta = { ...metas[0]!, frontmatter: { ...metas[0]!.frontmatter, title: 'A & B <C> "D"' } } as ArticleMeta;
    expect(atomFeed([meta], ORIGIN)).toContain("<title>A &amp; B &lt;C&gt; &quot;D&quot;</title>");
  });
});

describe("llms.txt", () => {
  test("is an H1, a blockquote, then sections of links to every article's Markdown", () => {
    const text = llmsTxt(metas, ORIGIN);
    const tree = fromMarkdown(text);
    expect(tree.children[0]).toMatchObject({ type: "heading", depth: 1 });
    expect(tree.children[1]?.type).toBe("blockquote");
    for (const m of metas) expect(text).toContain(`](${ORIGIN}/errors/${m.slug}.md): `);
  });
});

describe("the badge", () => {
  test("is as wide as its text and says what it is", () => {
    const svg = badgeSvg("deadline", "verified 2026-11");
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBe(Math.round(textWidth("deadline") + 12) + Math.round(textWidth("verified 2026-11") + 12));
    expect(svg).toContain('aria-label="deadline: verified 2026-11"');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});

describe("openapi.json", () => {
  test("describes the JSON endpoints with the twins' own schemas", () => {
    const doc = openApiDocument(ORIGIN);
    expect(doc.openapi).toBe("3.1.0");
    const article = doc.components.schemas.Article as { properties: Record<string, unknown>; required: string[] };
    expect(article.required).toEqual(expect.arrayContaining(["slug", "title", "error", "signatures", "causes", "code", "limits", "references"]));
    expect(Object.keys(doc.paths)).toEqual(["/errors.json", "/errors/{slug}.json", "/errors/{slug}.md", "/api/search", "/badge/{slug}.svg"]);
  });
});
