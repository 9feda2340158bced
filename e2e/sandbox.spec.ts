// The editor's sandbox, probed as an attacker would: a share link makes any handler someone else's
// code. Each probe runs through the editor on the built site and is checked for what the sandbox
// promises (lib/runner/browser/frame.ts): no request left the runner's frame or its workers, no
// storage was written, the page kept answering, the verdict is the expected one, and the next
// run (a canary with a known answer) is untouched. One page serves the whole corpus.
import { expect, test, type BrowserContext, type Page, type Request } from "@playwright/test";
import { ARTICLE } from "./fixtures";
import { CANARY, CANARY_VERDICT, CRASH_PRONE, originStorage, PROBES, type Lang } from "./sandbox-probes";

let context: BrowserContext;
let page: Page;
let origin: string;
const requests: Request[] = [];
/** requests that reached the network layer (CSP-blocked ones never do) */
const routed: Request[] = [];
let settings = { timeout: 0 };

test.setTimeout(60_000);

async function setCode(code: string, lang: Lang) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.locator(".monaco-editor .view-lines")).toContainText(code.split("\n")[0]!.trim().slice(0, 16));
  // Chosen, not guessed: a Python probe full of JavaScript strings must still run as Python.
  await page.getByLabel("Language").selectOption(lang === "js" ? "javascript" : "python");
  // Monaco finishes laying out the paste before Run is pressed: its work is not the run's.
  await page.waitForTimeout(250);
}

async function setTimeoutField(seconds: number) {
  if (settings.timeout === seconds) return;
  await page.getByLabel(/^Timeout/).fill(String(seconds));
  settings = { timeout: seconds };
}

type Run = { verdict: string; meta: string; ignored: number; stdout: string; returned: string; realMs: number; longestTaskMs: number };

type Watch = { longest: number; clicked: number; done: Promise<number> };

/** Presses Run; real ms from the click to the verdict on screen, timed in the page itself. */
async function run(): Promise<Run> {
  await page.evaluate(() => {
    const w = window as unknown as { __watch: Watch };
    const target = document.querySelector('[data-testid="verdict"]')!;
    let clicked = 0;
    const button = [...document.querySelectorAll("button")].find((b) => /^Run/.test(b.textContent ?? ""))!;
    button.addEventListener("click", () => (clicked = performance.now()), { once: true, capture: true });
    const watch = {
      longest: 0,
      get clicked() {
        return clicked;
      },
      done: new Promise<number>((resolve) => {
        // The verdict on screen before the click is the last run's: wait for this run to start.
        let started = false;
        const observer = new MutationObserver(() => {
          const running = document.querySelector('.runner[data-state="running"]') !== null;
          started ||= running;
          if (clicked && started && !running && target.querySelector(".verdict[data-verdict]")) {
            observer.disconnect();
            resolve(performance.now() - clicked);
          }
        });
        observer.observe(document.querySelector(".runner")!, { childList: true, subtree: true, attributes: true });
      }),
    };
    w.__watch = watch as unknown as Watch;
    // Long tasks are work that held the page's main thread, not time it merely waited for a core.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.startTime >= clicked) watch.longest = Math.max(watch.longest, entry.duration);
    }).observe({ type: "longtask" });
  });
  await page.getByRole("button", { name: /^Run/ }).click();
  const realMs = await page.evaluate(() => (window as unknown as { __watch: Watch }).__watch.done);
  await page.waitForTimeout(50);
  // The longest task is the run's and its verdict's: taken now, before the wait for the details,
  // whose length on a loaded machine has nothing to do with what the run did.
  const longestTaskMs = await page.evaluate(() => (window as unknown as { __watch: Watch }).__watch.longest);
  // The details follow the verdict a render later: read this run's.
  await expect(page.locator(".runner[data-details-pending]")).toHaveCount(0, { timeout: 10_000 });
  return page.evaluate(({ realMs, longestTaskMs }) => {
    const text = (selector: string) => document.querySelector(selector)?.textContent ?? "";
    return {
      verdict: text(".verdict[data-verdict]"),
      meta: text(".verdict-meta"),
      ignored: Number(document.querySelector(".verdict-meta")?.getAttribute("data-ignored") ?? 0),
      stdout: text(".stdout"),
      returned: text(".return-value"),
      realMs,
      longestTaskMs,
    };
  }, { realMs, longestTaskMs });
}

/** What the page's own origin has stored: nothing a run does may change it. */
const storage = () => page.evaluate(originStorage);

const fromRunner = (request: Request) => {
  try {
    return request.frame() !== page.mainFrame();
  } catch {
    return true;
  }
};

test.beforeAll(async ({ browser, baseURL }) => {
  // A cold start loads Pyodide: allow for it on a busy CI machine.
  test.setTimeout(120_000);
  origin = new URL(baseURL!).origin;
  context = await browser.newContext({ baseURL: baseURL! });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  await context.route("**/*", (route) => {
    routed.push(route.request());
    return route.continue();
  });
  page = await context.newPage();
  page.on("request", (request) => requests.push(request));
  await page.goto(ARTICLE);
  await page.getByRole("button", { name: "Edit & run" }).click();
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 20_000 });
  await page.getByRole("combobox", { name: /^Platform/ }).selectOption("aws-lambda");
  await setTimeoutField(30);
  // Warm both runtimes once, so every probe measures a run and not a download.
  for (const lang of ["js", "python"] as const) {
    await setCode(CANARY[lang], lang);
    const canary = await run();
    expect(canary.verdict).toMatch(CANARY_VERDICT);
  }
});

test.afterAll(async () => {
  await context?.close();
});

test("the page is cross-origin isolated and the runner frame is sandboxed with an opaque origin", async () => {
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const frame = page.locator('iframe[title="Simulator sandbox"]');
  await expect(frame).toHaveAttribute("sandbox", "allow-scripts");
  const runner = page.frames().find((f) => /\/runtime\/runner\/[0-9a-f]{16}\/frame\.html$/.test(f.url()))!;
  expect(await runner.evaluate(() => self.origin)).toBe("null");
});

for (const probe of PROBES.filter((p) => !CRASH_PRONE.has(p.name))) {
  test(`probe — ${probe.name}`, async () => {
    const runner = page.frames().find((f) => /\/runtime\/runner\/[0-9a-f]{16}\/frame\.html$/.test(f.url()));
    expect(runner, "the runner frame").toBeDefined();
    const code = probe.code.replaceAll("RUNNER", runner!.url().replace(/frame\.html$/, "").replace(/\/$/, "")).replaceAll("ORIGIN", origin);
    await setTimeoutField(probe.timeout ?? 30);
    const before = await storage();
    const seen = { requests: requests.length, routed: routed.length };
    await setCode(code, probe.lang);
    const outcome = await run();

    expect(outcome.verdict, outcome.meta).toMatch(probe.verdict);
    if (probe.stdout) expect(outcome.stdout).toMatch(probe.stdout);
    if (probe.ignored !== undefined) expect(outcome.ignored).toBeGreaterThanOrEqual(probe.ignored);
    if (probe.runaway) expect(outcome.realMs, "a runaway answers within 5 s of real time").toBeLessThan(5000);
    expect(outcome.longestTaskMs, "the page's longest main-thread task").toBeLessThan(200);

    // Nothing left the runner: requests from its frame or workers never reached the network.
    await page.waitForTimeout(100);
    const leaked = routed.slice(seen.routed).filter((request) => fromRunner(request) || /\/api\/|probe/.test(request.url()) || !request.url().startsWith(origin));
    expect(leaked.map((request) => request.url())).toEqual([]);
    const attempted = requests.slice(seen.requests).filter((request) => fromRunner(request) && !/^(blob|data):/.test(request.url()));
    for (const request of attempted) expect(request.failure()?.errorText ?? "reached the network", request.url()).toMatch(/^csp$|ERR_BLOCKED_BY_CSP|ERR_ABORTED|ERR_FAILED/);
    expect(await storage()).toEqual(before);

    // The next run is untouched by anything this one did.
    await setTimeoutField(30);
    await setCode(CANARY[probe.lang], probe.lang);
    const canary = await run();
    expect(canary.verdict).toMatch(CANARY_VERDICT);
    expect(canary.stdout).toBe("canary\n");
    expect(canary.returned.replace(/\s/g, "")).toBe('{"canary":42}');
    expect(canary.ignored).toBe(0);
  });
}

for (const lang of ["js", "python"] as const) {
  test(`Stop ends a ${lang} runaway that catches the interrupt at once, and the next run works`, async () => {
    await setTimeoutField(30);
    await setCode(
      lang === "js"
        ? "export const handler = async () => {\n  for (;;) { try { for (;;) {} } catch (e) {} }\n};\n"
        : "def handler(event, context):\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n",
      lang,
    );
    await page.getByRole("button", { name: /^Run/ }).click();
    await page.waitForTimeout(500);
    const started = Date.now();
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(page.getByTestId("verdict")).toContainText("Stopped. Nothing was judged.");
    expect(Date.now() - started).toBeLessThan(2000);
    await setCode(CANARY[lang], lang);
    expect((await run()).verdict).toMatch(CANARY_VERDICT);
  });
}
