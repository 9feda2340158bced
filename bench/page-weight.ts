// Prints the JavaScript a page loads before anyone interacts with it. Needs `npm run build` first.
//   npx tsx bench/page-weight.ts [--base DIR] [/errors/runpod-handler-timeout ...]
//
// For every script response: when it was asked for ("first load": before the load event; "after
// load": the editor's runtime warm-up and anything else fetched while the page sits idle, which
// this waits for), its bytes on the wire as `next start` serves them (gzip), the same body at
// gzip -9 and brotli 11 (what a CDN in front would send), and what it holds (markers below).
// --base DIR also serves DIR's build (e.g. a worktree of main) and prints it first, as "before".
import type { Browser } from "@playwright/test";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { withSites } from "./lib/serve";

const args = process.argv.slice(2);
const baseAt = args.indexOf("--base");
const BASE = baseAt >= 0 ? args[baseAt + 1] : undefined;
const rest = args.filter((_, i) => baseAt < 0 || (i !== baseAt && i !== baseAt + 1));
const paths = rest.length ? rest : ["/", "/errors/runpod-handler-timeout"];
/** How long the page is left idle after its load event, for work scheduled then. */
const IDLE_MS = 5000;

/** What a chunk holds, told by a string only that code contains (minified names change per build). */
const MARKERS: [string, RegExp][] = [
  ["react-dom", /__reactContainer\$/],
  ["Next.js router and RSC client", /next-router-state-tree/],
  ["article editor shell (runner.client)", /runner-preview/],
  ["notes forms", /note-form/],
  ["header search box", /search-box/],
  ["search engine (flexsearch)", /flexsearch/i],
  ["simulator client (lib/runner/browser)", /Simulator sandbox/],
  ["workbench", /Each request/],
  ["zod", /ZodError|\$ZodType/],
  ["Monaco's React wrapper", /monaco-editor\/loader|loader\.config|vs\/loader\.js/],
];

type Script = { url: string; requested: number; wire: number; body: string; holds: string[] };

const kb = (n: number) => (n / 1024).toFixed(1);
const gz = (s: string) => gzipSync(s, { level: 9 }).length;
const br = (s: string) => brotliCompressSync(s, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function measure(browser: Browser, origin: string, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Page.enable");
  const scripts = new Map<string, Script>();
  const asked = new Map<string, number>();
  let loadAt = Number.POSITIVE_INFINITY;
  cdp.on("Page.loadEventFired", (e) => (loadAt = Math.min(loadAt, e.timestamp)));
  cdp.on("Network.requestWillBeSent", (e) => asked.set(e.requestId, e.timestamp));
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") scripts.set(e.requestId, { url: e.response.url, requested: asked.get(e.requestId) ?? 0, wire: 0, body: "", holds: [] });
  });
  const bodies: Promise<void>[] = [];
  cdp.on("Network.loadingFinished", (e) => {
    const s = scripts.get(e.requestId);
    if (!s) return;
    s.wire = e.encodedDataLength;
    bodies.push(
      cdp.send("Network.getResponseBody", { requestId: e.requestId }).then(
        (r) => void (s.body = r.base64Encoded ? Buffer.from(r.body, "base64").toString("utf8") : r.body),
        () => undefined,
      ),
    );
  });
  await page.goto(`${origin}${path}`, { waitUntil: "load" });
  await page.waitForTimeout(IDLE_MS);
  await page.waitForLoadState("networkidle");
  await Promise.all(bodies);
  await context.close();
  const list = [...scripts.values()];
  for (const s of list) s.holds = [...MARKERS.filter(([, re]) => re.test(s.body)).map(([label]) => label), ...(/turbopack-/.test(s.url) ? ["Turbopack runtime"] : [])];
  return { first: list.filter((s) => s.requested <= loadAt), after: list.filter((s) => s.requested > loadAt) };
}

function print(label: string, scripts: Script[]) {
  if (!scripts.length) return console.log(`  ${label}: none`);
  const sum = (f: (s: Script) => number) => scripts.reduce((a, s) => a + f(s), 0);
  console.log(`  ${label}: ${scripts.length} scripts, ${kb(sum((s) => s.wire))} KiB on the wire as served (headers included; brotli or gzip as next.config chooses), ${kb(sum((s) => gz(s.body)))} KiB at gzip -9, ${kb(sum((s) => br(s.body)))} KiB at brotli 11, ${kb(sum((s) => s.body.length))} KiB decoded`);
  for (const s of [...scripts].sort((a, b) => b.wire - a.wire)) {
    console.log(`    ${kb(s.wire).padStart(6)} wire ${kb(gz(s.body)).padStart(6)} gz ${kb(br(s.body)).padStart(6)} br  ${new URL(s.url).pathname.split("/").pop()}${s.holds.length ? `  (${s.holds.join(", ")})` : ""}`);
  }
}

const sites = BASE ? ["before", "after"] : ["this build"];
await withSites(BASE ? [BASE, undefined] : [undefined], async (origins, browser) => {
  for (const path of paths) {
    for (const [i, origin] of origins.entries()) {
      const { first, after } = await measure(browser, origin, path);
      console.log(`${path} (${sites[i]}):`);
      print("first load (asked for before the load event)", first);
      print(`after load (within ${IDLE_MS / 1000} s idle, no interaction)`, after);
      const heavy = [...first, ...after].filter((s) => /monaco|pyodide/i.test(new URL(s.url).pathname));
      if (heavy.length) console.log(`  INCLUDES ${heavy.map((s) => s.url).join(", ")}`);
    }
  }
});
