// One simulator per page, shared by the article's editor shell (which warms it up while the
// person reads, components/runner/runner.client.tsx) and the workbench (which runs it). Loaded
// as a chunk of its own, the first time either needs it: an article's first load has none of it.
import type { Language } from "../types";
import { createBrowserSimulator, type BrowserSimulator } from "./client";

let shared: BrowserSimulator | undefined;
let holders = 0;
let release: ReturnType<typeof setTimeout> | undefined;
/**
 * After the last editor on the page goes (a client-side navigation away from the article), the
 * sandbox and its booted workers are dropped; not at once, since the next article's editor
 * usually mounts right after. The downloaded files stay in memory either way (assets.ts).
 */
const RELEASE_AFTER_MS = 30_000;

export function sharedSimulator(): BrowserSimulator {
  return (shared ??= createBrowserSimulator());
}

/** An editor on the page holds the simulator; the returned function lets go of it. */
export function holdSimulator(): () => void {
  holders++;
  clearTimeout(release);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holders > 0) return;
    release = setTimeout(() => {
      shared?.dispose();
      shared = undefined;
    }, RELEASE_AFTER_MS);
  };
}

/** Starts fetching and booting the runtime for this language, without running anything. */
export function prepareRuntime(language: Language): void {
  sharedSimulator().prepare(language);
}
