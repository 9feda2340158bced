// The table a person reads: handler × event, verdict, time used, margin (share of the limit),
// line; then, for each run that failed the check, what happened and where the limit came from.
import { formatSeconds } from "../../runner/timeline";
import { percent, type Report, type Row } from "../report";

export type Colours = { red(s: string): string; green(s: string): string; yellow(s: string): string; dim(s: string): string; bold(s: string): string };

const plain: Colours = { red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };
const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const ansi: Colours = { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), dim: sgr(2, 22), bold: sgr(1, 22) };

/** Colour on a terminal, unless NO_COLOR is set (no-color.org); FORCE_COLOR turns it on anywhere. */
export function coloursFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined> = process.env): Colours {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return ansi;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return plain;
  return stream.isTTY ? ansi : plain;
}

const MARK: Record<Row["status"], string> = { pass: "✓", "over-share": "!", timeout: "✗", error: "✗" };
const WORD: Record<Row["status"], string> = { pass: "ok", "over-share": "over share", timeout: "timed out", error: "failed" };

function paint(row: Row, c: Colours): (s: string) => string {
  return row.status === "pass" ? c.green : row.status === "over-share" ? c.yellow : c.red;
}

// Visible width, without the escape codes.
const width = (s: string) => s.replace(/\u001b\[\d+m/g, "").length;
const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - width(s)));

export function formatHuman(report: Report, c: Colours = plain): string {
  const header = ["", "handler", "event", "verdict", "time", "limit", "margin", "line"];
  const cells = report.rows.map((row) => {
    const colour = paint(row, c);
    const limit = row.deadlineSeconds === null ? "none" : `${formatSeconds(row.deadlineSeconds)}${row.clock === "cpu" ? " CPU" : ""}`;
    return [
      colour(MARK[row.status]),
      row.handler,
      row.event,
      colour(WORD[row.status]),
      formatSeconds(row.elapsedSeconds),
      limit,
      row.share === null ? "–" : colour(percent(row.share)),
      row.line ? `${row.file}:${row.line}` : row.file,
    ];
  });
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i]!))));
  const line = (r: string[]) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : pad(cell, widths[i]!))).join("  ")}`.trimEnd();
  const out = [line(header.map((h) => c.dim(h))), ...cells.map(line)];

  const failed = report.rows.filter((r) => r.status !== "pass");
  for (const row of failed) {
    out.push("", `${paint(row, c)(MARK[row.status])} ${c.bold(`${row.handler} × ${row.event}`)}: ${row.summary}`);
    if (row.detail) out.push(...row.detail.split("\n").map((l) => `    ${l}`));
    out.push(c.dim(`    limit: ${row.timeoutSource}; ${row.platform}, plan ${row.plan}`));
    for (const note of row.notes) out.push(c.dim(`    note: ${note.text}`));
  }
  const { counts } = report;
  const parts = [counts.timeout && `${counts.timeout} timed out`, counts.error && `${counts.error} failed`, counts.overShare && `${counts.overShare} over their share of the limit`].filter(Boolean);
  out.push(
    "",
    c.dim(`${counts.runs} run${counts.runs === 1 ? "" : "s"} on ${report.workers} worker thread${report.workers === 1 ? "" : "s"} in ${(report.realMs / 1000).toFixed(1)} s of real time`),
    `${counts.passed} passed, ${counts.failed} failed${parts.length ? ` (${parts.join(", ")})` : ""}`,
  );
  return `${out.join("\n")}\n`;
}
