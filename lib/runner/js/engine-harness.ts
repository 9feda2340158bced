// Starts the engine in a Node worker_thread for tests: esbuild bundles the worker entry (the
// same bundling the app does), the test talks to it with request ids like the real page does.

import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SimulationRequest, SimulationResult } from "../types";
import type { JsEngineOptions } from "./engine";
import type { PlatformId } from "../platforms";
import type { TestPresetId } from "./test-presets";

/** live: what the engine handed to RunHooks.onOutput during the run, in order */
export type HarnessRun = { result: SimulationResult; realMs: number; live: string[] };

export type EngineHarness = {
  /** a test preset (test-presets.ts), or `real:<platform id>`: the real preset, prepared as a run is (plans, limits, texts) */
  run: (request: Partial<SimulationRequest> & { code: string }, preset?: TestPresetId | `real:${PlatformId}`) => Promise<HarnessRun>;
  close: () => Promise<void>;
};

export async function startEngineWorker(options: JsEngineOptions = {}): Promise<EngineHarness> {
  const entry = fileURLToPath(new URL("./engine-harness.worker.ts", import.meta.url));
  const bundle = await build({ entryPoints: [entry], bundle: true, platform: "node", format: "esm", write: false, logLevel: "silent" });
  const dir = mkdtempSync(join(tmpdir(), "deadline-js-engine-"));
  const file = join(dir, "worker.mjs");
  writeFileSync(file, bundle.outputFiles[0]?.text ?? "");
  const worker = new Worker(file, { workerData: options });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (run: HarnessRun) => void; reject: (error: Error) => void }>();
  worker.on("message", (message: { id: number; result?: SimulationResult; realMs?: number; crash?: string; live?: string[] }) => {
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.crash) pending.reject(new Error(message.crash));
    else pending.resolve({ result: message.result as SimulationResult, realMs: message.realMs ?? 0, live: message.live ?? [] });
  });
  worker.on("error", (error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  });
  return {
    run: (request, preset = "aws-lambda") =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        const full: SimulationRequest = { language: "javascript", platform: preset.replace(/^real:/, ""), ...request };
        worker.postMessage({ id, request: full, preset });
      }),
    close: async () => {
      await worker.terminate();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
