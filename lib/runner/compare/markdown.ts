// A comparison as Markdown, for Copy as Markdown: the summary, both runs' outcomes and limits, and
// the rows that differ most, each figure from the runs. Framework-free.
import { inlineCode } from "../../markdown/fence";
import { formatSeconds as s } from "../timeline";
import type { ComparedRun, SideSpans } from "./pair";
import { limitText, summaryText, type Comparison } from "./summary";

const MAX_ROWS = 12;

function cell(side: SideSpans | null): string {
  if (!side) return "none";
  const phase = side.invoke > 0.001 && side.init > 0.001 ? "init + handler" : side.init > 0.001 ? "init" : "handler";
  return `${s(side.total)}${side.spans.length > 1 ? ` (${side.spans.length}×)` : ""}, ${phase}${side.cut ? ", cut off" : ""}`;
}

function outcome(run: ComparedRun): string {
  const r = run.result;
  const where = `${run.platformName}${run.planName ? ` (${run.planName})` : ""}`;
  const what = r.verdict === "ok" ? `finished in ${s(r.elapsedSeconds)}` : r.verdict === "timeout" ? `timed out at ${s(r.elapsedSeconds)}${r.line ? ` at line ${r.line}` : ""}` : `failed${r.line ? ` at line ${r.line}` : ""}${r.error ? `: ${r.error.type}` : ""}`;
  return `${what} on ${where}, ${limitText(run)}${limitText(run) === "no limit" ? "" : " limit"}${run.countsInit ? " (init counted)" : " (init not counted)"}`;
}

export function comparisonMarkdown(comparison: Comparison, a: ComparedRun, b: ComparedRun, link: string | null): string {
  const [na, nb] = comparison.names;
  const esc = (t: string) => t.replace(/\|/g, "\\|");
  const lines = [`**Comparison:** ${esc(na)} against ${esc(nb)}`, "", summaryText(comparison.summary, inlineCode), "", `- ${na}: ${outcome(a)}`, `- ${nb}: ${outcome(b)}`];
  const rows = comparison.rows
    .filter((r) => r.kind !== "cpu" || Math.abs((r.a?.total ?? 0) - (r.b?.total ?? 0)) >= 0.05)
    .map((r) => ({ r, d: Math.abs((r.b?.counted ?? 0) - (r.a?.counted ?? 0)) + Math.abs((r.b?.init ?? 0) - (r.a?.init ?? 0)) }))
    .sort((x, y) => y.d - x.d)
    .slice(0, MAX_ROWS);
  if (rows.length) {
    lines.push("", `| span | ${esc(na)} | ${esc(nb)} |`, "|---|---|---|");
    for (const { r } of rows) lines.push(`| ${esc(inlineCode(r.kind === "cpu" ? "CPU work" : r.label))} | ${cell(r.a)} | ${cell(r.b)} |`);
  }
  if (link) lines.push("", `[Open this comparison in Deadline](${link})`);
  return lines.join("\n");
}
