// One check's results as plain data: what every reporter prints, and what --json is.
import { prepare } from "../runner/prepare";
import { formatSeconds } from "../runner/timeline";
import type { Note, RequestOutcome, SimulationResult } from "../runner/types";
import { judge, type Status } from "./margin";
import type { Outcome } from "./pool";

export type Row = {
  handler: string;
  event: string;
  /** relative to the config's folder */
  file: string;
  platform: string;
  plan: string;
  clock: "wall" | "cpu";
  verdict: "ok" | "timeout" | "error";
  status: Status;
  elapsedSeconds: number;
  /** null: the run had no finite limit */
  deadlineSeconds: number | null;
  share: number | null;
  maxShare: number;
  line: number | null;
  /** one sentence: what happened */
  summary: string;
  /** the platform's own text, or the error's */
  detail: string | null;
  timeoutSource: string;
  notes: Note[];
  stdout: string;
  realMs: number;
  /** a handler with concurrency: what each simultaneous request got (result.requests) */
  requests?: RequestOutcome[];
};

export type Report = {
  rows: Row[];
  workers: number;
  realMs: number;
  counts: { runs: number; passed: number; failed: number; timeout: number; error: number; overShare: number };
};

export const percent = (share: number) => `${Math.round(share * 100)} %`;

/** ", 3 of 8 simultaneous requests timed out": what the run's verdict stands for with concurrency. */
function requestsPhrase(requests: SimulationResult["requests"]): string {
  if (!requests || requests.length < 2) return "";
  const out = requests.filter((r) => r.verdict === "timeout").length;
  const failed = requests.filter((r) => r.verdict === "error").length;
  const parts = [out && `${out} timed out`, failed && `${failed} failed`].filter(Boolean);
  return ` (${requests.length} simultaneous requests${parts.length ? `: ${parts.join(", ")}` : ""})`;
}

function summaryOf(row: Omit<Row, "summary">, requests?: SimulationResult["requests"]): string {
  return summaryText(row) + requestsPhrase(requests);
}

function summaryText(row: Omit<Row, "summary">): string {
  const limit = row.deadlineSeconds === null ? "no limit" : `${formatSeconds(row.deadlineSeconds)}${row.clock === "cpu" ? " of CPU" : ""} limit`;
  const at = row.line ? ` at ${row.file}:${row.line}` : "";
  switch (row.status) {
    case "timeout":
      return `Timed out at ${formatSeconds(row.elapsedSeconds)} of a ${limit}${at}`;
    case "error":
      return `Failed after ${formatSeconds(row.elapsedSeconds)}${at}`;
    case "over-share":
      return `Used ${percent(row.share ?? 0)} of its ${limit} (${formatSeconds(row.elapsedSeconds)}), over the ${percent(row.maxShare)} allowed${at}`;
    default:
      return `Finished in ${formatSeconds(row.elapsedSeconds)} of a ${limit}${row.share !== null ? ` (${percent(row.share)})` : ""}`;
  }
}

export function buildReport(outcomes: readonly Outcome[], workers: number, realMs: number): Report {
  const rows = outcomes.map(({ job, result, realMs: ms }): Row => {
    const { status, share, line } = judge(result, job.maxShare);
    const prepared = prepare(job.request);
    const deadline = Number.isFinite(result.deadlineSeconds) ? result.deadlineSeconds : null;
    const detail = result.error ? `${result.error.type}: ${result.error.message}` : result.platformMessage;
    const base = {
      handler: job.handler,
      event: job.event,
      file: job.file,
      platform: prepared.preset.id,
      plan: prepared.plan.id,
      clock: prepared.engine.clock,
      verdict: result.verdict,
      status,
      elapsedSeconds: result.elapsedSeconds,
      deadlineSeconds: deadline,
      share,
      maxShare: job.maxShare,
      line,
      detail: detail ?? null,
      timeoutSource: job.timeoutSource,
      notes: result.notes ?? [],
      stdout: result.stdout,
      realMs: ms,
      ...(result.requests?.length ? { requests: result.requests } : {}),
    };
    return { ...base, summary: summaryOf(base, result.requests) };
  });
  const count = (status: Status) => rows.filter((r) => r.status === status).length;
  const passed = count("pass");
  return {
    rows,
    workers,
    realMs,
    counts: { runs: rows.length, passed, failed: rows.length - passed, timeout: count("timeout"), error: count("error"), overShare: count("over-share") },
  };
}
