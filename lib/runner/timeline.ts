import type { SimulationResult, Span } from "./types";

/**
 * Where the deadline falls on the run's timeline, in virtual seconds from the start of the run.
 * Spans start at module init; on platforms whose limit does not count init (RunPod, Lambda's
 * invoke phase) the deadline runs from the start of the handler instead.
 */
export function deadlineMark(result: Pick<SimulationResult, "timeline" | "deadlineSeconds">, countsInit: boolean): number {
  const handler = result.timeline.find((s) => s.kind === "handler");
  return (countsInit || !handler ? 0 : handler.start) + result.deadlineSeconds;
}

/** 600 s, 60.0 s, 2.5 s, 10 ms: enough precision to see the deadline, never "0.0 s". */
export function formatSeconds(s: number): string {
  if (s > 0 && s < 1) return `${Number((s * 1000).toPrecision(3))} ms`;
  return `${s.toFixed(s >= 100 ? 0 : 1)} s`;
}

/** "sleep time.sleep(45) · line 8": what a span was, without repeating its kind. */
export function spanLabel(span: Span): string {
  // Engines sometimes prefix a label with its kind ("init: module code").
  const what = (span.label ?? span.host ?? "").replace(new RegExp(`^${span.kind}:\\s*`), "");
  const parts = [span.kind, what && what !== span.kind ? what : "", span.line ? `line ${span.line}` : ""];
  return parts.filter(Boolean).join(" ");
}

/**
 * The verdict sentence for a run a limit ended, when that limit was not the plain deadline (the
 * result says which one in `limit`); null for the deadline, which callers word themselves.
 * `at` is " at <where>" or "".
 */
export function limitSentence(result: Pick<SimulationResult, "limit" | "elapsedSeconds" | "deadlineSeconds">, platformName: string, at: string): string | null {
  const limit = result.limit;
  if (!limit || limit.kind === "deadline") return null;
  const seconds = formatSeconds(limit.seconds);
  if (limit.kind === "cpu") return `Exceeded the ${seconds} CPU limit per request${at} after ${formatSeconds(result.elapsedSeconds)}: ${platformName} stops a request that uses it up, before its ${formatSeconds(result.deadlineSeconds)} deadline`;
  if (limit.kind === "response") return `No response after ${seconds}${at}: ${platformName} gives up on a handler that has not started its response by then`;
  return `Startup ran past ${seconds}${limit.clock === "cpu" ? " of CPU" : ""}${at}: ${platformName} refuses the code before any request`;
}
