// A worker_thread hosting the Python engine, as a host would: used by node-worker.test.ts to kill
// a busy engine and start a fresh one. Presets cannot cross postMessage (they hold a function),
// so the message names one of two literal presets.
import { parentPort } from "node:worker_threads";
import type { SimulationRequest } from "../types";
import type { PythonPreset } from "./engine";
import { createNodePythonEngine } from "./load-node";

const presets: Record<string, PythonPreset> = {
  runpod: { id: "runpod", clock: "wall", timeout: 60, countsInit: false, message: () => "job timed out" },
};

const port = parentPort;
if (!port) throw new Error("node-worker.fixture.ts runs as a worker_thread");
const engine = await createNodePythonEngine();
port.on("message", (message: { request: SimulationRequest; preset: string }) => {
  const preset = presets[message.preset];
  if (!preset) throw new Error(`unknown preset ${message.preset}`);
  void engine.run(message.request, preset).then((result) => port.postMessage({ result }));
});
port.postMessage({ ready: true });
