// --json / --reporter json: the report as one JSON object on one line.
import type { Report } from "../report";

export function formatJson(report: Report): string {
  const runs = report.rows.map(({ realMs: _realMs, ...row }) => row);
  return `${JSON.stringify({ version: 1, counts: report.counts, workers: report.workers, runs })}\n`;
}
