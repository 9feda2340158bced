// What the editor journeys do the same way: open the article's editor, paste over its code as a
// person pasting their handler would, and read the verdict.
import type { Page } from "@playwright/test";
import { ARTICLE, expect } from "./fixtures";

export const verdict = (page: Page) => page.getByTestId("verdict");

/** Opens the article's editor; Monaco's first load takes longer on a cold or busy server. */
export async function openEditor(page: Page, timeout = 30_000) {
  await page.goto(ARTICLE);
  await page.getByRole("button", { name: "Edit & run" }).click();
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout });
}

/** Pastes over everything in the editor and waits until `shows` (default: the code's first line) is in view. */
export async function replaceCode(page: Page, code: string, shows = code.split("\n")[0]!.trim().slice(0, 20)) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText(shows);
}
