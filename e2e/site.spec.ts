import { ARTICLE, expect, test } from "./fixtures";

test("the dark-mode toggle persists across reloads and pages", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(ARTICLE);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  const toggle = page.getByRole("button", { name: "Dark theme" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).toBe(dark);
  await page.goto("/");
  expect(await background()).toBe(dark);
  await page.getByRole("button", { name: "Dark theme" }).click();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await background()).toBe(light);
});

test("without a stored choice the theme follows the system", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "false");
});

test("the home page groups articles by platform", async ({ page }) => {
  await page.goto("/");
  const group = page.getByRole("region", { name: /RunPod/ });
  await expect(group.getByRole("heading")).toContainText("RunPod");
  await expect(group.getByRole("link")).not.toHaveCount(0);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /^https?:\/\/[^/]+\/?$/);
});

test("an unknown address is a 404 that suggests articles", async ({ page }) => {
  const response = await page.goto("/errors/no-such-error");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("timed out before it existed");
  await expect(page.getByRole("link", { name: /RunPod serverless job exceeded/ })).toBeVisible();
});

test("article pages carry their own description and canonical URL", async ({ page }) => {
  await page.goto(ARTICLE);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /execution timeout/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${ARTICLE}$`));
});
