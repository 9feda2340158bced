import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// An aiohttp client timeout as a RunPod worker logs it: the bare asyncio.exceptions.TimeoutError
// at the end is raised from aiohttp/helpers.py, which the RunPod execution-timeout article and the
// asyncio article both say is not theirs.
const AIOHTTP_TIMEOUT = `2024-05-02T10:11:12.123Z ERROR | Job 8f2c failed
Traceback (most recent call last):
  File "/usr/local/lib/python3.10/site-packages/aiohttp/client_reqrep.py", line 1059, in start
    message, payload = await protocol.read()  # type: ignore[union-attr]
  File "/usr/local/lib/python3.10/site-packages/aiohttp/streams.py", line 671, in read
    await self._waiter
asyncio.exceptions.CancelledError

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/handler.py", line 41, in handler
    async with session.post(url, json=payload) as resp:
  File "/usr/local/lib/python3.10/site-packages/aiohttp/client.py", line 1194, in __aenter__
    self._resp = await self._coro
  File "/usr/local/lib/python3.10/site-packages/aiohttp/client.py", line 605, in _request
    await resp.start(conn)
  File "/usr/local/lib/python3.10/site-packages/aiohttp/client_reqrep.py", line 1054, in start
    with self._timer:
  File "/usr/local/lib/python3.10/site-packages/aiohttp/helpers.py", line 735, in __exit__
    raise asyncio.TimeoutError from None
asyncio.exceptions.TimeoutError`;

const NULL_DEREF = "TypeError: Cannot read properties of undefined (reading 'map')\n    at News.render (https://example.test/static/js/bundle.js:318:39)";

const search = (q: string, platform?: string) => `/search?q=${encodeURIComponent(q)}${platform ? `&platform=${platform}` : ""}`;

test("an article's own 'not this error' ranks it down: an aiohttp timeout lands on aiohttp, not on RunPod or asyncio", async ({ page }) => {
  await page.goto(search(AIOHTTP_TIMEOUT));
  const results = page.locator(".search-result");
  await expect(results.first().locator(".search-result-title")).toContainText("aiohttp");
  await expect(page.locator(".search-result", { hasText: "RunPod serverless job exceeded its execution timeout" })).toHaveCount(0);
  const asyncio = page.locator(".search-result", { hasText: "asyncio.TimeoutError from wait_for" });
  await expect(asyncio.locator(".search-result-ruled-out")).toContainText("aiohttp/helpers.py");
});

test("an error Deadline does not cover is said plainly, with what was recognised and a request to copy", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto(search(NULL_DEREF));
  await expect(page.getByRole("heading", { name: "Deadline has no article for this error" })).toBeVisible();
  await expect(page.locator(".search-recognised")).toContainText("TypeError");
  expect(await page.locator(".search-result").count()).toBeLessThanOrEqual(2);
  await expect(page.locator(".search-result-cause")).toHaveCount(0);
  await page.getByRole("link", { name: "Request an article" }).click();
  await expect(page).toHaveURL(/\/search\/request\?q=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request an article");
  const body = page.getByLabel("Text of the issue");
  await expect(body).toHaveValue(/# Article request: TypeError/);
  await expect(body).toHaveValue(/Cannot read properties of undefined \(reading 'map'\)/);
  await page.getByRole("button", { name: "Copy the request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("- Exception: `TypeError`");
});

test("a paste that shares nothing with any article is not a dead end: the platform index and popular articles", async ({ page }) => {
  await page.goto(search("segfault in libfoo"));
  await expect(page.getByRole("heading", { name: "Deadline has no article for this error" })).toBeVisible();
  await expect(page.locator(".search-result")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Popular articles" })).toBeVisible();
  expect(await page.locator(".search-popular li").count()).toBeGreaterThanOrEqual(3);
  await page.getByRole("link", { name: "Browse articles by platform" }).click();
  await expect(page).toHaveURL(/\/#articles$/);
  await expect(page.getByRole("heading", { name: "AWS Lambda", exact: false }).first()).toBeVisible();
});

test("a line many articles share shows the two likeliest and what would tell them apart", async ({ page }) => {
  await page.goto(search("Task timed out after 3.00 seconds"));
  await expect(page.getByRole("heading", { name: "Two articles fit this equally well" })).toBeVisible();
  const contrast = page.locator(".search-contrast li");
  await expect(contrast).toHaveCount(2);
  await expect(contrast.first().locator("code").first()).toBeVisible();
});

test("the home page's example chips run their search", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("list", { name: /Errors people bring here/ }).getByRole("link", { name: "FUNCTION_INVOCATION_TIMEOUT" }).click();
  await expect(page).toHaveURL(/\/search\?q=FUNCTION_INVOCATION_TIMEOUT$/);
  await expect(page.locator(".search-result").first()).toContainText("FUNCTION_INVOCATION_TIMEOUT");
});

test("recent searches are kept in this browser, listed on the search page, and can be cleared", async ({ page }) => {
  await page.goto(search("code=H12 desc=\"Request timeout\""));
  await expect(page.locator(".search-result").first()).toBeVisible();
  await page.goto(search("[CRITICAL] WORKER TIMEOUT"));
  const recent = page.getByRole("region", { name: "Your recent searches" });
  await expect(recent.getByRole("link")).toHaveText(['code=H12 desc="Request timeout"']);
  // Nothing of it went to the server: it lives in localStorage.
  expect(await page.evaluate(() => localStorage.getItem("deadline:recent-searches"))).toContain("WORKER TIMEOUT");
  await page.reload();
  await expect(recent.getByRole("link")).toHaveCount(1);
  await recent.getByRole("link").click();
  await expect(page).toHaveURL(/H12/);
  await expect(page.getByRole("region", { name: "Your recent searches" }).getByRole("link")).toHaveText(["[CRITICAL] WORKER TIMEOUT"]);
  await page.getByRole("button", { name: "Clear recent searches" }).click();
  await expect(page.getByRole("region", { name: "Your recent searches" })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("deadline:recent-searches"))).toBeNull();
});

test("the platform filter keeps one platform's articles, in the link and without JavaScript", async ({ page, browser, baseURL }) => {
  await page.goto(search("Task timed out after 3.00 seconds"));
  await page.getByLabel("Platform").selectOption("netlify");
  await expect(page).toHaveURL(/platform=netlify/);
  await expect(page.getByRole("heading", { level: 2, name: /on Netlify/ })).toBeVisible();
  const platforms = await page.locator(".search-result .search-platform").allTextContents();
  expect(platforms.length).toBeGreaterThan(0);
  expect(new Set(platforms)).toEqual(new Set(["Netlify"]));

  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const plain = await context.newPage();
  await plain.goto(search("TimeoutError"));
  await plain.getByLabel("Platform").selectOption("node");
  await plain.getByRole("button", { name: "Search" }).click();
  await expect(plain).toHaveURL(/platform=node/);
  expect(new Set(await plain.locator(".search-result .search-platform").allTextContents())).toEqual(new Set(["Node.js"]));
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  test(`search verdicts, the filter, recent searches and the request page have no accessibility violations (${scheme})`, async ({ browser, baseURL }) => {
    test.slow();
    const context = await browser.newContext({ colorScheme: scheme, baseURL });
    const page = await context.newPage();
    await page.goto(search("FUNCTION_INVOCATION_TIMEOUT"));
    for (const path of [search("Task timed out after 3.00 seconds"), search(NULL_DEREF), search("segfault in libfoo"), search(AIOHTTP_TIMEOUT), `/search/request?q=${encodeURIComponent(NULL_DEREF)}`, "/"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} — ${v.help}`);
      expect(summary, `${path.slice(0, 60)} (${scheme})`).toEqual([]);
    }
    // The search box's popup when nothing covers the paste.
    const box = page.getByRole("combobox", { name: "Paste what your logs said" });
    await box.fill("segfault in libfoo");
    await expect(page.locator(".search-box-hero .search-verdict")).toContainText("Deadline has no article for this error");
    const popup = await new AxeBuilder({ page }).include(".search-box-hero").analyze();
    expect(popup.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });
}
