import type { Language, SimulationRequest, SimulationResult } from "./types";

// Messages between a host (browser page or Node) and the simulator's worker. Every request
// carries an id, echoed by its answer, so answers can never be matched to the wrong run.

export type ToWorker =
  | { type: "run"; id: number; request: SimulationRequest }
  | { type: "warm"; id: number; language: Language };

export type FromWorker =
  | { type: "result"; id: number; result: SimulationResult; realMs: number }
  | { type: "warmed"; id: number; language: Language; realMs: number }
  | { type: "failure"; id: number; error: { name: string; message: string } };
