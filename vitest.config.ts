import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["{lib,bin,scripts,components,app}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The notes store's tests run against SQLite and PostgreSQL; this starts the PostgreSQL.
    // bin/test/bundle-setup.ts: the CLI's tests run the bundle, rebuilt first when sources changed.
    globalSetup: ["lib/notes/test/postgres-setup.ts", "bin/test/bundle-setup.ts"],
  },
});
