// Starts the production build (`npm run build` first) on a free port, for benchmarks in Chromium.
import { chromium, type Browser } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export async function withSite<T>(body: (origin: string, browser: Browser) => Promise<T>): Promise<T> {
  const port = 3400 + Math.floor(Math.random() * 500);
  const server = spawn("npx", ["next", "start", "--port", String(port)], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "ignore", detached: true });
  const origin = `http://localhost:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(origin)).ok) break;
      } catch {}
      if (i > 150) throw new Error(`server at ${origin} did not start`);
      await sleep(200);
    }
    const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
    const browser = await chromium.launch({ executablePath, args: ["--disable-background-networking", "--no-sandbox"] });
    try {
      return await body(origin, browser);
    } finally {
      await browser.close();
    }
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
}
