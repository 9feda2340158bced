// Shared setup of the libs-*.test.ts files: one in-process Python engine (as engine.test.ts uses)
// and small literal presets, so each library's test reads as the handler it runs.
import type { SimulationRequest, SimulationResult, Span } from "../types";
import { createPythonEngine, type PythonEngine, type PythonPreset } from "./engine";
import { loadPyodideFromNodeModules } from "./load-node";

export const runpod: PythonPreset = { id: "runpod", clock: "wall", timeout: 60, countsInit: false, message: () => "job timed out" };
export const lambda: PythonPreset = {
  id: "aws-lambda",
  clock: "wall",
  timeout: 900,
  countsInit: true,
  message: ({ elapsed }) => `Task timed out after ${elapsed.toFixed(2)} seconds`,
};

let engine: Promise<PythonEngine> | null = null;

export function pythonEngine(): Promise<PythonEngine> {
  engine ??= loadPyodideFromNodeModules().then((pyodide) => createPythonEngine(pyodide));
  return engine;
}

/** Strips the first newline and the common indentation, so line 1 is the first line written. */
export function py(source: string): string {
  const lines = source.replace(/^\n/, "").replace(/\s+$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return `${lines.map((l) => l.slice(indent)).join("\n")}\n`;
}

export async function run(code: string, extra: Partial<SimulationRequest> = {}, preset: PythonPreset = lambda): Promise<SimulationResult> {
  const e = await pythonEngine();
  return e.run({ language: "python", code: py(code), platform: preset.id, ...extra }, preset);
}

export function network(result: SimulationResult): Span[] {
  return result.timeline.filter((s) => s.kind === "network");
}

export function sleeps(result: SimulationResult): Span[] {
  return result.timeline.filter((s) => s.kind === "sleep");
}
