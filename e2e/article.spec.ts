import AxeBuilder from "@axe-core/playwright";
import { ARTICLE, expect, test } from "./fixtures";

const SECTIONS = [
  ["what-it-means", "What this error means"],
  ["in-your-logs", "What you see in the logs"],
  ["quick-fix", "Quick fix"],
  ["why-it-happens", "Why it happens"],
  ["detection", "How to detect it"],
  ["causes", "Causes and fixes"],
  ["code", "Broken vs fixed code"],
  ["workaround", "Workaround"],
  ["prevention", "Prevention"],
  ["verification", "Versions and sources"],
] as const;

test("a reader goes from the home page to the RunPod article", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const group = page.getByRole("region", { name: /RunPod/ });
  await group.getByRole("link", { name: /RunPod serverless job exceeded its execution timeout/ }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("RunPod serverless job exceeded its execution timeout");
  await expect(page).toHaveTitle(/RunPod serverless job exceeded its execution timeout · Deadline/);
});

test("the article has every section, badges, the error, and its sources", async ({ page }) => {
  await page.goto(ARTICLE);
  const glance = page.getByRole("list", { name: "At a glance" });
  await expect(glance).toContainText("High severity");
  await expect(glance).toContainText("Intermediate");
  await expect(glance).toContainText("5–15 min");
  await expect(page.locator(".error-name code")).toHaveText('"status": "TIMED_OUT"');
  for (const [id, title] of SECTIONS) {
    const section = page.locator(`section#${id}`);
    await expect(section.getByRole("heading", { level: 2 })).toHaveText(title);
    await expect(section).not.toBeEmpty();
  }
  // The log excerpt as people see it, highlighted at build time.
  await expect(page.locator("#in-your-logs pre.shiki")).toContainText("Starting Serverless Worker");
  // Numbered causes, each with its fix.
  const causes = page.locator("section.cause");
  expect(await causes.count()).toBeGreaterThanOrEqual(3);
  for (const cause of await causes.all()) await expect(cause.locator(".fix")).toHaveCount(1);
  // Broken and fixed side by side, the diff marking what changed.
  await expect(page.locator('figure[data-variant="broken"]')).toContainText("def handler(job):");
  await expect(page.locator('figure[data-variant="fixed"]')).toContainText("pipe = StableDiffusionXLPipeline.from_pretrained(");
  await expect(page.locator('figure[data-variant="fixed"] .line[data-changed="fixed"]').first()).toBeVisible();
  await expect(page.locator(".diff-add").filter({ hasText: "pipe = StableDiffusionXLPipeline.from_pretrained(" })).toHaveCount(1);
  await expect(page.locator(".diff-del").first()).toBeVisible();
  // Versions, the verifying source, references.
  await expect(page.locator("#versions")).toContainText("runpod-python 1.12.0");
  await expect(page.getByRole("link", { name: /Verified November 2026 against docs\.runpod\.io/ })).toHaveAttribute("href", /^https:\/\/docs\.runpod\.io\//);
  expect(await page.locator(".references li").count()).toBeGreaterThan(3);
});

test("the page shows exactly the code in the article's files", async ({ page, request }) => {
  await page.goto(ARTICLE);
  const shown = await page.locator('figure[data-variant="broken"] pre').innerText();
  const { readFile } = await import("node:fs/promises");
  const file = await readFile("content/errors/runpod-handler-timeout/broken.py", "utf8");
  expect(shown.replace(/\s+$/, "")).toBe(file.replace(/\s+$/, ""));
  expect((await request.get(ARTICLE)).status()).toBe(200);
});

test("a cause anchor lands on that cause, and its link can be copied", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  // #cause-2 is the numbered alias of the second cause, whose own anchor is its authored id.
  await page.goto(`${ARTICLE}#cause-2`);
  const cause = page.locator('section.cause[data-cause="2"]');
  await expect(cause).toHaveAttribute("id", "work-needs-more-time");
  await expect(cause).toBeInViewport();
  expect(await cause.evaluate((el) => el.matches(":has(> .cause-alias:target)"))).toBe(true);
  await expect(cause.getByRole("heading", { level: 3 })).toContainText("Cause 2");
  const third = page.locator('section.cause[data-cause="3"]');
  await third.getByRole("button", { name: /Copy link to cause 3/ }).click();
  await expect(third.locator(".cause-head").getByRole("status").first()).toHaveText("Link copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${ARTICLE}#blocking-code-holds-event-loop`);
  // The table of contents links to every cause.
  await page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: /^4 / }).click();
  await expect(page).toHaveURL(/#long-job-returns-nothing$/);
  await expect(page.locator("#long-job-returns-nothing")).toBeInViewport();
});

test("the article reads fully without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  for (const [id] of SECTIONS) await expect(page.locator(`section#${id}`)).toBeVisible();
  await expect(page.locator('figure[data-variant="fixed"]')).toContainText("runpod.serverless.start");
  await context.close();
});

test("responds with a CSP that names no other host, and cross-origin isolation", async ({ request }) => {
  const response = await request.get(ARTICLE);
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/https?:|\*\./);
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["cross-origin-embedder-policy"]).toBe("require-corp");
});

test("the page is isolated, so the editor can later use SharedArrayBuffer", async ({ page }) => {
  await page.goto(ARTICLE);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});

test("fits a phone's width without sideways scrolling", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL });
  const page = await context.newPage();
  for (const path of ["/", ARTICLE]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  test(`has no detectable accessibility violations in the ${scheme} theme`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ colorScheme: scheme, baseURL });
    const page = await context.newPage();
    for (const path of ["/", ARTICLE, "/no-such-page"]) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} — ${v.help}`);
      expect(summary, `${path} (${scheme})`).toEqual([]);
    }
    await context.close();
  });
}

test("headings never skip a level, and the landmarks are there", async ({ page }) => {
  await page.goto(ARTICLE);
  const levels = await page.locator("main h1, main h2, main h3, main h4").evaluateAll((els) => els.map((el) => Number(el.tagName[1])));
  expect(levels[0]).toBe(1);
  levels.forEach((level, i) => {
    if (i > 0) expect(level - levels[i - 1]!, `heading ${i} jumps from h${levels[i - 1]} to h${level}`).toBeLessThanOrEqual(1);
  });
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("contentinfo")).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toBeVisible();
});

test("keyboard users can skip to the content and see where focus is", async ({ page }) => {
  await page.goto(ARTICLE);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
});
