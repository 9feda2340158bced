// Prints search latency in Chromium: the same engine the site ships (bundled here with esbuild),
// p50/p95 over the dev pastes and over every keystroke of typing the short ones, and a 1 MB paste.
// Budget: 16 ms p95 per keystroke (one frame).
//   npx tsx bench/search-browser.ts          (needs Chromium, as the e2e tests do)
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import { existsSync } from "node:fs";
import path from "node:path";
import { benchInputs, ms, percentile } from "./search-data";

const { data, snippets, keystrokes, bigPaste } = await benchInputs();
const bundle = await build({
  stdin: { contents: 'import { createEngine } from "./lib/search/engine"; globalThis.createSearchEngine = createEngine;', resolveDir: path.join(import.meta.dirname, ".."), loader: "ts" },
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2022",
  minify: true,
  write: false,
});
const script = bundle.outputFiles[0]!.text;
console.log(`engine bundle (flexsearch + lib/search): ${(script.length / 1024).toFixed(1)} KiB minified`);

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({ executablePath, args: ["--disable-background-networking", "--no-sandbox"] });
try {
  const page = await (await browser.newContext()).newPage();
  await page.setContent("<!doctype html><title>search bench</title>");
  // tsx compiles this file with esbuild's keepNames, so functions passed to evaluate call __name.
  await page.addScriptTag({ content: "globalThis.__name = (fn) => fn;" });
  await page.addScriptTag({ content: script });
  const result = await page.evaluate(
    ({ json, pastes, keys, big }) => {
      type Engine = { search(q: string, o?: { limit?: number }): unknown };
      const create = (globalThis as unknown as { createSearchEngine(d: unknown): Engine }).createSearchEngine;
      let t = performance.now();
      const engine = create(JSON.parse(json));
      const load = performance.now() - t;
      // What the first search after the fetch waits for: the load and a cold search.
      engine.search(pastes[0] ?? "Task timed out after 3.00 seconds", { limit: 5 });
      const first = performance.now() - t;
      const time = (queries: string[], rounds: number) => {
        const out: number[] = [];
        for (let r = 0; r < rounds; r++)
          for (const q of queries) {
            const s = performance.now();
            engine.search(q, { limit: 5 });
            out.push(performance.now() - s);
          }
        return out;
      };
      time(pastes, 2);
      const paste = time(pastes, 10);
      const keystroke = time(keys, 3);
      t = performance.now();
      engine.search(big);
      return { load, first, paste, keystroke, big: performance.now() - t };
    },
    { json: JSON.stringify(data), pastes: snippets.map((s) => s.text), keys: keystrokes, big: bigPaste },
  );
  console.log(`load (parse + build): ${ms(result.load)}; with the first search ${ms(result.first)}`);
  console.log(`paste (${snippets.length} dev snippets × 10): p50 ${ms(percentile(result.paste, 50))}, p95 ${ms(percentile(result.paste, 95))}`);
  console.log(`keystroke (${keystrokes.length} prefixes × 3): p50 ${ms(percentile(result.keystroke, 50))}, p95 ${ms(percentile(result.keystroke, 95))} (budget 16 ms)`);
  console.log(`1 MB paste: ${ms(result.big)}`);
} finally {
  await browser.close();
}
