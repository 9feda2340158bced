import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { readdir } from "node:fs/promises";
import { ARTICLE, expect, test } from "./fixtures";

// How an article reads: the code pair once, as tabs (with and without JavaScript), the Quick fix
// and causes first, a table of contents that follows the reader, and a phone-width page.

const broken = (page: Page) => page.locator('figure[data-variant="broken"]');
const fixed = (page: Page) => page.locator('figure[data-variant="fixed"]');
const diff = (page: Page) => page.locator('figure[data-variant="diff"]');

test("without JavaScript the code pair is one view at a time, switched by its labels or the arrow keys", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const group = page.getByRole("radiogroup", { name: "Broken and fixed code" });
  await expect(group.getByRole("radio")).toHaveCount(3);
  await expect(broken(page)).toBeVisible();
  await expect(fixed(page)).toBeHidden();
  await expect(diff(page)).toBeHidden();

  await group.getByText("Fixed", { exact: false }).click();
  await expect(fixed(page)).toBeVisible();
  await expect(fixed(page)).toContainText("runpod.serverless.start");
  await expect(broken(page)).toBeHidden();

  // A radio group's own keyboard: the arrow moves to the next choice and checks it.
  await group.getByRole("radio", { name: /^Fixed/ }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(group.getByRole("radio", { name: /^What changed/ })).toBeChecked();
  await expect(diff(page)).toBeVisible();
  await expect(diff(page).locator(".diff-add").first()).toBeVisible();
  await expect(fixed(page)).toBeHidden();
  // The code appears once: no highlighted copy waits under the editor's button.
  await expect(page.locator(".runner-static")).toHaveCount(0);
  await context.close();
});

test("with JavaScript the code pair is a set of ARIA tabs the keyboard drives", async ({ page }) => {
  await page.goto(ARTICLE);
  const list = page.getByRole("tablist", { name: "Broken and fixed code" });
  const tab = (name: RegExp) => list.getByRole("tab", { name });
  await expect(list.getByRole("tab")).toHaveCount(3);
  await expect(tab(/^Broken/)).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toHaveCount(1);

  // Tab reaches the selected tab only (roving tabindex); arrows move and select.
  await tab(/^Broken/).focus();
  await page.keyboard.press("ArrowRight");
  await expect(tab(/^Fixed/)).toBeFocused();
  await expect(tab(/^Fixed/)).toHaveAttribute("aria-selected", "true");
  await expect(tab(/^Broken/)).toHaveAttribute("tabindex", "-1");
  await expect(fixed(page)).toBeVisible();
  await expect(broken(page)).toBeHidden();
  await expect(page.getByRole("tabpanel", { name: /^Fixed/ })).toContainText("runpod.serverless.start");

  await page.keyboard.press("End");
  await expect(tab(/^What changed/)).toBeFocused();
  await expect(diff(page)).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(tab(/^Broken/)).toBeFocused();
  await expect(broken(page)).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(tab(/^What changed/)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(tab(/^Broken/)).toHaveAttribute("aria-selected", "true");

  // The next Tab leaves the tab list for the code itself.
  await page.keyboard.press("Tab");
  await expect(broken(page).locator("pre")).toBeFocused();
});

test("the Quick fix and every cause are above the fold on a 1280×800 screen", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL });
  const page = await context.newPage();
  for (const path of [ARTICLE, "/errors/aws-lambda-task-timed-out", "/errors/api-gateway-endpoint-request-timed-out"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 2, name: "Quick fix" })).toBeInViewport();
    const glance = page.getByRole("navigation", { name: /causes, each with its fix/ });
    const links = glance.getByRole("link");
    expect(await links.count(), path).toBe(await page.locator("section.cause").count());
    await expect(links.first()).toBeInViewport();
    await expect(links.last()).toBeInViewport();
  }
  // A cause in the list leads to that cause.
  await page.goto(ARTICLE);
  await page.getByRole("navigation", { name: /causes, each with its fix/ }).getByRole("link", { name: /^Cause 2:/ }).click();
  await expect(page.locator('section.cause[data-cause="2"]')).toBeInViewport();
  await context.close();
});

test("the table of contents marks the section in view, and follows a link chosen with the keyboard", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const toc = page.getByRole("navigation", { name: "On this page" });
  const current = toc.locator('a[aria-current="location"]');

  await page.evaluate(() => document.getElementById("prevention")!.scrollIntoView({ behavior: "instant", block: "start" }));
  await expect(current).toHaveCount(1);
  await expect(current).toHaveText("Prevention");

  // Inside "Causes and fixes" it is the cause being read that is marked.
  await page.evaluate(() => document.querySelector('section.cause[data-cause="3"]')!.scrollIntoView({ behavior: "instant", block: "start" }));
  await expect(current).toHaveText(/^3 /);

  // Keyboard: focus a link in the contents, Enter, and it is marked at once.
  const link = toc.getByRole("link", { name: "How to detect it" });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#detection$/);
  await expect(link).toHaveAttribute("aria-current", "location");
  await expect(page.locator("#detection")).toBeInViewport();
  await expect(current).toHaveCount(1);

  // Scrolled to the very end, the last entry is marked even though it never reaches the top.
  await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" }));
  await expect(current).toHaveText("Community notes");
  await context.close();
});

test("long reference lists fold, and open without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const more = page.locator("details.references-more");
  await expect(more).toHaveCount(1);
  await expect(more).not.toHaveAttribute("open", "");
  const hidden = await more.locator("li").count();
  expect(hidden).toBeGreaterThanOrEqual(3);
  await expect(more.locator("summary")).toContainText(`${hidden} more references`);
  await expect(more.locator("li").first()).toBeHidden();
  await more.locator("summary").click();
  await expect(more.locator("li").first()).toBeVisible();
  await context.close();
});

/** Line breaks inside inline code that fall between two letters or digits with no <wbr> there. */
async function midWordBreaks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const code of Array.from(document.querySelectorAll("main :not(pre) > code"))) {
      if (code.getClientRects().length < 2) continue;
      // Each character's line (its box top), in order; a <wbr> starts a new text node.
      const chars: { ch: string; top: number; node: Node }[] = [];
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) chars.push({ ch: text[i]!, top: Math.round(rect.top), node });
        }
      }
      for (let i = 1; i < chars.length; i++) {
        const a = chars[i - 1]!;
        const b = chars[i]!;
        if (b.top <= a.top) continue;
        // Mid-identifier means between two letters or digits of one piece (no <wbr> between them).
        const sensible = a.node !== b.node || !/[\p{L}\p{N}]/u.test(a.ch) || !/[\p{L}\p{N}]/u.test(b.ch);
        if (!sensible) found.push(`${code.textContent} (between "${a.ch}" and "${b.ch}")`);
      }
    }
    return found;
  });
}

test("on a 390 px phone no article scrolls sideways, and inline code wraps only where it may", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const slugs = (await readdir("content/errors", { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL });
  const page = await context.newPage();
  const overflowing: string[] = [];
  const breaks: string[] = [];
  for (const slug of slugs) {
    await page.goto(`/errors/${slug}`, { waitUntil: "load" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) overflowing.push(`${slug}: ${overflow}px`);
    for (const b of await midWordBreaks(page)) breaks.push(`${slug}: ${b}`);
  }
  expect(overflowing, "pages wider than the phone").toEqual([]);
  expect(breaks, "inline code broken between two letters").toEqual([]);
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  test(`the tabs, the folded references and the marked contents pass axe in the ${scheme} theme`, async ({ browser, baseURL }) => {
    // Four axe runs over long pages: more than the default 30 s on a loaded machine.
    test.setTimeout(120_000);
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 }, baseURL });
    const page = await context.newPage();
    for (const path of [ARTICLE, "/errors/aws-lambda-task-timed-out"]) {
      await page.goto(path);
      const list = page.getByRole("tablist", { name: "Broken and fixed code" });
      await list.getByRole("tab", { name: /^What changed/ }).click();
      await page.locator("details.references-more summary").click();
      await page.evaluate(() => document.getElementById("causes")!.scrollIntoView({ behavior: "instant", block: "start" }));
      await expect(page.getByRole("navigation", { name: "On this page" }).locator('a[aria-current="location"]')).toHaveCount(1);
      for (const tab of ["What changed", "Fixed"]) {
        await list.getByRole("tab", { name: new RegExp(`^${tab}`) }).click();
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} — ${v.help}`);
        expect(summary, `${path} (${scheme}, ${tab} tab)`).toEqual([]);
      }
    }
    await context.close();
  });
}
