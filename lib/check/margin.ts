// The margin rule: a run fails the check when it times out or fails, and also when it finishes
// but uses more than its share of the limit (--max-share, 80 % by default): the warning that
// comes before the outage, since a handler at 90 % of its limit today times out after the next
// slow deploy of a dependency.
import type { SimulationResult, Span } from "../runner/types";

export type Status = "pass" | "over-share" | "timeout" | "error";

export type Judgement = {
  status: Status;
  /** elapsed / limit on the platform's clock; null when the run had no finite limit */
  share: number | null;
  /** the line to point at: where it timed out or failed, else where most of the time went */
  line: number | null;
};

const LEAVES = new Set<Span["kind"]>(["sleep", "timer", "network", "cpu", "modelled"]);

/** The line of the longest span that is not a container (init, handler): where the time went. */
export function busiestLine(timeline: readonly Span[]): number | null {
  let best: Span | null = null;
  for (const span of timeline) {
    if (!LEAVES.has(span.kind) || span.line === undefined) continue;
    if (!best || span.end - span.start > best.end - best.start) best = span;
  }
  return best?.line ?? null;
}

export function judge(result: SimulationResult, maxShare: number): Judgement {
  const share = Number.isFinite(result.deadlineSeconds) && result.deadlineSeconds > 0 ? result.elapsedSeconds / result.deadlineSeconds : null;
  if (result.verdict === "timeout") return { status: "timeout", share, line: result.line ?? busiestLine(result.timeline) };
  if (result.verdict === "error") return { status: "error", share, line: result.error?.line ?? result.line };
  const line = busiestLine(result.timeline);
  // Compared in whole per mille: 0.8 of a 10 s limit is 8 s, which float division can put a hair over.
  if (share !== null && Math.round(share * 1000) > Math.round(maxShare * 1000)) return { status: "over-share", share, line };
  return { status: "pass", share, line };
}
