// scratch: trace one warm run (python or js) and print thread activity around it
import { withSite } from "./lib/serve";
import { readFileSync } from "node:fs";
const lang = process.argv[2] ?? "python";
const dir = process.argv[3];
await withSite(async (origin, browser) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  await page.goto(origin + "/errors/runpod-handler-timeout");
  await page.getByRole("button", { name: "Edit & run" }).click();
  await page.locator(".monaco-editor").waitFor();
  await page.getByRole("button", { name: /^Run/ }).click();
  await page.locator('.verdict[data-verdict]').waitFor({ timeout: 60000 });
  if (lang === "js") {
    await page.evaluate((text) => navigator.clipboard.writeText(text), "export const handler = async () => {\n  for (let i = 0; i < 120; i++) await new Promise((r) => setTimeout(r, 1000));\n  return 'ok';\n};\n");
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("ControlOrMeta+V");
    await page.getByRole("combobox", { name: /^Platform/ }).selectOption("aws-lambda");
    await page.getByLabel(/^Timeout/).fill("900");
    await page.getByRole("button", { name: /^Run/ }).click();
    await page.waitForTimeout(1000);
  }
  const run = page.getByRole("button", { name: /^Run/ });
  for (let i = 0; i < 3; i++) { await run.click(); await page.waitForTimeout(1500); }
  await run.hover();
  await page.waitForTimeout(1500);
  await browser.startTracing(page, { path: "/tmp/speedprof/trace.json", categories: ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline", "blink.user_timing", "toplevel", ...(process.env.PROF ? ["disabled-by-default-v8.cpu_profiler"] : [])] });
  await page.evaluate(() => { (window as any).__v = new Promise((res) => { const t = document.querySelector('[data-testid="verdict"]')!; const prev = t.querySelector(".verdict[data-verdict]"); const o = new MutationObserver(() => { const s = t.querySelector(".verdict[data-verdict]"); if (s && s !== prev) { o.disconnect(); performance.mark("verdict-dom"); requestAnimationFrame(() => setTimeout(() => { performance.mark("verdict-frame"); res(0); })); } }); o.observe(t, { childList: true, subtree: true, attributes: true }); }); addEventListener("pointerdown", (e) => performance.mark("pointerdown", { startTime: e.timeStamp }), { capture: true, once: true }); });
  await page.mouse.down(); await page.mouse.up();
  await page.evaluate(() => (window as any).__v);
  await page.waitForTimeout(600);
  await browser.stopTracing();
}, dir);
const trace = JSON.parse(readFileSync("/tmp/speedprof/trace.json", "utf8"));
const ev = (trace.traceEvents ?? trace) as any[];
const marks = ev.filter((e) => e.cat?.includes("user_timing") && ["pointerdown", "verdict-dom", "verdict-frame"].includes(e.name));
const pd = marks.find((m) => m.name === "pointerdown");
const t0 = pd.ts;
console.log(marks.map((m) => `${m.name} +${((m.ts - t0) / 1000).toFixed(1)}`).join("  "));
const tname = new Map<string, string>();
for (const e of ev) if (e.name === "thread_name") tname.set(`${e.pid}:${e.tid}`, e.args.name);
const pname = new Map<number, string>();
for (const e of ev) if (e.name === "process_name") pname.set(e.pid, e.args.name);
const end = Math.max(...marks.map((m) => m.ts)) + 400_000;
const top = ev.filter((e) => e.ph === "X" && e.ts >= t0 - 5000 && e.ts <= end && e.dur > 1000 && (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask" || e.name === "FunctionCall" || e.name === "v8.compile" || e.name === "EvaluateScript" || e.name.includes("GC") || e.name === "Paint" || e.name === "Layout" || e.name === "UpdateLayoutTree" || e.name === "v8.run" || e.name === "TimerFire" || e.name === "EventDispatch" || e.name === "FireAnimationFrame" || e.name === "RunMicrotasks" || e.name === "HandlePostMessage"));
top.sort((a, b) => a.ts - b.ts);
for (const e of top) console.log(("+" + ((e.ts - t0) / 1000).toFixed(1)).padStart(8), (e.dur / 1000).toFixed(1).padStart(6), `${pname.get(e.pid) ?? e.pid}/${tname.get(`${e.pid}:${e.tid}`) ?? e.tid}`.slice(0, 40).padEnd(40), e.name, (e.args?.data?.url ?? "").split("/").pop()?.slice(0, 30) ?? "", e.args?.data?.functionName ?? e.args?.data?.type ?? "");
