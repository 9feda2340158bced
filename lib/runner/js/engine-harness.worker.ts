// Test-only worker entry: the engine runs in a worker_thread exactly as in production, so user
// code's unhandled rejections and busy loops stay in that thread instead of the test runner's.

import { parentPort, workerData } from "node:worker_threads";
import { createProjectFiles } from "../node/project-files";
import type { SimulationRequest } from "../types";
import type { PlatformId } from "../platforms";
import type { RunHooks } from "../engine";
import { prepare, withPlanNotes } from "../prepare";
import { createJsEngine, type JsEngineOptions, type JsPlatformPreset } from "./engine";
import { TEST_PRESETS, type TestPresetId } from "./test-presets";

type Message = { id: number; request: SimulationRequest; preset: TestPresetId | `real:${PlatformId}` };

async function runPrepared(request: SimulationRequest, hooks: RunHooks) {
  const { engine: preset, notes } = prepare(request);
  return withPlanNotes(await engine.run(request, preset, hooks), notes);
}

// as the Node worker host does (lib/runner/node/worker.ts): projects load from disk
const engine = createJsEngine({ ...((workerData ?? {}) as JsEngineOptions), projectFiles: createProjectFiles });
parentPort?.on("message", async ({ id, request, preset }: Message) => {
  const start = performance.now();
  // What the engine handed over while it ran (RunHooks.onOutput), to compare with the result.
  const live: string[] = [];
  const hooks: RunHooks = { onOutput: (text) => live.push(text) };
  try {
    // as lib/runner/prepare does: the preset carries the resolved deadline; a platform id that is
    // not a test preset runs on the real preset, prepared exactly as a run is
    const base = preset.startsWith("real:") ? undefined : (TEST_PRESETS as Record<string, JsPlatformPreset>)[preset];
    const result = base ? await engine.run(request, { ...base, timeout: request.timeout ?? base.timeout }, hooks) : await runPrepared({ ...request, platform: preset.replace(/^real:/, "") }, hooks);
    parentPort?.postMessage({ id, result, realMs: performance.now() - start, live });
  } catch (error) {
    parentPort?.postMessage({ id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
