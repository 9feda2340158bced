// The runaways that can kill the runner's process (CRASH_PRONE in sandbox-probes.ts), checked for
// what the sandbox promises when that happens: the page survives and keeps answering, the run
// ends with a verdict within 5 s of real time, nothing left the runner, nothing was stored, and
// the next runs, JS and Python, work. Playwright would declare the page crashed the moment the
// runner frame's process dies (see cdp-pipe.ts), so this journey drives Chromium itself.
import { expect, test } from "@playwright/test";
import { encodeState, type EditorState } from "../lib/runner/browser/share";
import { PipeBrowser, type PipePage } from "./cdp-pipe";
import { ARTICLE } from "./fixtures";
import { CANARY, CANARY_VERDICT, CRASH_PRONE, originStorage, PROBES, type Lang } from "./sandbox-probes";

type Run = { verdict: string; meta: string; stdout: string; returned: string; realMs: number; longestTaskMs: number };

let browser: PipeBrowser;
let page: PipePage;
let origin: string;

const LANGUAGE: Record<Lang, string> = { js: "javascript", python: "python" };

/** Puts the code in the editor and picks its language, as a paste and a choice would. */
async function setCode(code: string, lang: Lang) {
  await page.evaluate(`(() => {
    const editor = monaco.editor.getEditors()[0];
    editor.setValue(${JSON.stringify(code)});
    const select = [...document.querySelectorAll("select")].find((s) => s.labels?.[0]?.textContent?.trim().startsWith("Language"));
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(select, ${JSON.stringify(LANGUAGE[lang])});
    select.dispatchEvent(new Event("change", { bubbles: true }));
  })()`);
  await page.waitFor(`[...document.querySelectorAll("select")].find((s) => s.labels?.[0]?.textContent?.trim().startsWith("Language"))?.value === ${JSON.stringify(LANGUAGE[lang])}`);
  await new Promise((resolve) => setTimeout(resolve, 250));
}

/** Presses Run; real ms from the click to the verdict, and the page's longest task meanwhile. */
function run(): Promise<Run> {
  return page.evaluate<Run>(
    `(async () => {
      const target = document.querySelector('[data-testid="verdict"]');
      let clicked = 0;
      let longest = 0;
      const tasks = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (clicked && entry.startTime >= clicked) longest = Math.max(longest, entry.duration);
      });
      tasks.observe({ type: "longtask" });
      const done = new Promise((resolve) => {
        let started = false;
        const observer = new MutationObserver(() => {
          const running = document.querySelector('.runner[data-state="running"]') !== null;
          started ||= running;
          if (started && !running && target.querySelector(".verdict[data-verdict]")) {
            observer.disconnect();
            resolve(performance.now() - clicked);
          }
        });
        observer.observe(document.querySelector(".runner"), { childList: true, subtree: true, attributes: true });
      });
      clicked = performance.now();
      [...document.querySelectorAll("button")].find((b) => /^Run/.test(b.textContent ?? "")).click();
      const realMs = await done;
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The run's and its verdict's tasks: the wait for the details below is not the run's.
      tasks.disconnect();
      // The details follow the verdict a render later: wait for this run's.
      for (const until = performance.now() + 10000; document.querySelector(".runner[data-details-pending]") && performance.now() < until; )
        await new Promise((resolve) => setTimeout(resolve, 20));
      const text = (selector) => document.querySelector(selector)?.textContent ?? "";
      return { verdict: text(".verdict[data-verdict]"), meta: text(".verdict-meta"), stdout: text(".stdout"), returned: text(".return-value"), realMs, longestTaskMs: longest };
    })()`,
    60_000,
  );
}

/** What the page's own origin has stored (sandbox-probes.ts). */
const storage = () => page.evaluate<unknown>(`(${originStorage.toString()})()`);

async function expectCanary(lang: Lang) {
  await setCode(CANARY[lang], lang);
  const canary = await run();
  expect(canary.verdict, canary.meta).toMatch(CANARY_VERDICT);
  expect(canary.stdout).toBe("canary\n");
  expect(canary.returned.replace(/\s/g, "")).toBe('{"canary":42}');
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  origin = new URL(baseURL!).origin;
  browser = PipeBrowser.launch();
  page = await browser.newPage();
  // Opened from a share link, as a person who was sent the code would: the settings come with it.
  const state: EditorState = { code: CANARY.python, language: "python", platform: "aws-lambda", timeout: 30, event: "{}", latency: [], responses: [], model: "", cost: [], handler: "", env: "", concurrency: 1, plan: null };
  await page.open(`${origin}${ARTICLE}#${await encodeState(state)}`);
  await page.waitFor(`[...document.querySelectorAll("button")].some((b) => b.textContent?.includes("Edit & run") || /^Run/.test(b.textContent ?? ""))`);
  await page.evaluate(`[...document.querySelectorAll("button")].find((b) => b.textContent?.includes("Edit & run"))?.click()`);
  await page.waitFor(`window.monaco?.editor.getEditors().length > 0`, 60_000);
  // Warm both runtimes, so the runner frame holds Python's too, as it does for a reader who ran both.
  await expectCanary("python");
  await expectCanary("js");
});

test.afterAll(async () => {
  await browser?.close();
});

for (const probe of PROBES.filter((p) => CRASH_PRONE.has(p.name))) {
  test(`probe — ${probe.name}: the page survives its sandbox's death`, async () => {
    test.setTimeout(90_000);
    const before = await storage();
    const seen = page.requests.length;
    const crashesBefore = page.crashed.length;
    await setCode(probe.code, probe.lang);
    const outcome = await run();

    expect(outcome.verdict, outcome.meta).toMatch(probe.verdict);
    expect(outcome.realMs, "a runaway answers within 5 s of real time").toBeLessThan(5000);
    expect(outcome.longestTaskMs, "the page's longest main-thread task").toBeLessThan(200);
    expect(page.crashedItself, "the page itself crashed").toBe(false);
    test.info().annotations.push({ type: "runner process", description: page.crashed.length > crashesBefore ? "crashed (out of memory) and was replaced" : "survived" });

    // Nothing left the runner: its frame and workers asked for nothing but their own data.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const made = page.requests.slice(seen);
    expect(made.filter((r) => !r.fromPage && !/^(data|blob):/.test(r.url) && !r.url.startsWith(`${origin}/runtime/runner/`)).map((r) => r.url)).toEqual([]);
    expect(made.filter((r) => !r.url.startsWith(origin) && !/^(data|blob):/.test(r.url)).map((r) => r.url)).toEqual([]);
    expect(await storage()).toEqual(before);

    // The next runs, in both languages, are untouched; a dead runner was replaced before them.
    await expectCanary("js");
    await expectCanary("python");
  });
}
