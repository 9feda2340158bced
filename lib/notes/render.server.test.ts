import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, test } from "vitest";
import { NoteBody } from "@/components/notes/note-body";
import { countLinks, renderNote } from "./render.server";
import { XSS_VECTORS } from "./test/xss-corpus";
import type { NoteTreeNode } from "./tree";

const ALLOWED_TAGS = new Set(["div", "p", "br", "strong", "em", "del", "code", "pre", "ul", "ol", "li", "blockquote", "a", "hr", "table", "thead", "tbody", "tr", "th", "td", "span"]);

async function html(body: string): Promise<string> {
  return renderToStaticMarkup(createElement(NoteBody, { tree: await renderNote(body) }));
}

function elements(nodes: NoteTreeNode[]): Extract<NoteTreeNode, { type: "element" }>[] {
  return nodes.flatMap((n) => (n.type === "element" ? [n, ...elements(n.children)] : []));
}

describe("the XSS corpus renders inert", () => {
  test("it holds at least 40 vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(40);
  });

  for (const { name, body } of XSS_VECTORS) {
    test(name, async () => {
      const tree = await renderNote(body);
      for (const el of elements(tree.children)) {
        expect(ALLOWED_TAGS.has(el.tagName), `<${el.tagName}> in the tree`).toBe(true);
        for (const key of Object.keys(el.properties ?? {})) expect(["href", "rel", "className", "style", "tabIndex", "start"], `${key} on <${el.tagName}>`).toContain(key);
        if (el.properties?.style !== undefined) expect(["pre", "span"]).toContain(el.tagName);
      }
      const out = await html(body);
      const tags = [...out.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]!.toLowerCase());
      for (const tag of tags) expect(ALLOWED_TAGS.has(tag), `<${tag}> in ${out}`).toBe(true);
      // No attribute but these, and no event handler, anywhere in the markup.
      for (const [, attr] of out.matchAll(/\s([a-zA-Z-:]+)=("[^"]*"|'[^']*')/g)) expect(["href", "rel", "class", "style", "tabindex", "start"]).toContain(attr);
      expect(out).not.toMatch(/<[^>]*\son\w+\s*=/i);
      for (const [, href] of out.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
      for (const [, style] of out.matchAll(/style="([^"]*)"/g)) expect(style).toMatch(/^(?:--shiki-[a-z-]+:#[0-9a-fA-F]{3,8};?)+$/);
      expect(out).not.toMatch(/id="/);
      // Inert, not erased: the poster's text is still there to read.
      expect(out.replace(/<[^>]+>/g, "").trim().length, `nothing left of ${body}`).toBeGreaterThan(0);
    });
  }
});

describe("Markdown a note may use", () => {
  test("paragraphs, emphasis, lists, inline code and links", async () => {
    const out = await html("Set **executionTimeout** to `600`:\n\n- in the endpoint\n- not the handler\n\nSee [the docs](https://docs.runpod.io/serverless/endpoints/send-requests).");
    expect(out).toBe(
      '<div class="note-body"><p>Set <strong>executionTimeout</strong> to <code>600</code>:</p>\n<ul>\n<li>in the endpoint</li>\n<li>not the handler</li>\n</ul>\n<p>See <a href="https://docs.runpod.io/serverless/endpoints/send-requests" rel="nofollow ugc noopener">the docs</a>.</p></div>',
    );
  });

  test("fenced code is highlighted by shiki, after sanitising, in both themes", async () => {
    const out = await html("```python\nimport runpod\nrunpod.serverless.start({})\n```");
    expect(out).toMatch(/^<div class="note-body"><pre class="shiki shiki-themes github-light-default github-dark-default" style="--shiki-light:#[0-9a-f]+;--shiki-dark:#[0-9a-f]+/i);
    expect(out).toContain('tabindex="0"');
    expect(out).toContain('<span style="--shiki-light:#CF222E;--shiki-dark:#FF7B72">import</span>');
  });

  test("a fence in a language we do not load is plain text", async () => {
    expect(await html("```cobol\nDISPLAY 'HI'.\n```")).toContain("DISPLAY &#x27;HI&#x27;.");
  });

  test("raw HTML is shown as the text it is, not dropped", async () => {
    expect(await html("Use <details> for long logs")).toBe("<div class=\"note-body\"><p>Use &lt;details&gt; for long logs</p></div>");
  });

  test("headings become bold paragraphs, so a note never breaks the article's outline", async () => {
    expect(await html("# Fixed on 1.12\n\ntext")).toBe('<div class="note-body"><p><strong>Fixed on 1.12</strong></p>\n<p>text</p></div>');
  });

  test("images become links, so no reader's browser fetches a third-party image", async () => {
    expect(await html("![graph](https://example.com/g.png)")).toBe('<div class="note-body"><p><a href="https://example.com/g.png" rel="nofollow ugc noopener">graph</a></p></div>');
  });

  test("links are counted as a reader sees them", () => {
    expect(countLinks("no links here")).toBe(0);
    expect(countLinks("[a](https://a.example) and https://b.example and ![i](https://c.example/i.png)")).toBe(3);
    expect(countLinks("[ref][r]\n\n[r]: https://d.example")).toBe(1);
    expect(countLinks("`https://in-code.example` is not a link")).toBe(0);
  });
});
