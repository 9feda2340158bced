import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ARTICLE, expect, test } from "./fixtures";
import { openEditor } from "./editor-helpers";

// Two runs, the first a cold Python start: allow for Pyodide loading on a busy machine.
test.setTimeout(120_000);

// The figures come from the virtual clock, plus the run's own real CPU time, which a loaded
// machine stretches by a tenth of a second or so: the waits are exact, the rest is a range.
const SUMMARY =
  /^Fixed finishes in 25\.\d s, 3[45]\.\d s earlier than broken, which times out at 60\.0 s at line 16: StableDiffusionXLPipeline\.from_pretrained\(\) \(40\.\d s\) and StableDiffusionXLPipeline\.from_pretrained\(\)\.to\(\) \(5\.\d s\) moved out of the handler into module init, which the deadline on RunPod Serverless \(queue endpoint\) does not count\.$/;

const panel = (page: Page) => page.getByRole("region", { name: /^Compare runs/ });

async function runBoth(page: Page) {
  await panel(page).getByRole("button", { name: "Compare: Run both" }).click();
  await expect(page.getByTestId("compare-summary")).toHaveText(SUMMARY, { timeout: 90_000 });
}

test("Run both compares the article's broken and fixed examples on one axis, with both deadlines", async ({ page }) => {
  await openEditor(page, 60_000);
  await runBoth(page);
  const view = panel(page);
  await expect(view.getByRole("heading", { name: "Compare runs: broken against fixed" })).toBeVisible();
  // The model load is in the handler in one and in module init in the other.
  const load = view.locator(".compare-row", { hasText: "StableDiffusionXLPipeline.from_pretrained()" }).first();
  await expect(load.locator(".compare-change")).toHaveText("to init");
  await expect(load).toContainText(/broken: 40\.\d s in the handler/);
  await expect(load).toContainText(/fixed: 40\.\d s in module init/);
  await expect(view.locator(".compare-row").first().locator(".compare-deadline")).toHaveCount(2);
  await expect(view.locator(".compare-legend")).toContainText("broken (upper bars, dashed deadline)");
  // Both runs are kept for the tab, and come back after a reload.
  await page.reload();
  await page.getByRole("button", { name: "Edit & run" }).click();
  await expect(panel(page).getByLabel("First run").locator("option")).toHaveCount(2, { timeout: 20_000 });
  await expect(panel(page).getByLabel("First run")).toHaveValue("1");
  await expect(panel(page).getByLabel("Second run")).toHaveValue("2");
  await panel(page).getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page.getByTestId("compare-summary")).toHaveText(SUMMARY);
});

test("two of the person's own runs: before and after an edit of the settings", async ({ page }) => {
  await openEditor(page, 60_000);
  await page.getByRole("button", { name: /^Run/ }).click();
  await expect(page.getByTestId("verdict")).toContainText("Timed out at 60.0 s at line 16", { timeout: 90_000 });
  await page.getByLabel(/^Timeout/).fill("120");
  await page.getByRole("button", { name: /^Run/ }).click();
  await expect(page.getByTestId("verdict")).toContainText(/Finished in 70\.\d s/, { timeout: 30_000 });
  await panel(page).getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page.getByTestId("compare-summary")).toHaveText(
    /^Run 2 \(120 s limit\) finishes in 70\.\d s; run 1 \(60 s limit\) times out at 60\.0 s at line 16: pipe\(\) runs to completion \(25\.\d s; it was cut off at the deadline after 1[45]\.\d s\)\. Limits: run 1 \(60 s limit\) 60\.0 s on RunPod Serverless \(queue endpoint\), run 2 \(120 s limit\) 120 s on RunPod Serverless \(queue endpoint\)\.$/,
  );
  // Back to the article's settings, code kept.
  await panel(page).getByRole("button", { name: "Apply the fixed example's settings" }).click();
  await expect(page.getByLabel(/^Timeout/)).toHaveValue("60");
});

test("a comparison is part of the share link and of Copy as Markdown; the link reopens it", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await openEditor(page, 60_000);
  await runBoth(page);

  await page.getByRole("button", { name: "Copy as Markdown" }).click();
  await expect(page.locator(".runner-notice")).toContainText("Copied as Markdown");
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain("**Comparison:** broken against fixed");
  expect(markdown).toMatch(/Fixed finishes in 25\.\d s, 3[45]\.\d s earlier than broken, which times out at 60\.0 s at line 16: `StableDiffusionXLPipeline\.from_pretrained\(\)` \(40\.\d s\)/);
  expect(markdown).toContain("- broken: timed out at 60.0 s at line 16 on RunPod Serverless (queue endpoint) (Queue-based endpoint, executionTimeout), 60.0 s limit (init not counted)");
  expect(markdown).toMatch(/\| `StableDiffusionXLPipeline\.from_pretrained\(\)` \| 40\.\d s, handler \| 40\.\d s, init \|/);
  expect(markdown).toMatch(/\[Open this comparison in Deadline\]\(http[^)]*#run=[^)]+\)/);

  await page.getByRole("button", { name: "Share" }).click();
  await expect(page.locator(".runner-notice")).toContainText("Share link copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`${ARTICLE}#run=`));

  // Another tab: no runs of its own, so the comparison waits for Run both and is judged there.
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  await expect(other.getByTestId("compare-shared")).toContainText("This link holds a comparison: broken against fixed");
  await expect(other.getByTestId("compare-summary")).toHaveCount(0);
  await runBoth(other);
  await expect(other.getByTestId("compare-shared")).toHaveCount(0);

  // The Markdown's own link reopens the same comparison.
  const reopened = markdown.match(/\[Open this comparison in Deadline\]\(([^)]+)\)/)![1]!;
  const third = await context.newPage();
  await third.goto(reopened);
  await expect(third.getByTestId("compare-shared")).toContainText("broken against fixed", { timeout: 20_000 });
  await runBoth(third);
});

for (const scheme of ["light", "dark"] as const) {
  test(`an open comparison has no detectable accessibility violations (${scheme})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ colorScheme: scheme, baseURL });
    const page = await context.newPage();
    await openEditor(page, 60_000);
    await runBoth(page);
    const results = await new AxeBuilder({ page }).include(".runner").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")} — ${v.help}`)).toEqual([]);
    await context.close();
  });
}
