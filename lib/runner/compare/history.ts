// The runs of this browser session that a comparison can pick from. Kept in memory and in the
// tab's sessionStorage only (never sent anywhere, gone when the tab closes), trimmed to what a
// comparison draws: the settings that made the run, its verdict and its timeline, not its output.
// Framework-free: the editor's hook reads and writes the storage, this decides what is kept.
import type { EditorState } from "../browser/share";
import type { SimulationResult, Span } from "../types";
import type { ComparedRun } from "./pair";

export const MAX_RUNS = 10;
/** Spans kept per run: a comparison draws far fewer rows than this. */
export const MAX_SPANS = 400;

export type KeptResult = Pick<SimulationResult, "verdict" | "platform" | "deadlineSeconds" | "elapsedSeconds" | "line" | "timeline" | "limit" | "runaway"> & {
  error: { type: string; message: string; line: number | null } | null;
};

export type KeptRun = {
  /** 1-based, in the order this session made them */
  seq: number;
  /** "broken", "fixed", "your code", or what a shared comparison called it */
  label: string;
  state: EditorState;
  result: KeptResult;
  platformName: string;
  planName: string | null;
  countsInit: boolean;
  clock: "wall" | "cpu";
};

export function keepResult(result: SimulationResult): KeptResult {
  return {
    verdict: result.verdict,
    platform: result.platform,
    deadlineSeconds: result.deadlineSeconds,
    elapsedSeconds: result.elapsedSeconds,
    line: result.line,
    timeline: result.timeline.slice(0, MAX_SPANS),
    ...(result.limit ? { limit: result.limit } : {}),
    ...(result.runaway ? { runaway: true } : {}),
    error: result.error ? { type: result.error.type, message: result.error.message.split("\n")[0]!.slice(0, 300), line: result.error.line } : null,
  };
}

/** The newest run first, at most MAX_RUNS. */
export function addRun(runs: readonly KeptRun[], run: Omit<KeptRun, "seq">): KeptRun[] {
  const seq = Math.max(0, ...runs.map((r) => r.seq)) + 1;
  return [{ ...run, seq }, ...runs].slice(0, MAX_RUNS);
}

/** "Run 3 · fixed · RunPod · 60 s: finished in 25.0 s" for a picker. */
export function runTitle(run: KeptRun): string {
  const r = run.result;
  const what = r.verdict === "ok" ? `finished in ${r.elapsedSeconds.toFixed(1)} s` : r.verdict === "timeout" ? `timed out${r.line ? ` at line ${r.line}` : ""}` : `failed${r.error ? ` (${r.error.type})` : ""}`;
  return `Run ${run.seq} · ${run.label} · ${run.platformName}${run.planName ? ` ${run.planName}` : ""} · ${Number.isFinite(r.deadlineSeconds) ? `${Number(r.deadlineSeconds.toFixed(2))} s limit` : "no limit"}: ${what}`;
}

/**
 * What the summary calls each run. Different labels ("broken", "fixed") are their own names; the
 * same code on two platforms, plans or limits adds which to the run number; otherwise the run number.
 */
export function runNames(a: KeptRun, b: KeptRun): [string, string] {
  if (a.label !== b.label) return [a.label, b.label];
  if (a.state.code === b.state.code) {
    const named = (what: (r: KeptRun) => string): [string, string] => [`run ${a.seq} (${what(a)})`, `run ${b.seq} (${what(b)})`];
    if (a.platformName !== b.platformName) return named((r) => r.platformName);
    if (a.planName && b.planName && a.planName !== b.planName) return named((r) => r.planName!);
    if (a.result.deadlineSeconds !== b.result.deadlineSeconds) return named((r) => `${r.result.deadlineSeconds} s limit`);
  }
  return [`run ${a.seq}`, `run ${b.seq}`];
}

export function comparedRun(run: KeptRun, name: string): ComparedRun {
  return { name, result: run.result, platformName: run.platformName, planName: run.planName, countsInit: run.countsInit, clock: run.clock, code: run.state.code };
}

// ---- sessionStorage: what comes back is checked, since anything in the tab could have written it

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const SPAN_KINDS = new Set<Span["kind"]>(["init", "handler", "sleep", "timer", "network", "cpu", "modelled"]);

function spanOf(v: unknown): Span | null {
  if (!isObject(v) || !SPAN_KINDS.has(v.kind as Span["kind"]) || typeof v.start !== "number" || typeof v.end !== "number") return null;
  const span: Span = { kind: v.kind as Span["kind"], start: v.start, end: v.end };
  if (typeof v.line === "number") span.line = v.line;
  if (typeof v.label === "string") span.label = v.label;
  if (typeof v.host === "string") span.host = v.host;
  if (typeof v.latency === "number") span.latency = v.latency;
  if (typeof v.status === "number") span.status = v.status;
  if (v.answer === "rule" || v.answer === "service" || v.answer === "default") span.answer = v.answer;
  if (typeof v.cost === "string") span.cost = v.cost;
  return span;
}

/** Runs read back from storage; anything malformed is dropped, never half-trusted. */
export function parseRuns(text: string | null, parseState: (raw: unknown) => EditorState | null): KeptRun[] {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const runs: KeptRun[] = [];
  for (const item of raw.slice(0, MAX_RUNS)) {
    if (!isObject(item) || !isObject(item.result) || typeof item.seq !== "number" || typeof item.label !== "string") continue;
    const state = parseState(item.state);
    const r = item.result;
    if (!state || !["ok", "timeout", "error"].includes(r.verdict as string) || (typeof r.deadlineSeconds !== "number" && r.deadlineSeconds !== null) || typeof r.elapsedSeconds !== "number" || !Array.isArray(r.timeline)) continue;
    if (typeof item.platformName !== "string" || typeof item.countsInit !== "boolean" || (item.clock !== "wall" && item.clock !== "cpu")) continue;
    const error = isObject(r.error) && typeof r.error.type === "string" && typeof r.error.message === "string" ? { type: r.error.type, message: r.error.message, line: typeof r.error.line === "number" ? r.error.line : null } : null;
    const limit = isObject(r.limit) && ["deadline", "cpu", "response", "init"].includes(r.limit.kind as string) && (r.limit.clock === "wall" || r.limit.clock === "cpu") && typeof r.limit.seconds === "number" ? (r.limit as unknown as KeptResult["limit"]) : undefined;
    runs.push({
      seq: item.seq,
      label: item.label.slice(0, 80),
      state,
      result: {
        verdict: r.verdict as KeptResult["verdict"],
        platform: typeof r.platform === "string" ? r.platform : state.platform,
        deadlineSeconds: r.deadlineSeconds as number,
        elapsedSeconds: r.elapsedSeconds,
        line: typeof r.line === "number" ? r.line : null,
        timeline: r.timeline.map(spanOf).filter((s): s is Span => s !== null).slice(0, MAX_SPANS),
        ...(limit ? { limit } : {}),
        ...(r.runaway === true ? { runaway: true } : {}),
        error,
      },
      platformName: item.platformName,
      planName: typeof item.planName === "string" ? item.planName : null,
      countsInit: item.countsInit,
      clock: item.clock,
    });
  }
  return runs;
}
