// Linking fixes from issue trackers and chat: Copy fix, Copy as Markdown, permalinks, renamed
// slugs, the twins, link previews and the discovery files, against the production build.
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { listSlugs } from "../lib/content/load.server";
import { ARTICLE, expect, test } from "./fixtures";

const render = (markdown: string) => micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/** The text of every <pre><code> block a Markdown renderer shows, entities decoded. */
function codeBlocks(html: string): { lang: string | undefined; code: string }[] {
  const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  return [...html.matchAll(/<pre><code(?: class="language-([^"]+)")?>([\s\S]*?)<\/code><\/pre>/g)].map((m) => ({ lang: m[1], code: decode(m[2]!).replace(/\n$/, "") }));
}

/** The fenced blocks inside one cause's <Fix> in the article source, read straight from the file. */
async function fixCodeInSource(slug: string, causeId: string): Promise<{ lang: string; code: string }[]> {
  const source = await readFile(`content/errors/${slug}/index.mdx`, "utf8");
  const cause = source.split(/<Cause /).find((part) => part.startsWith(`id="${causeId}"`))!;
  const fix = cause.slice(cause.indexOf("<Fix>"), cause.indexOf("</Fix>"));
  return [...fix.matchAll(/^( *)(`{3,})(\w*)\n([\s\S]*?)\n\1\2$/gm)].map((m) => ({ lang: m[3]!, code: m[4]!.replace(new RegExp(`^${m[1]}`, "gm"), "") }));
}

test.beforeEach(async ({ context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
});

test("Copy fix puts the cause's fix on the clipboard as Markdown a renderer shows as one code block", async ({ page }) => {
  // The edge article's first fix is TypeScript with template literals: backticks inside the code.
  const slug = "vercel-edge-function-timeout";
  const id = "waits-for-slow-upstream";
  await page.goto(`/errors/${slug}`);
  const cause = page.locator(`section#${id}`);
  await cause.getByRole("button", { name: /^Copy fix for cause 1 as Markdown/ }).click();
  await expect(cause.locator(".cause-head").getByRole("status").last()).toHaveText("Fix copied as Markdown");
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  // The heading's own text, without its visually hidden "Cause 1: " prefix.
  const title = await cause.locator("h3 a").evaluate((a) => [...a.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(""));
  const error = (await page.locator(".error-name code").innerText()).trim();
  expect(markdown.split("\n")[0]).toContain(error);
  expect(markdown).toContain(`**Cause 1: [${title}](`);
  expect(markdown).toMatch(new RegExp(`\\]\\(https?://[^)]+/errors/${slug}#${id}\\)`));
  expect(markdown.trimEnd().split("\n").at(-1)).toMatch(/^Verified \w+ \d{4} on .+ · \[[^\]]+\]\(https:\/\//);

  const expected = await fixCodeInSource(slug, id);
  expect(expected.length).toBe(1);
  expect(expected[0]!.code).toContain("`");
  const html = render(markdown);
  expect(codeBlocks(html)).toEqual([{ lang: expected[0]!.lang, code: expected[0]!.code }]);
});

test("Copy as Markdown copies the whole article, with both files' exact code", async ({ page, request }) => {
  const slug = "vercel-function-invocation-timeout";
  await page.goto(`/errors/${slug}`);
  await page.getByRole("button", { name: "Copy this article as Markdown" }).click();
  await expect(page.locator(".article-actions").getByRole("status")).toHaveText("Article copied as Markdown");
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toBe(await (await request.get(`/errors/${slug}.md`)).text());
  const blocks = codeBlocks(render(markdown)).map((b) => b.code);
  for (const file of ["broken.ts", "fixed.ts"]) {
    const code = (await readFile(`content/errors/${slug}/${file}`, "utf8")).replace(/\n$/, "");
    expect(code).toContain("`");
    expect(blocks).toContain(code);
  }
});

test("#cause-N and the authored id both land on the cause", async ({ page }) => {
  for (const hash of ["cause-3", "blocking-code-holds-event-loop"]) {
    await page.goto(`${ARTICLE}#${hash}`);
    const cause = page.locator("section#blocking-code-holds-event-loop");
    await expect(cause).toBeInViewport();
    expect(await cause.evaluate((el) => el.matches(":target, :has(> .cause-alias:target)"))).toBe(true);
    await expect(cause.getByRole("heading", { level: 3 })).toContainText("Cause 3");
  }
  // Copy link gives the stable id, not the number.
  await page.locator("section#blocking-code-holds-event-loop").getByRole("button", { name: /^Copy link to cause 3/ }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/errors\/runpod-handler-timeout#blocking-code-holds-event-loop$/);
});

test("a renamed slug redirects permanently, twins and badge included", async ({ page, request }) => {
  const response = await request.get("/errors/runpod-execution-timeout", { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  expect(response.headers().location).toMatch(/\/errors\/runpod-handler-timeout$/);
  for (const [from, to] of [
    ["/errors/runpod-execution-timeout.md", "/errors/runpod-handler-timeout.md"],
    ["/errors/runpod-execution-timeout.json", "/errors/runpod-handler-timeout.json"],
    ["/badge/runpod-execution-timeout.svg", "/badge/runpod-handler-timeout.svg"],
  ]) {
    const twin = await request.get(from!, { maxRedirects: 0 });
    expect(twin.status(), from).toBe(308);
    expect(twin.headers().location).toContain(to!);
  }
  await page.goto("/errors/runpod-execution-timeout#ttl-ran-out");
  await expect(page).toHaveURL(/\/errors\/runpod-handler-timeout#ttl-ran-out$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("RunPod serverless job exceeded its execution timeout");
});

test("the article URL answers Markdown to Accept: text/markdown, HTML to browsers", async ({ request }) => {
  const markdown = await request.get(ARTICLE, { headers: { Accept: "text/markdown" } });
  expect(markdown.headers()["content-type"]).toMatch(/^text\/markdown/);
  expect(await markdown.text()).toBe(await (await request.get(`${ARTICLE}.md`)).text());
  const html = await request.get(ARTICLE, { headers: { Accept: "text/html,application/xhtml+xml,text/markdown;q=0.5,*/*;q=0.8" } });
  expect(html.headers()["content-type"]).toMatch(/^text\/html/);
  const json = await (await request.get(`${ARTICLE}.json`)).json();
  expect(json.causes[2].id).toBe("blocking-code-holds-event-loop");
  expect(json.code.fixed.code).toBe(await readFile("content/errors/runpod-handler-timeout/fixed.py", "utf8"));
});

/** PNG signature, then IHDR's width and height (big-endian, bytes 16–23). */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a" || bytes.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1]?.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

test("every article page has its link-preview tags and a 1200×630 PNG preview, and so does every cause", async ({ request, baseURL }) => {
  test.setTimeout(240_000);
  const slugs = await listSlugs();
  expect(slugs.length).toBeGreaterThan(10);
  for (const slug of slugs) {
    const html = await (await request.get(`/errors/${slug}`)).text();
    for (const key of ["og:title", "og:description", "og:type", "og:image", "twitter:card", "twitter:label1", "twitter:data1", "twitter:label2", "twitter:data2", "theme-color"]) {
      expect(meta(html, key), `${slug}: ${key}`).toBeTruthy();
    }
    expect(meta(html, "og:type")).toBe("article");
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
    expect(html).toContain(`<link rel="alternate" type="text/markdown" href="`);
    expect(html).toContain(`<link rel="alternate" type="application/json" href="`);
    const image = new URL(meta(html, "og:image")!);
    const png = await request.get(`${baseURL}${image.pathname}${image.search}`);
    expect(png.headers()["content-type"], slug).toBe("image/png");
    expect(pngSize(await png.body()), slug).toEqual({ width: 1200, height: 630 });
    // And each cause's share page, with its own image.
    const { causes } = (await (await request.get(`/errors/${slug}.json`)).json()) as { causes: { id: string; shareUrl: string }[] };
    for (const cause of causes) {
      const page = await (await request.get(new URL(cause.shareUrl).pathname)).text();
      const causeImage = new URL(meta(page, "og:image")!);
      expect(causeImage.pathname, `${slug}#${cause.id}`).toBe(`/errors/${slug}/cause/${cause.id}/opengraph-image`);
      expect(pngSize(await (await request.get(`${baseURL}${causeImage.pathname}${causeImage.search}`)).body()), `${slug}#${cause.id}`).toEqual({ width: 1200, height: 630 });
    }
  }
});

test("a cause shared as ?cause=N gets that cause's own page and preview", async ({ page, request, baseURL }) => {
  await page.goto(`${ARTICLE}?cause=3`);
  await expect(page).toHaveURL(/\/errors\/runpod-handler-timeout\/cause\/blocking-code-holds-event-loop/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Blocking code holds the SDK's event loop");
  await expect(page.locator(".fix")).toHaveCount(1);
  await page.getByRole("link", { name: "Read it in the whole article" }).click();
  await expect(page).toHaveURL(/\/errors\/runpod-handler-timeout#blocking-code-holds-event-loop$/);
  const html = await (await request.get(`${ARTICLE}/cause/blocking-code-holds-event-loop`)).text();
  expect(meta(html, "og:title")).toContain("Blocking code holds the SDK's event loop");
  expect(meta(html, "robots")).toBe("noindex, follow");
  const image = new URL(meta(html, "og:image")!);
  expect(image.pathname).toBe("/errors/runpod-handler-timeout/cause/blocking-code-holds-event-loop/opengraph-image");
  expect(pngSize(await (await request.get(`${baseURL}${image.pathname}${image.search}`)).body())).toEqual({ width: 1200, height: 630 });
});

test("sitemap, robots, feed, llms.txt, badge and the JSON index are served", async ({ request }) => {
  const slugs = await listSlugs();
  const sitemap = await (await request.get("/sitemap.xml")).text();
  for (const slug of slugs) expect(sitemap).toMatch(new RegExp(`<loc>[^<]*/errors/${slug}</loc>\\s*<lastmod>\\d{4}-\\d{2}-01</lastmod>`));
  expect(await (await request.get("/robots.txt")).text()).toMatch(/Sitemap: \S+\/sitemap\.xml/);
  const feed = await request.get("/feed.xml");
  expect(feed.headers()["content-type"]).toMatch(/^application\/atom\+xml/);
  expect(((await feed.text()).match(/<entry>/g) ?? []).length).toBe(slugs.length);
  const llms = await (await request.get("/llms.txt")).text();
  expect(llms.split("\n")[0]).toBe("# Deadline");
  for (const slug of slugs) expect(llms).toContain(`/errors/${slug}.md)`);
  expect(await (await request.get("/llms-full.txt")).text()).toContain("# RunPod serverless job exceeded its execution timeout");
  const badge = await request.get("/badge/runpod-handler-timeout.svg");
  expect(badge.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  expect(await badge.text()).toContain("verified 2026-11");
  const index = await (await request.get("/errors.json")).json();
  expect(index.articles.map((a: { slug: string }) => a.slug)).toEqual(slugs);
  const openapi = await (await request.get("/openapi.json")).json();
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/errors.json", "/errors/{slug}.json", "/errors/{slug}.md", "/api/search"]));
});

for (const scheme of ["light", "dark"] as const) {
  test(`a cause's own page has no detectable accessibility violations (${scheme})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ colorScheme: scheme, baseURL });
    const page = await context.newPage();
    await page.goto(`${ARTICLE}/cause/model-loaded-per-job`);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")} — ${v.help}`)).toEqual([]);
    await context.close();
  });
}
