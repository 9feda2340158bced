import { deadlineMark, formatSeconds, limitSentence, spanLabel } from "../lib/runner/timeline";
import type { SimulationResult } from "../lib/runner/types";

const seconds = formatSeconds;

/** One sentence a person can act on, then the platform's own text as its logs would show it. */
export function formatVerdict(result: SimulationResult, platform: { name: string; clock: "wall" | "cpu" }, file: string): string {
  const platformName = platform.name;
  // the plan's clock when the result names the limit (a CPU plan of a wall-clock preset), else the preset's
  const clock = result.limit?.kind === "deadline" ? result.limit.clock : platform.clock;
  const limit = clock === "cpu" ? `${seconds(result.deadlineSeconds)} CPU limit` : `${seconds(result.deadlineSeconds)} limit`;
  const at = result.line ? ` at ${file}:${result.line}` : "";
  const lines: string[] = [];
  const other = result.verdict === "timeout" ? limitSentence(result, platformName, at) : null;
  if (result.verdict === "ok") {
    lines.push(`✓ Finished in ${seconds(result.elapsedSeconds)}${clock === "cpu" ? " of CPU" : ""} of a ${limit} on ${platformName}`);
  } else if (other) {
    lines.push(`✗ ${other}`);
  } else if (result.verdict === "timeout") {
    lines.push(
      clock === "cpu"
        ? `✗ Exceeded the ${limit}${at}: ${platformName} stops this handler after ${seconds(result.deadlineSeconds)} of CPU time`
        : `✗ Timed out at ${seconds(result.elapsedSeconds)}${at}: ${platformName} stops this handler after ${seconds(result.deadlineSeconds)}`,
    );
  } else {
    const err = result.error;
    lines.push(`✗ Failed after ${seconds(result.elapsedSeconds)}${err?.line ? ` at ${file}:${err.line}` : at}: ${err ? `${err.type}: ${err.message}` : "error"}`);
  }
  if (result.error?.candidates?.length) lines.push(...result.error.candidates.map((c) => `  candidate: ${c.name} (${c.kind}${c.line ? `, ${file}:${c.line}` : ""})`));
  if (result.platformMessage) lines.push(`  ${platformName} logs: ${result.platformMessage}`);
  for (const note of result.notes ?? []) lines.push(`  note: ${note.text}`);
  if (result.stdout.trim()) lines.push("", "stdout:", ...result.stdout.replace(/\n$/, "").split("\n").map((l) => `  ${l}`));
  if (result.verdict === "ok" && result.result !== undefined) lines.push("", `result: ${JSON.stringify(result.result)}`);
  return lines.join("\n");
}

/** With --concurrency: one row per request, in arrival order, as the editor's "Each request" table. */
export function formatRequests(result: SimulationResult, file: string): string {
  const requests = result.requests ?? [];
  if (!requests.length) return "";
  const verdict = { ok: "answered", timeout: "timed out", error: "failed" } as const;
  const cells = requests.map((r) => [
    String(r.index),
    verdict[r.verdict],
    r.status === null ? "none" : String(r.status),
    seconds(r.queuedSeconds),
    seconds(r.elapsedSeconds),
    r.line ? `${file}:${r.line}` : "",
    // Heroku's dyno goes on after the router has answered H12: when that work ended.
    r.finishedSeconds !== undefined && r.finishedSeconds > r.elapsedSeconds ? `server done at ${seconds(r.finishedSeconds)}` : "",
  ]);
  const head = ["request", "verdict", "status", "queued", "took", "line", ""];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const row = (c: string[]) => `  ${c.map((v, i) => v.padEnd(width[i]!)).join("  ")}`.trimEnd();
  return [`each of the ${requests.length} simultaneous requests:`, row(head), ...cells.map(row)].join("\n");
}

const BAR_WIDTH = 40;

/** The timeline as text bars against the deadline, one row per span. */
export function formatTimeline(result: SimulationResult, countsInit: boolean, maxRows = 40): string {
  const spans = result.timeline;
  if (spans.length === 0) return "";
  // A run that never got a finite limit (Celery with none configured) has no deadline to mark.
  const limited = Number.isFinite(result.deadlineSeconds);
  const mark = limited ? deadlineMark(result, countsInit) : 0;
  const end = Math.max(mark, ...spans.map((s) => s.end));
  const scale = (t: number) => Math.round((Math.max(0, t) / end) * BAR_WIDTH);
  const label = spanLabel;
  const labelWidth = Math.min(40, Math.max(...spans.map((s) => label(s).length)));
  const deadlineAt = limited ? scale(mark) : -1;
  const rows = spans.slice(0, maxRows).map((s) => {
    const a = scale(s.start);
    const b = Math.max(a + 1, scale(s.end));
    const bar = Array.from({ length: BAR_WIDTH + 1 }, (_, i) => (i >= a && i < b ? "█" : i === deadlineAt ? "|" : "·")).join("");
    return `  ${label(s).slice(0, labelWidth).padEnd(labelWidth)}  ${bar}  ${s.start.toFixed(2)} → ${s.end.toFixed(2)} s`;
  });
  if (spans.length > maxRows) rows.push(`  … ${spans.length - maxRows} more spans (use --json for all)`);
  if (!limited) return [`\ntimeline (virtual seconds; no deadline)`, ...rows].join("\n");
  const from = mark - result.deadlineSeconds < 0.05 ? "" : ` at ${seconds(mark)}, counted from the handler's start`;
  return [`\ntimeline (virtual seconds; | marks the ${seconds(result.deadlineSeconds)} deadline${from})`, ...rows].join("\n");
}
