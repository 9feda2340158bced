#!/usr/bin/env node
// The `deadline` command. Runs the bundle in dist/cli (built by scripts/build-cli.mjs, which
// `npm ci` runs as the `prepare` step) when it was built from the sources as they are; otherwise,
// in a checkout whose sources changed since, or where it was never built, it compiles the
// TypeScript on the fly with tsx: slower to start, never out of date. `deadline --version` says
// which one runs and why. DEADLINE_CLI=tsx or DEADLINE_CLI=bundle forces one (benchmarks).
import { pathToFileURL } from "node:url";
import path from "node:path";
import { bundleState, DIST, ROOT } from "./bundle.mjs";

const forced = process.env.DEADLINE_CLI;
if (forced !== undefined && forced !== "tsx" && forced !== "bundle") {
  process.stderr.write(`deadline: DEADLINE_CLI must be "tsx" or "bundle", got "${forced}"\n`);
  process.exit(64);
}
const state = forced === "tsx" ? { state: "skipped", reason: "DEADLINE_CLI=tsx" } : bundleState();
if (forced === "bundle" && state.state !== "fresh") {
  process.stderr.write(`deadline: DEADLINE_CLI=bundle, but ${state.reason}: run npm run build:cli\n`);
  process.exit(64);
}

let main;
if (state.state === "fresh") {
  globalThis.deadlineLaunch = { via: "bundle", root: ROOT, build: state.manifest.id, builtAt: state.manifest.builtAt };
  ({ main } = await import(pathToFileURL(path.join(DIST, "cli.mjs")).href));
} else {
  globalThis.deadlineLaunch = { via: "tsx", root: ROOT, reason: state.reason };
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("./cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
