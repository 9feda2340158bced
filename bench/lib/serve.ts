// Starts the production build (`npm run build` first) on a free port, for benchmarks in Chromium.
// `dir` serves another checkout's build instead (e.g. a worktree of main, to compare against).
import { chromium, type Browser } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

async function start(dir: string | undefined): Promise<{ origin: string; server: ChildProcess }> {
  const port = 3400 + Math.floor(Math.random() * 500);
  const cwd = dir ? path.resolve(dir) : undefined;
  const server = spawn("npx", ["next", "start", "--port", String(port)], { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "ignore", detached: true });
  const origin = `http://localhost:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(origin)).ok) break;
    } catch {}
    if (i > 150) throw new Error(`server at ${origin} (${cwd ?? "."}) did not start`);
    await sleep(200);
  }
  return { origin, server };
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  return chromium.launch({ executablePath, args: ["--disable-background-networking", "--no-sandbox"] });
}

/** One server per directory (undefined: this checkout), one browser for all of them. */
export async function withSites<T>(dirs: (string | undefined)[], body: (origins: string[], browser: Browser) => Promise<T>): Promise<T> {
  const started: { origin: string; server: ChildProcess }[] = [];
  try {
    for (const dir of dirs) started.push(await start(dir));
    const browser = await launchChromium();
    try {
      return await body(
        started.map((s) => s.origin),
        browser,
      );
    } finally {
      await browser.close();
    }
  } finally {
    for (const { server } of started) process.kill(-server.pid!, "SIGTERM");
  }
}

export async function withSite<T>(body: (origin: string, browser: Browser) => Promise<T>, dir?: string): Promise<T> {
  return withSites([dir], ([origin], browser) => body(origin!, browser));
}
