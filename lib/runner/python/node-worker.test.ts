import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SimulationRequest, SimulationResult } from "../types";

type Reply = { ready?: true; result?: SimulationResult };

// Worker threads do not get vitest's TypeScript transform, so the fixture is bundled first. The
// bundle sits beside it, so `pyodide` still resolves from this project's node_modules.
const bundle = fileURLToPath(new URL(`./.node-worker-${process.pid}.tmp.mjs`, import.meta.url));

beforeAll(async () => {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [fileURLToPath(new URL("./node-worker.fixture.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "node",
    external: ["pyodide"],
    outfile: bundle,
    logLevel: "silent",
  });
});

afterAll(() => rmSync(bundle, { force: true }));

function startWorker(): { worker: Worker; next: () => Promise<Reply> } {
  const worker = new Worker(bundle);
  const replies: Reply[] = [];
  const waiting: Array<(reply: Reply) => void> = [];
  worker.on("message", (reply: Reply) => {
    const resolve = waiting.shift();
    if (resolve) resolve(reply);
    else replies.push(reply);
  });
  const next = () => {
    const queued = replies.shift();
    return queued ? Promise.resolve(queued) : new Promise<Reply>((resolve) => waiting.push(resolve));
  };
  return { worker, next };
}

const request = (code: string): SimulationRequest => ({ language: "python", code, platform: "runpod" });

test("after the host kills a worker stuck in C code, a fresh worker's engine runs normally", async () => {
  const stuck = startWorker();
  expect(await stuck.next()).toEqual({ ready: true });
  // One C call that never checks for interrupts: only the host can stop it.
  stuck.worker.postMessage({ request: request("def handler(event):\n    return sum(range(10**15))\n"), preset: "runpod" });
  const answer = await Promise.race([stuck.next(), new Promise<"silent">((r) => setTimeout(() => r("silent"), 1500))]);
  expect(answer).toBe("silent");
  await stuck.worker.terminate();

  const fresh = startWorker();
  expect(await fresh.next()).toEqual({ ready: true });
  fresh.worker.postMessage({ request: request("import time\ndef handler(event):\n    time.sleep(120)\n    return 'ok'\n"), preset: "runpod" });
  const { result } = await fresh.next();
  expect(result).toMatchObject({ verdict: "timeout", elapsedSeconds: 60, line: 3 });
  await fresh.worker.terminate();
});
