// Shared setup for the Python engine's unit tests: one in-process engine per test file (Pyodide
// from node_modules), small literal presets, and py`` for indented code. Not a test itself.
import type { SimulationRequest, SimulationResult } from "../types";
import { createPythonEngine, type PythonEngine, type PythonEngineOptions, type PythonPreset } from "./engine";
import { loadPyodideFromNodeModules } from "./load-node";

export const runpod: PythonPreset = { id: "runpod", clock: "wall", timeout: 60, countsInit: false, initTimeout: 420, message: () => "job timed out" };
export const lambda: PythonPreset = {
  id: "aws-lambda",
  clock: "wall",
  timeout: 60,
  countsInit: true,
  message: ({ elapsed }) => `Task timed out after ${elapsed.toFixed(2)} seconds`,
};
export const generic: PythonPreset = { id: "gcp-functions", clock: "wall", timeout: 60, countsInit: false, message: () => "timed out" };

/** Strips the first newline and the common indentation, so line 1 is the first line written. */
export function py(source: string): string {
  const lines = source.replace(/^\n/, "").replace(/\s+$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return `${lines.map((l) => l.slice(indent)).join("\n")}\n`;
}

export async function testEngine(options?: PythonEngineOptions) {
  const engine: PythonEngine = createPythonEngine(await loadPyodideFromNodeModules(), options);
  return (code: string, preset: PythonPreset = runpod, extra: Partial<SimulationRequest> = {}): Promise<SimulationResult> =>
    engine.run({ language: "python", code: py(code), platform: preset.id, ...extra }, preset);
}
