import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ARTICLE, expect, test } from "./fixtures";
import { openEditor, replaceCode, verdict } from "./editor-helpers";

// Cold Python starts load Pyodide in the worker: allow for it on a busy CI machine.
test.setTimeout(90_000);

async function run(page: Page) {
  await page.getByRole("button", { name: /^Run/ }).click();
}

test("the article's first load has neither Monaco nor Pyodide; they load from our origin on demand", async ({ page, requests }) => {
  // Waiting for "load" only: the Python runtime is fetched once the page is idle (e2e/speed.spec.ts).
  await page.goto(ARTICLE, { waitUntil: "load" });
  await expect(page.locator('figure[data-variant="broken"]')).toContainText("runpod.serverless.start");
  expect(requests.map((r) => r.url()).filter((u) => /monaco/.test(u))).toEqual([]);
  await page.getByRole("button", { name: "Edit & run" }).click();
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  expect(requests.some((r) => /\/runtime\/monaco\/[0-9a-f]{16}\/vs\//.test(r.url()))).toBe(true);
});

test("the broken example times out at the deadline on its line; the fixed example finishes", async ({ page }) => {
  await openEditor(page);
  await run(page);
  await expect(verdict(page)).toContainText("Downloading the Python runtime", { timeout: 20_000 }).catch(() => {});
  await expect(verdict(page)).toContainText("Timed out at 60.0 s at line 16", { timeout: 60_000 });
  await expect(page.locator(".platform-message")).toContainText('"status": "TIMED_OUT"');
  // The line executing at the deadline is marked in the editor.
  await expect(page.locator(".monaco-editor .deadline-line")).toHaveCount(1);
  // The timeline shows where the time went, against the deadline.
  // The modelled pipeline load and generation, each a span with its cost rule's seconds.
  await expect(page.locator(".timeline-row", { hasText: "from_pretrained().to()" })).toBeVisible();
  await expect(page.locator(".timeline-row", { hasText: "pipe()" })).toBeVisible();
  await expect(page.locator(".timeline-bar.timeline-modelled")).toHaveCount(3);

  await page.getByRole("button", { name: "Fixed example", exact: true }).click();
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(verdict(page)).toContainText(/Finished in 25\.\d s of a 60\.0 s limit/, { timeout: 30_000 });
  await expect(verdict(page)).toContainText("Includes 4 modelled calls");
  await expect(page.locator(".return-value")).toContainText('"steps": 30');
});

test("a pasted JavaScript handler runs on another platform with a host latency rule", async ({ page }) => {
  await openEditor(page);
  await replaceCode(
    page,
    'export const handler = async (event) => {\n  const res = await fetch("https://api.openai.com/v1/models");\n  return { statusCode: res.status };\n};\n',
  );
  await expect(page.getByLabel("Language")).toHaveValue("javascript");
  await page.getByRole("combobox", { name: /^Platform/ }).selectOption("aws-lambda");
  await page.getByLabel(/^Timeout/).fill("10");
  await page.getByLabel(/^Event/).fill("{}");
  await page.getByRole("button", { name: "Add host" }).click();
  await page.getByLabel("Host 1", { exact: true }).fill("api.openai.com");
  await page.getByLabel("Seconds for host 1").fill("45");
  await run(page);
  await expect(verdict(page)).toContainText("Timed out at 10.0 s at line 2", { timeout: 30_000 });
  await expect(page.locator(".platform-message")).toContainText("Task timed out after 10.00 seconds");
  await expect(page.locator(".timeline-row", { hasText: "api.openai.com" })).toBeVisible();
});

test("bad settings are explained inline and block the run", async ({ page }) => {
  await openEditor(page);
  await page.getByLabel(/^Event/).fill('{"prompt": }');
  await expect(page.locator(".field-error").first()).toContainText(/line 1, column/);
  await expect(page.getByRole("button", { name: /^Run/ })).toBeDisabled();
  await page.getByLabel(/^Event/).fill("{}");
  await page.getByLabel(/^Timeout/).fill("999999999");
  await expect(page.getByRole("alert").filter({ hasText: /allows/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Run/ })).toBeDisabled();
});

test("an infinite loop is stopped automatically and the page stays responsive; the next run works", async ({ page }) => {
  await openEditor(page);
  await page.getByRole("combobox", { name: /^Platform/ }).selectOption("aws-lambda");
  await page.getByLabel(/^Timeout/).fill("30");
  await replaceCode(page, "export const handler = async () => {\n  let n = 0;\n  while (true) {\n    n++;\n  }\n};\n");
  await run(page);
  await expect(verdict(page)).toContainText("Running");
  // The page answers while the loop spins in the worker. The loop runs for 3 s of real time before
  // the guard stops it, so a blocked main thread would hold a round trip for seconds; on a busy CI
  // machine an answering one still takes well under 1.5 s.
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - started).toBeLessThan(1500);
  }
  await expect(verdict(page)).toContainText("Running");
  await expect(verdict(page)).toContainText("Timed out at 30.0 s at line 3", { timeout: 20_000 });
  await expect(verdict(page)).toContainText("Stopped automatically");
  await replaceCode(page, "export const handler = async () => ({ ok: true });\n");
  await run(page);
  await expect(verdict(page)).toContainText("Finished in", { timeout: 20_000 });
});

test("Stop ends a run at once; meanwhile the last run's details stay, marked as the previous run's", async ({ page }) => {
  await openEditor(page);
  await page.getByRole("combobox", { name: /^Platform/ }).selectOption("aws-lambda");
  await page.getByLabel(/^Timeout/).fill("30");
  await replaceCode(page, "export const handler = async () => {\n  console.log('first run');\n  return 1;\n};\n");
  await run(page);
  await expect(verdict(page)).toContainText("Finished in", { timeout: 20_000 });
  const details = page.locator(".runner-details-frame");
  await expect(details).toContainText("first run");
  await expect(details).not.toHaveAttribute("data-stale");
  await replaceCode(page, "export const handler = async () => {\n  for (;;) {}\n};\n");
  await run(page);
  await expect(verdict(page)).toContainText("Running");
  await expect(details).toHaveAttribute("data-stale", "true");
  await expect(details).toHaveAttribute("aria-busy", "true");
  await expect(details).toContainText("first run");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(verdict(page)).toContainText("Stopped");
  // A stopped run has no details of its own, and the previous run's are not passed off as its.
  await expect(details).toHaveCount(0);
  await replaceCode(page, "export const handler = async () => 1;\n");
  await run(page);
  await expect(verdict(page)).toContainText("Finished in", { timeout: 20_000 });
});

test("a share link restores the panel without running it", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await openEditor(page);
  await replaceCode(page, "export const handler = async () => {\n  await new Promise((r) => setTimeout(r, 7000));\n};\n");
  await page.getByRole("combobox", { name: /^Platform/ }).selectOption("gcp-functions");
  await page.getByLabel(/^Timeout/).fill("5");
  await page.getByRole("button", { name: "Share" }).click();
  await expect(page.locator(".runner-notice")).toContainText("Share link copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`${ARTICLE}#run=`));

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  await expect(other.locator(".monaco-editor")).toContainText("setTimeout(r, 7000)");
  await expect(other.getByRole("combobox", { name: /^Platform/ })).toHaveValue("gcp-functions");
  await expect(other.getByLabel(/^Timeout/)).toHaveValue("5");
  await expect(other.getByTestId("verdict")).toContainText("Restored from a share link");
  await expect(other.locator(".verdict[data-verdict]")).toHaveCount(0);
  await other.getByRole("button", { name: /^Run/ }).click();
  await expect(other.getByTestId("verdict")).toContainText("Timed out at 5.0 s at line 2", { timeout: 20_000 });

  // The run, ready to paste into an issue tracker.
  await other.getByRole("button", { name: "Copy as Markdown" }).click();
  await expect(other.locator(".runner-notice")).toContainText("Copied as Markdown");
  const markdown = await other.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain("```js\nexport const handler = async () => {");
  expect(markdown).toContain("**Verdict:** Timed out at 5.0 s at line 2.");
  expect(markdown).toMatch(/\[Open this run in Deadline\]\(http.*#run=/);
});

test("the person's code is kept per article and Reset brings back the example", async ({ page }) => {
  await openEditor(page);
  await replaceCode(page, "def handler(job):\n    return 'mine'\n");
  await page.reload();
  await page.getByRole("button", { name: "Edit & run" }).click();
  await expect(page.locator(".monaco-editor")).toContainText("return 'mine'", { timeout: 20_000 });
  await page.getByRole("button", { name: "Reset to example" }).click();
  await expect(page.locator(".monaco-editor")).toContainText("StableDiffusionXLPipeline.from_pretrained");
});

for (const scheme of ["light", "dark"] as const) {
  test(`the open editor and its verdict have no detectable accessibility violations (${scheme})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ colorScheme: scheme, baseURL });
    const page = await context.newPage();
    await openEditor(page);
    await run(page);
    await expect(page.locator(".verdict[data-verdict]")).toBeVisible({ timeout: 60_000 });
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")} — ${v.help}`)).toEqual([]);
    await context.close();
  });
}
