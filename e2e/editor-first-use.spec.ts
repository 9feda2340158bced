import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { inflateRawSync } from "node:zlib";
import { ARTICLE, expect, test } from "./fixtures";
import { openEditor, replaceCode, verdict } from "./editor-helpers";

// Issue 15, the editor: keyboard, phone, log timestamps, Stop, share links, Copy as Markdown and
// live output, each as a person meets them on the built site.

// Cold Python starts load Pyodide in the worker: allow for it on a busy machine.
test.setTimeout(120_000);

async function jsOnLambda(page: Page, code: string, timeout = "30") {
  await replaceCode(page, code);
  await page.getByRole("combobox", { name: /^Platform/ }).selectOption("aws-lambda");
  await page.getByLabel(/^Timeout/).fill(timeout);
}

const run = (page: Page) => page.getByRole("button", { name: /^Run/ }).click();

/** The state a share link holds, read as the page would (deflate-raw, base64url JSON). */
function linkState(link: string): { code: string; platform: string; timeout: number | null } {
  const hash = new URL(link).hash.replace(/^#run=/, "");
  return JSON.parse(inflateRawSync(Buffer.from(hash, "base64url")).toString("utf8")) as { code: string; platform: string; timeout: number | null };
}

/**
 * Presses Stop from inside the page the moment the live output shows `text` while the run is
 * still going: a run lasts a few real seconds at most, and on a loaded machine a click from the
 * test process can land after it ended. Keeps what the live view showed at that moment.
 */
async function stopWhenOutputShows(page: Page, text: string) {
  await page.evaluate((wanted) => {
    const w = window as unknown as { __seenLive: string | null };
    w.__seenLive = null;
    const observer = new MutationObserver(() => {
      const live = document.querySelector("[data-testid=live-output]");
      if (!live?.textContent?.includes(wanted) || !document.querySelector(".runner[data-state=running]")) return;
      w.__seenLive = live.textContent;
      observer.disconnect();
      [...document.querySelectorAll<HTMLButtonElement>(".runner-run button")].find((b) => b.textContent === "Stop")?.click();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, text);
}

const seenLive = (page: Page) => page.evaluate(() => (window as unknown as { __seenLive: string | null }).__seenLive);

// A handler that keeps the CPU busy and prints as it goes: it runs for real seconds until the
// simulator's runaway guard (3 s) ends it, long enough to watch its output arrive and to Stop it.
const CHATTY_LOOP = 'export const handler = async () => {\n  for (let i = 0; ; i++) {\n    const until = Date.now() + 40;\n    while (Date.now() < until) {}\n    console.log("tick " + i);\n  }\n};\n';

test("a keyboard reaches the editor in three Tabs and leaves it with Escape then Tab, or Ctrl+M", async ({ page }) => {
  await page.goto(ARTICLE);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the editor" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("#simulator")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Edit & run" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });

  // Next to the editor, the way out; Tab itself indents.
  await expect(page.locator(".editor-keys")).toContainText("Esc then Tab");
  await expect(page.locator(".editor-keys")).toContainText("Ctrl+M");
  const textbox = page.locator(".monaco-editor [role=textbox]");
  await expect(textbox).toHaveAttribute("aria-describedby", /keys/);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Tab");
  await expect(textbox).toBeFocused();

  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  const platform = page.getByRole("combobox", { name: /^Platform/ });
  await expect(platform).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(textbox).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: "Reset to example" })).toBeFocused();

  // Monaco's own toggle (monaco-editor 0.57: Ctrl+M, Ctrl+Shift+M on macOS) works too.
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press(process.platform === "darwin" ? "Control+Shift+M" : "Control+M");
  await page.keyboard.press("Tab");
  await expect(platform).toBeFocused();
});

test("on a 390 px phone the toolbar wraps compactly, the code and the timeline fit without clipping", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  await page.getByRole("button", { name: "Edit & run" }).click();
  await expect(page.locator(".monaco-editor .view-line").first()).toBeVisible({ timeout: 30_000 });

  const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
  // Buttons share rows: the three example buttons sit on at most two rows, and all inside the screen.
  const rows = new Set<number>();
  for (const name of ["Broken example", "Fixed example", "Your own handler"]) {
    const b = (await page.getByRole("button", { name, exact: true }).boundingBox())!;
    rows.add(Math.round(b.y));
    expect(b.x + b.width).toBeLessThanOrEqual(390);
  }
  expect(rows.size).toBeLessThanOrEqual(2);
  const runRow = await page.locator(".runner-run .button").evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().y)));
  expect(new Set(runRow).size).toBeLessThan(runRow.length);

  // The editor fits the screen, and its code wraps instead of running past its right edge.
  const editor = await box(".monaco-editor");
  expect(editor.x).toBeGreaterThanOrEqual(0);
  expect(editor.x + editor.width).toBeLessThanOrEqual(390);
  const overflowing = await page.locator(".monaco-editor .view-line > span").evaluateAll((lines, right) => lines.filter((l) => l.getBoundingClientRect().right > right + 1).length, editor.x + editor.width);
  expect(overflowing).toBe(0);

  await page.getByRole("button", { name: /^Run/ }).click();
  await expect(page.locator(".verdict[data-verdict]")).toBeVisible({ timeout: 90_000 });
  await expect(page.locator(".timeline-row").first()).toBeVisible();
  // Every timeline label is whole: nothing cut off, nothing past the screen.
  const labels = await page.locator(".timeline-label").evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? "", cut: el.scrollWidth > el.clientWidth + 1, right: el.getBoundingClientRect().right })));
  expect(labels.length).toBeGreaterThan(3);
  expect(labels.filter((l) => l.cut || l.right > 390)).toEqual([]);
  // The whole page still fits: nothing widens it sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).include(".runner-panel").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${scheme} ${v.id}: ${v.nodes[0]?.target.join(" ")} — ${v.help}`)).toEqual([]);
  }
  await context.close();
});

test("output streams while a long run goes; after Stop nothing claims a judgement, and the output so far stays", async ({ page }) => {
  await openEditor(page);
  await jsOnLambda(page, CHATTY_LOOP);
  await stopWhenOutputShows(page, "tick 1");
  await run(page);
  await expect.poll(() => seenLive(page), { timeout: 30_000 }).toContain("Output so far");

  await expect(verdict(page)).toContainText("Stopped. Nothing was judged.");
  await expect(page.locator(".verdict-meta")).toContainText("You stopped it after");
  await expect(page.locator(".runner")).not.toContainText("Judged");
  await expect(page.locator(".timeline")).toHaveCount(0);
  await expect(page.locator(".monaco-editor .deadline-line")).toHaveCount(0);
  await expect(page.getByTestId("live-output")).toContainText("Output before it ended");
  await expect(page.getByTestId("live-output")).toContainText("tick 0");
  expect(await seenLive(page)).toContain("tick 1");

  // A moment later, nothing has changed its mind: no late result is shown as a judgement.
  await page.waitForTimeout(4000);
  await expect(page.locator(".runner")).not.toContainText("Judged");
  await expect(verdict(page)).toContainText("Stopped. Nothing was judged.");

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
  await page.getByRole("button", { name: "Copy as Markdown" }).click();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain("**Verdict:** Stopped. Nothing was judged.");
  expect(markdown).not.toContain("Judged");

  // The output is capped: a flood of prints shows at most the live view's limit.
  await replaceCode(page, 'export const handler = async () => {\n  for (;;) console.log("x".repeat(200));\n};\n');
  await stopWhenOutputShows(page, "xxxxxxxx");
  await run(page);
  await expect(verdict(page)).toContainText("Stopped");
  expect((await page.locator(".live-output-text").textContent())!.length).toBeLessThanOrEqual(16_000);
});

test("stopping a JavaScript run leaves the warm Python runtime alone", async ({ page }) => {
  await openEditor(page);
  await page.getByRole("combobox", { name: /^Platform/ }).selectOption("aws-lambda");
  await page.getByLabel(/^Timeout/).fill("30");
  await replaceCode(page, "import time\ndef lambda_handler(event, context):\n    time.sleep(1)\n    return 'py'\n");
  await run(page);
  await expect(verdict(page)).toContainText("Finished in 1.0 s", { timeout: 100_000 });
  await page.evaluate(() => {
    const w = window as unknown as { __frame: Element | null; __stages: string[] };
    w.__frame = document.querySelector("iframe[title='Simulator sandbox']");
    w.__stages = [];
    new MutationObserver(() => w.__stages.push(document.querySelector("[data-testid=verdict]")?.textContent ?? "")).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await replaceCode(page, CHATTY_LOOP);
  await stopWhenOutputShows(page, "tick 0");
  await run(page);
  await expect(verdict(page)).toContainText("Stopped. Nothing was judged.");

  await replaceCode(page, "import time\ndef lambda_handler(event, context):\n    time.sleep(2)\n    return 'py again'\n");
  await run(page);
  await expect(verdict(page)).toContainText("Finished in 2.0 s", { timeout: 30_000 });
  // The same sandbox, and the Python run never went back to loading or starting the runtime.
  expect(await page.evaluate(() => document.querySelector("iframe[title='Simulator sandbox']") === (window as unknown as { __frame: Element | null }).__frame)).toBe(true);
  const stages = await page.evaluate(() => (window as unknown as { __stages: string[] }).__stages);
  expect(stages.filter((s) => /Downloading the Python runtime|Starting Python/.test(s))).toEqual([]);
});

test("the platform's log line carries the run's real start, and Copy as Markdown describes the run that ran", async ({ page }) => {
  await openEditor(page);
  await jsOnLambda(page, 'export const handler = async () => {\n  await new Promise((r) => setTimeout(r, 9000));\n};\n', "3");
  const pressed = await page.evaluate(() => new Date().toISOString().slice(0, 10));
  await run(page);
  await expect(verdict(page)).toContainText("Timed out at 3.0 s at line 2", { timeout: 30_000 });
  const logged = (await page.locator(".platform-message").textContent())!;
  expect(logged).toMatch(new RegExp(`^${pressed}T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z [0-9a-f-]+ Task timed out after 3\\.00 seconds`));
  if (pressed !== "2026-11-01") expect(logged).not.toContain("2026-11-01");

  // Edited after the run: the report and its link still describe the run that ran.
  await replaceCode(page, "export const handler = async () => 'edited later';\n");
  await page.getByLabel(/^Timeout/).fill("12");
  await page.getByRole("button", { name: "Copy as Markdown" }).click();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain("setTimeout(r, 9000)");
  expect(markdown).not.toContain("edited later");
  expect(markdown).toContain(", 3 s limit");
  const link = /\[Open this run in Deadline\]\((.*)\)/.exec(markdown)?.[1];
  expect(link).toBeTruthy();
  const state = linkState(link!);
  expect(state.code).toContain("setTimeout(r, 9000)");
  expect(state).toMatchObject({ platform: "aws-lambda", timeout: 3 });
  expect(markdown).toContain(logged.trim().split("\n")[0]!);
});

test("a share link opened on the article already open restores it at once, editor open or not", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await openEditor(page);
  await jsOnLambda(page, "export const handler = async () => 'shared one';\n", "7");
  await page.getByRole("button", { name: "Share" }).click();
  await expect(page.locator(".runner-notice")).toContainText("Share link copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());

  // The editor is open on something else; the link is opened (no reload): it is restored.
  await page.getByRole("button", { name: "Reset to example" }).click();
  await expect(page.locator(".monaco-editor")).toContainText("StableDiffusionXLPipeline");
  await page.evaluate((href) => (window.location.href = href), link);
  await expect(page.locator(".monaco-editor")).toContainText("shared one");
  await expect(page.getByRole("combobox", { name: /^Platform/ })).toHaveValue("aws-lambda");
  await expect(page.getByLabel(/^Timeout/)).toHaveValue("7");
  await expect(page.locator(".runner-notice")).toContainText("Restored from a share link");

  // On a fresh visit with the editor closed, the link opens it.
  const other = await context.newPage();
  await other.goto(ARTICLE);
  // Once the article has come alive (its notice about the edits kept from the first page shows).
  await expect(other.getByTestId("verdict")).toContainText("Your edits from last time are kept", { timeout: 30_000 });
  await other.evaluate((hash) => (window.location.hash = hash), new URL(link).hash);
  await expect(other.locator(".monaco-editor")).toContainText("shared one", { timeout: 30_000 });
  await expect(other.getByTestId("verdict")).toContainText("Restored from a share link");
  await expect(other.locator(".verdict[data-verdict]")).toHaveCount(0);
});

test("a damaged share link says so, and the saved edits stay shown and stored", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await openEditor(page);
  await replaceCode(page, "def handler(job):\n    return 'my saved edit'\n");
  await expect.poll(() => page.evaluate(() => localStorage.getItem("deadline:editor:runpod-handler-timeout") ?? "")).toContain("my saved edit");
  await page.getByRole("button", { name: "Share" }).click();
  // The link is written once it is encoded: read before that, the clipboard holds whatever an
  // earlier test in this browser copied.
  await expect(page.locator(".runner-notice")).toContainText("Share link copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#run=/);
  const damaged = link.slice(0, -12);

  const other = await context.newPage();
  await other.goto(damaged);
  await expect(other.getByTestId("verdict")).toContainText("This share link is damaged and could not be opened", { timeout: 30_000 });
  await expect(other.getByTestId("verdict")).toContainText("Your own edits from last time are shown instead");
  await expect(other.locator(".monaco-editor")).toContainText("my saved edit", { timeout: 30_000 });
  expect(other.url()).toBe(damaged);
  await other.waitForTimeout(500);
  expect(await other.evaluate(() => localStorage.getItem("deadline:editor:runpod-handler-timeout") ?? "")).toContain("my saved edit");

  // Damaged while the editor is open: what is there stays.
  await other.evaluate(() => (window.location.hash = "#run=AAAA-not-a-link"));
  await expect(other.getByTestId("verdict")).toContainText("What you had in the editor stays as it was");
  await expect(other.locator(".monaco-editor")).toContainText("my saved edit");
  for (const scheme of ["light", "dark"] as const) {
    await other.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page: other }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${scheme} ${v.id}: ${v.nodes[0]?.target.join(" ")} — ${v.help}`)).toEqual([]);
  }
});
