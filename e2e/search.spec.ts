import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// What `netlify dev` prints when a function runs past its local limit: a multi-line Node.js
// stack, paths from the reporter's machine, as people paste it.
const NETLIFY_DEV_STACK = `◈ Error during invocation:  {
  errorMessage: 'Task timed out after 30.00 seconds',
  errorType: 'TimeoutError',
  stackTrace: [
    'new TimeoutError (/Users/sam/code/site/node_modules/lambda-local/build/lib/utils.js:119:28)',
    'Context.<anonymous> (/Users/sam/code/site/node_modules/lambda-local/build/lib/context.js:113:19)',
    'listOnTimeout (node:internal/timers:573:17)',
    'process.processTimers (node:internal/timers:514:7)'
  ]
}`;

test("a multi-line stack pasted into the header search lands on the right article", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/errors/runpod-handler-timeout");
  const box = page.getByRole("banner").getByRole("combobox", { name: "Search errors" });
  await box.focus();
  await page.evaluate((text) => navigator.clipboard.writeText(text), NETLIFY_DEV_STACK);
  await page.keyboard.press("ControlOrMeta+V");
  // The field shows one line; the search read the lines.
  await expect(box).toHaveValue(/Error during invocation: {2}\{ {3}errorMessage/);
  const listbox = page.getByRole("banner").getByRole("listbox");
  await expect(listbox.getByRole("option").first()).toContainText("netlify dev");
  await expect(listbox.getByRole("option").first()).toContainText("Netlify");
  await expect(listbox.getByRole("option").first().locator("mark").first()).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/errors\/netlify-dev-function-timeout(#[a-z0-9-]+)?$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("netlify dev");
});

test("results follow the keyboard: arrows move, Enter opens, Escape closes", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Paste what your logs said" });
  await box.fill("FUNCTION_INVOCATION_TIMEOUT");
  const options = page.locator(".search-box-hero").getByRole("option");
  await expect(options.first()).toContainText("FUNCTION_INVOCATION_TIMEOUT");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await box.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
  await box.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await box.press("ArrowUp");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/errors\/vercel-function-invocation-timeout(#[a-z0-9-]+)?$/);
});

test("/ and Ctrl-K focus the search box", async ({ page }) => {
  await page.goto("/errors/runpod-handler-timeout");
  const box = page.getByRole("combobox", { name: "Search errors" });
  await expect(page.locator("html")).toHaveAttribute("data-search-shortcuts", "ready");
  await page.locator("body").press("/");
  await expect(box).toBeFocused();
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Control+k");
  await expect(box).toBeFocused();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-search-shortcuts", "ready");
  await page.locator("body").press("/");
  await expect(page.getByRole("combobox", { name: "Paste what your logs said" })).toBeFocused();
});

test("a results page can be shared, and links to the best cause", async ({ page }) => {
  const q = "[/aws/lambda/orders] 2024-06-25T19:22:58.186Z Task timed out after 30.27 seconds\nError: Runtime exited with error: signal: killed\nRuntime.ExitError";
  await page.goto(`/search?q=${encodeURIComponent(q)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
  await expect(page.getByRole("textbox", { name: "Paste what your logs said" })).toHaveValue(q);
  const first = page.locator(".search-result").first();
  await expect(first.getByRole("link").first()).toHaveAttribute("href", /^\/errors\/aws-lambda-task-timed-out(#[a-z0-9-]+)?$/);
  await expect(first).toContainText("AWS Lambda");
  await expect(first.locator("mark").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("when nothing matches well, the page says so and shows what it recognised", async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent("panic: runtime error: index out of range [3] with length 3\ngoroutine 1 [running]:")}`);
  await expect(page.getByRole("heading", { name: "Deadline has no article for this error" })).toBeVisible();
  await expect(page.locator(".search-recognised")).toBeVisible();
  // "runtime", "out", "index" and "running" are in many articles; none of them is about this.
  expect(await page.locator(".search-result").count()).toBeLessThanOrEqual(2);
});

test("the search box works on a phone and in the dark", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/errors/runpod-handler-timeout");
  const box = page.getByRole("combobox", { name: "Search errors" });
  await box.fill("Endpoint request timed out");
  const popup = page.locator(".search-box-header .search-popup");
  await expect(popup.getByRole("option").first()).toContainText("API Gateway");
  const { width } = (await popup.boundingBox())!;
  expect(width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const results = await new AxeBuilder({ page }).include(".search-box-header").analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("the JSON API answers GET and POST, and refuses bad requests clearly", async ({ request }) => {
  const get = await request.get(`/api/search?q=${encodeURIComponent("Endpoint request timed out")}&limit=2`);
  expect(get.status()).toBe(200);
  const results = (await get.json()) as { slug: string; url: string; platform: string; score: number }[];
  expect(results).toHaveLength(2);
  expect(results[0]).toMatchObject({ slug: "api-gateway-endpoint-request-timed-out", platform: "aws-api-gateway" });
  expect(get.headers()["x-search-verdict"]).toBe("match");
  const panic = await request.get(`/api/search?q=${encodeURIComponent("panic: runtime error: index out of range [3] with length 3")}`);
  expect(panic.headers()["x-search-verdict"]).toBe("not-covered");
  expect(((await panic.json()) as unknown[]).length).toBeLessThanOrEqual(2);
  const post = await request.post("/api/search", { data: NETLIFY_DEV_STACK, headers: { "content-type": "text/plain" } });
  expect(post.status()).toBe(200);
  expect(((await post.json()) as { slug: string }[])[0]?.slug).toBe("netlify-dev-function-timeout");
  expect((await request.get("/api/search")).status()).toBe(400);
  expect((await request.get("/api/search?q=x&limit=0")).status()).toBe(400);
  expect((await request.post("/api/search", { data: "x".repeat(2 * 1024 * 1024 + 1), headers: { "content-type": "text/plain" } })).status()).toBe(413);
});
