import type { TestProject } from "vitest/node";
import { postgresAvailable, startThrowawayPostgres } from "../throwaway-postgres";

// vitest globalSetup: the PostgreSQL the store's tests run against, besides SQLite.
//   DATABASE_URL set   → that server (each test file works in a schema of its own)
//   else, binaries     → a throwaway cluster for this run, removed afterwards
//   else, CI=true      → fail: CI must test both stores
//   else               → the PostgreSQL half is skipped, and says so
// A run filtered to files outside lib/notes and bin/ starts no cluster.

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
    postgresSkipReason: string;
  }
}

const NEEDS_POSTGRES = ["lib/notes/", "bin/notes"];

function filtered(): boolean {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("-") && a !== "run" && !/vitest/.test(a));
  return args.length > 0 && !args.some((a) => NEEDS_POSTGRES.some((p) => p.includes(a) || a.includes(p) || a.includes("notes")));
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("postgresUrl", process.env.DATABASE_URL);
    project.provide("postgresSkipReason", "");
    return;
  }
  if (filtered()) {
    project.provide("postgresUrl", null);
    project.provide("postgresSkipReason", "this run is filtered to files that do not use PostgreSQL");
    return;
  }
  if (!postgresAvailable()) {
    if (process.env.CI === "true") {
      throw new Error("CI runs the notes store's tests against PostgreSQL too, and none is available: install Debian's postgresql package (.ci/run does) or set DATABASE_URL");
    }
    project.provide("postgresUrl", null);
    project.provide("postgresSkipReason", "PostgreSQL is not installed (apt-get install postgresql) and DATABASE_URL is not set");
    return;
  }
  const cluster = await startThrowawayPostgres();
  project.provide("postgresUrl", cluster.url);
  project.provide("postgresSkipReason", "");
  return () => cluster.stop();
}
