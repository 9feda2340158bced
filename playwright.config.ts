import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";
import { E2E_ADMIN_TOKEN, E2E_DB, E2E_PORT } from "./e2e/notes-env";

// Playwright cannot download its own browser here, so tests drive an installed Chromium:
// PLAYWRIGHT_CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else Playwright's own
// (for machines where `npx playwright install chromium` works).
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = E2E_PORT;

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          // Keep Chromium from phoning home: this machine has no network beyond localhost.
          args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])],
        },
      },
    },
  ],
  webServer: {
    // `npm test` builds first; the journeys run against the production server, with a notes
    // store of their own that starts empty, and moderation switched on.
    command: `rm -f ${E2E_DB} ${E2E_DB}-wal ${E2E_DB}-shm && npx next start --port ${port}`,
    url: `http://localhost:${port}`,
    env: { NEXT_TELEMETRY_DISABLED: "1", DEADLINE_DB: E2E_DB, DEADLINE_ADMIN_TOKEN: E2E_ADMIN_TOKEN, DATABASE_URL: "" },
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
