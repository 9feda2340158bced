// vitest globalSetup: the command line's tests run bin/deadline.mjs, which runs the bundle in
// dist/cli when it matches the sources. `npm ci` builds it (npm's prepare); a checkout whose
// sources changed since gets it rebuilt here, so the tests exercise what `npx deadline` runs
// rather than the slower TypeScript fallback. bin/bundle.test.ts checks the fallback separately.
import { bundleState } from "../bundle.mjs";
import { buildCli } from "../../scripts/build-cli.mjs";

export default async function setup(): Promise<void> {
  const state = bundleState();
  if (state.state === "fresh") return;
  const built = await buildCli();
  console.log(`dist/cli rebuilt for the tests (${state.reason}): ${built.sources} sources in ${(built.ms / 1000).toFixed(1)} s`);
}
