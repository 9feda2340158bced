// The editor in real Chromium, as a reader uses it (needs `npm run build` first):
//   - time from Run to verdict, cold (runtime not loaded yet) and warm, for Python and JS. Warm
//     runs come after a pause, as a person reads a verdict before pressing Run again (each run
//     gets a fresh sandboxed worker, prepared during that pause); "back to back" presses Run the
//     moment the verdict appears, so it includes waiting for that worker;
//   - the longest main-thread task while a runaway loop spins in the worker.
//   npx tsx bench/editor.ts [runs] [pause ms]
import type { Page } from "@playwright/test";
import { withSite } from "./lib/serve";

const RUNS = Number(process.argv[2] ?? 5);
const PAUSE_MS = Number(process.argv[3] ?? 1500);
const ARTICLE = "/errors/runpod-handler-timeout";

async function openEditor(page: Page, origin: string) {
  await page.goto(origin + ARTICLE);
  await page.getByRole("button", { name: "Edit & run" }).click();
  await page.locator(".monaco-editor").waitFor();
}

async function paste(page: Page, code: string) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
}

/** Real ms from the Run click to the verdict being on screen. */
async function timeRun(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __verdict: Promise<number> };
    w.__verdict = new Promise((resolve) => {
      const target = document.querySelector('[data-testid="verdict"]')!;
      const observer = new MutationObserver(() => {
        if (target.querySelector(".verdict[data-verdict]")) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(target, { childList: true, subtree: true, attributes: true });
    });
  });
  const started = await page.evaluate(() => performance.now());
  await page.getByRole("button", { name: /^Run/ }).click();
  const ended = await page.evaluate(() => (window as unknown as { __verdict: Promise<number> }).__verdict);
  return ended - started;
}

async function warmRuns(page: Page): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.waitForTimeout(PAUSE_MS);
    times.push(await timeRun(page));
  }
  return times;
}

async function backToBack(page: Page): Promise<number[]> {
  await page.waitForTimeout(PAUSE_MS);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeRun(page));
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await withSite(async (origin, browser) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });

  // Python: the article's broken example (RunPod, 60 s limit, 70 s of simulated work).
  const py = await context.newPage();
  await openEditor(py, origin);
  const pyCold = await timeRun(py);
  const pyWarm = await warmRuns(py);
  const pyBack = await backToBack(py);
  console.log(`python (RunPod broken example, 60 s simulated): cold ${pyCold.toFixed(0)} ms (includes downloading and starting Pyodide), warm median ${median(pyWarm).toFixed(0)} ms over ${RUNS} (after ${PAUSE_MS} ms pauses), back to back median ${median(pyBack).toFixed(0)} ms`);
  await py.close();

  // JS: a Lambda handler awaiting 120 s of timers, in a fresh page so the JS runtime is cold.
  const js = await context.newPage();
  await openEditor(js, origin);
  await paste(js, "export const handler = async () => {\n  for (let i = 0; i < 120; i++) await new Promise((r) => setTimeout(r, 1000));\n  return 'ok';\n};\n");
  await js.getByRole("combobox", { name: /^Platform/ }).selectOption("aws-lambda");
  await js.getByLabel(/^Timeout/).fill("900");
  const jsCold = await timeRun(js);
  const jsWarm = await warmRuns(js);
  const jsBack = await backToBack(js);
  console.log(`js (Lambda, 120 s of timers): cold ${jsCold.toFixed(0)} ms (includes starting the worker), warm median ${median(jsWarm).toFixed(0)} ms over ${RUNS} (after ${PAUSE_MS} ms pauses), back to back median ${median(jsBack).toFixed(0)} ms`);

  // Runaway: a busy loop; the main thread must stay free while the worker spins.
  await paste(js, "export const handler = async () => {\n  for (;;) {}\n};\n");
  await js.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: "longtask" });
  });
  const spin = await timeRun(js);
  const longest = await js.evaluate(() => (window as unknown as { __longest: number }).__longest);
  console.log(`runaway loop: judged after ${spin.toFixed(0)} ms real; longest main-thread task meanwhile ${longest.toFixed(0)} ms (0 = none over 50 ms)`);
  await context.close();
});
