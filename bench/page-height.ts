// Prints how tall article pages are and how far down a reader must scroll to reach what they came
// for: the Quick fix and the causes. Desktop is 1280×800 (the fold at 800 px), phone 390×844.
// Needs `npm run build` first.
//   npx tsx bench/page-height.ts [/errors/runpod-handler-timeout ...]
//   DEADLINE_ORIGIN=http://localhost:3313 npx tsx bench/page-height.ts   (a server already running)
import { chromium, type Browser } from "@playwright/test";
import { existsSync } from "node:fs";
import { withSite } from "./lib/serve";

const DEFAULT_PATHS = [
  "/errors/runpod-handler-timeout",
  "/errors/aws-lambda-task-timed-out",
  "/errors/api-gateway-endpoint-request-timed-out",
  "/errors/vercel-function-invocation-timeout",
  "/errors/python-requests-timeout",
];
const paths = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_PATHS;
const VIEWPORTS = [
  { name: "1280×800", width: 1280, height: 800 },
  { name: "390×844", width: 390, height: 844 },
] as const;

async function measure(origin: string, browser: Browser) {
  console.log("path | viewport | page height px | Quick fix heading top px | first cause heading top px | causes list top px | sideways overflow px");
  for (const path of paths) {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      await page.goto(`${origin}${path}`, { waitUntil: "load" });
      // No helper functions inside evaluate: tsx names them with a __name the page lacks.
      const tops = await page.evaluate((selectors) => {
        return selectors.map((selector) => {
          const el = document.querySelector(selector);
          return el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
        });
      }, ["#quick-fix-title", "section.cause h3", ".at-a-glance-causes"]);
      const [height, overflow] = await page.evaluate(() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth - window.innerWidth]);
      const figures = { height, overflow, quickFix: tops[0] ?? null, firstCause: tops[1] ?? null, causesList: tops[2] ?? null };
      const show = (n: number | null) => (n === null ? "—" : String(n));
      console.log(`${path} | ${viewport.name} | ${figures.height} | ${show(figures.quickFix)} | ${show(figures.firstCause)} | ${show(figures.causesList)} | ${figures.overflow}`);
      await context.close();
    }
  }
}

const origin = process.env.DEADLINE_ORIGIN;
if (origin) {
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({ executablePath, args: ["--disable-background-networking", "--no-sandbox"] });
  try {
    await measure(origin, browser);
  } finally {
    await browser.close();
  }
} else {
  await withSite(measure);
}
