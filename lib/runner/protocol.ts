import type { Language, SimulationRequest, SimulationResult } from "./types";

// Messages between a host (browser page or Node) and the simulator's worker. Every request
// carries an id, echoed by its answer, so answers can never be matched to the wrong run.

export type ToWorker =
  | { type: "run"; id: number; request: SimulationRequest }
  | { type: "warm"; id: number; language: Language }
  /**
   * Sent once by a browser host: Pyodide polls this shared buffer, so Stop can interrupt Python
   * without throwing away the warm runtime. Needs cross-origin isolation.
   */
  | { type: "configure"; id: number; interrupt: SharedArrayBuffer };

export type FromWorker =
  | { type: "result"; id: number; result: SimulationResult; realMs: number }
  | { type: "warmed"; id: number; language: Language; realMs: number }
  /** loading a runtime: `loaded`/`total` bytes when known */
  | { type: "progress"; id: number; stage: string; loaded?: number; total?: number }
  | { type: "failure"; id: number; error: { name: string; message: string } }
  | { type: "configured"; id: number };
