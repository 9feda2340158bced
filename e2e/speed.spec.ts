import type { CDPSession, Page } from "@playwright/test";
import { ARTICLE, expect, test } from "./fixtures";

// Issue 16: the runtime is fetched while the person reads, never before the article itself, and
// only once: a second visit takes every runtime file from the browser's cache.
test.setTimeout(120_000);

const RUNTIME = /\/runtime\/(pyodide|runner|monaco)\/[0-9a-f]{16}\//;

type Seen = { url: string; cached: boolean; status: number; finished: boolean };

/** Every runtime response the page gets, and whether the network was asked for it. */
async function watchRuntime(page: Page): Promise<{ seen: Seen[]; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const seen: Seen[] = [];
  const served = new Set<string>();
  cdp.on("Network.requestServedFromCache", (e) => served.add(e.requestId));
  const byId = new Map<string, Seen>();
  cdp.on("Network.responseReceived", (e) => {
    if (!RUNTIME.test(e.response.url)) return;
    const entry = { url: e.response.url, status: e.response.status, cached: e.response.fromDiskCache || served.has(e.requestId), finished: false };
    seen.push(entry);
    byId.set(e.requestId, entry);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const entry = byId.get(e.requestId);
    if (entry) entry.finished = true;
  });
  return { seen, cdp };
}

/** Waits until the Python runtime's files have all arrived. */
async function pythonDownloaded(seen: Seen[]) {
  await expect.poll(() => seen.filter((s) => /\/pyodide\//.test(s.url) && s.finished).length, { timeout: 60_000 }).toBe(5);
  await expect.poll(() => seen.some((s) => /simulator\.worker\.js$/.test(s.url) && s.finished), { timeout: 60_000 }).toBe(true);
}

test("the article is on screen and loaded before any runtime file is asked for; Monaco waits for Edit & run", async ({ page }) => {
  const { seen } = await watchRuntime(page);
  await page.goto(ARTICLE);
  await expect(page.locator('figure[data-variant="broken"]')).toContainText("runpod.serverless.start");
  await pythonDownloaded(seen);
  const timing = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const runtime = performance.getEntriesByType("resource").filter((r) => /\/runtime\//.test(r.name));
    return { fcp: paint?.startTime ?? Infinity, load: navigation.loadEventEnd, firstRuntime: Math.min(...runtime.map((r) => r.startTime)) };
  });
  expect(timing.fcp, "the article painted").toBeLessThan(Infinity);
  expect(timing.firstRuntime, "first runtime fetch after the article's first paint").toBeGreaterThan(timing.fcp);
  expect(timing.firstRuntime, "first runtime fetch after the article's load event").toBeGreaterThanOrEqual(timing.load);
  expect(seen.filter((s) => /\/monaco\//.test(s.url))).toEqual([]);

  await page.getByRole("button", { name: "Edit & run" }).click();
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  expect(seen.some((s) => /\/monaco\/[0-9a-f]{16}\/vs\//.test(s.url))).toBe(true);
});

test("time spent reading downloads the Python runtime: Run then downloads nothing and shows no download", async ({ page }) => {
  const { seen } = await watchRuntime(page);
  await page.goto(ARTICLE);
  await pythonDownloaded(seen);
  const before = seen.length;
  const stages: string[] = [];
  await page.exposeFunction("__stage", (text: string) => stages.push(text));
  await page.getByRole("button", { name: "Edit & run" }).click();
  await page.getByRole("button", { name: /^Run/ }).waitFor();
  await page.evaluate(() => {
    const target = document.querySelector('[data-testid="verdict"]')!;
    new MutationObserver(() => (window as unknown as { __stage: (t: string) => void }).__stage(target.textContent ?? "")).observe(target, { childList: true, subtree: true, characterData: true });
  });
  await page.getByRole("button", { name: /^Run/ }).click();
  await expect(page.getByTestId("verdict")).toContainText("Timed out at 60.0 s at line 16", { timeout: 60_000 });
  expect(stages.filter((s) => s.includes("Downloading"))).toEqual([]);
  expect(seen.slice(before).filter((s) => !/\/monaco\//.test(s.url))).toEqual([]);
});

test("a second visit takes every runtime file from the browser's cache", async ({ context }) => {
  const first = await context.newPage();
  const one = await watchRuntime(first);
  await first.goto(ARTICLE);
  await pythonDownloaded(one.seen);
  await first.getByRole("button", { name: "Edit & run" }).click();
  await expect(first.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  await first.getByRole("button", { name: /^Run/ }).click();
  await expect(first.getByTestId("verdict")).toContainText("Timed out at 60.0 s", { timeout: 60_000 });
  expect(one.seen.every((s) => s.status === 200)).toBe(true);
  const files = new Set(one.seen.map((s) => s.url));
  await first.close();

  const second = await context.newPage();
  const two = await watchRuntime(second);
  await second.goto(ARTICLE);
  await pythonDownloaded(two.seen);
  await second.getByRole("button", { name: "Edit & run" }).click();
  await expect(second.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  await second.getByRole("button", { name: /^Run/ }).click();
  await expect(second.getByTestId("verdict")).toContainText("Timed out at 60.0 s", { timeout: 60_000 });
  expect(two.seen.length, "the second visit used the runtime").toBeGreaterThanOrEqual(6);
  expect(two.seen.filter((s) => !s.cached).map((s) => s.url), "runtime files fetched again").toEqual([]);
  expect(two.seen.filter((s) => !files.has(s.url)).map((s) => s.url), "files the first visit did not have").toEqual([]);
});

test("runtime files are immutable, versioned and sent precompressed", async ({ request, page }) => {
  const { seen } = await watchRuntime(page);
  await page.goto(ARTICLE);
  await pythonDownloaded(seen);
  const wasm = seen.find((s) => s.url.endsWith("pyodide.asm.wasm"))!.url;
  for (const [accept, encoding, smaller] of [
    ["gzip, deflate, br, zstd", "br", true],
    ["gzip, deflate", "gzip", true],
    ["identity", undefined, false],
  ] as const) {
    const response = await request.get(wasm, { headers: { "Accept-Encoding": accept } });
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(headers["content-encoding"]).toBe(encoding);
    expect(headers["content-type"]).toBe("application/wasm");
    const length = Number(headers["content-length"]);
    if (smaller) expect(length).toBeLessThan(5_000_000);
    else expect(length).toBeGreaterThan(9_000_000);
    // Decoded, every encoding is the same wasm module.
    const body = await response.body();
    expect([...body.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
  }
});

test("the page's own scripts are sent precompressed too, each the same script in every encoding", async ({ request, page }) => {
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (/\/_next\/static\/chunks\/.+\.js$/.test(response.url())) scripts.push(response.url());
  });
  await page.goto(ARTICLE);
  await page.waitForLoadState("load");
  expect(scripts.length).toBeGreaterThanOrEqual(3);
  for (const url of scripts) {
    const bodies: string[] = [];
    for (const [accept, encoding] of [
      ["gzip, deflate, br, zstd", "br"],
      ["gzip, deflate", "gzip"],
      ["identity", undefined],
    ] as const) {
      const response = await request.get(url, { headers: { "Accept-Encoding": accept } });
      expect(response.status(), url).toBe(200);
      const headers = response.headers();
      expect(headers["content-encoding"], url).toBe(encoding);
      expect(headers["content-type"]).toMatch(/^application\/javascript/);
      expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      bodies.push((await response.body()).toString("utf8"));
    }
    expect(bodies[0], url).toBe(bodies[2]);
    expect(bodies[1], url).toBe(bodies[2]);
  }
});
