import type { RunOutcome, RunProgress } from "@/lib/runner/browser/client";
import type { SimulationRequest, SimulationResult } from "@/lib/runner/types";

/** Where the editor's run is. */
export type Status =
  | { kind: "idle" }
  /** previous: the last run's result, whose details stay shown (dimmed) until this run answers */
  | { kind: "running"; progress: RunProgress | null; previous: SimulationResult | null }
  | { kind: "done"; outcome: RunOutcome; request: SimulationRequest; link: string };

/** The result a status shows details of: its own, or while running the one before. */
export const resultOf = (status: Status): SimulationResult | null =>
  status.kind === "done" ? (status.outcome.kind === "result" ? status.outcome.result : null) : status.kind === "running" ? status.previous : null;
