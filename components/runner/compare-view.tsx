// Two runs on one time axis: a row per span (pair.ts), the first run's bars above the second's,
// and both deadlines drawn across every row, so where the time went and where each limit fell
// can be read together. Pure rendering of a Comparison; the summary sentence sits on top.
import type { KeptRun } from "@/lib/runner/compare/history";
import type { SideSpans, SpanRow } from "@/lib/runner/compare/pair";
import { limitText, type Comparison, type Part } from "@/lib/runner/compare/summary";
import { formatSeconds } from "@/lib/runner/timeline";

const MAX_ROWS = 80;
const EPS = 1e-3;

export function SummaryText({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((p, i) => (typeof p === "string" ? <span key={i}>{p}</span> : <code key={i}>{p.code}</code>))}
    </>
  );
}

function change(row: SpanRow): string {
  const { a, b } = row;
  if (a && !b) return "gone";
  if (!a && b) return "new";
  if (!a || !b) return "";
  if (a.invoke > EPS && b.invoke <= EPS && b.init > EPS) return "to init";
  if (a.init > EPS && a.invoke <= EPS && b.invoke > EPS) return "to handler";
  const d = b.total - a.total;
  if (Math.abs(d) < 0.0005) return "same";
  return `${d < 0 ? "−" : "+"}${formatSeconds(Math.abs(d))}`;
}

function sideText(name: string, side: SideSpans | null): string {
  if (!side) return `${name}: none`;
  const where = side.init > EPS && side.invoke > EPS ? "init and handler" : side.init > EPS ? "module init" : "the handler";
  const first = Math.min(...side.spans.map((s) => s.start));
  return `${name}: ${formatSeconds(side.total)}${side.spans.length > 1 ? ` over ${side.spans.length} spans` : ""} in ${where}, from ${formatSeconds(first)}${side.cut ? ", cut off at the deadline" : ""}`;
}

function outcomeText(run: KeptRun): string {
  const r = run.result;
  if (r.verdict === "ok") return `finished in ${formatSeconds(r.elapsedSeconds)}`;
  if (r.verdict === "timeout") return `timed out${r.line ? ` at line ${r.line}` : ""}`;
  return `failed${r.error ? `: ${r.error.type}` : ""}`;
}

export function CompareView({ comparison, a, b, headingId }: { comparison: Comparison; a: KeptRun; b: KeptRun; headingId: string }) {
  const { rows, marks, end, names } = comparison;
  const pct = (t: number) => `${(Math.max(0, Math.min(t, end)) / end) * 100}%`;
  // CPU between calls is drawn only when it is big enough to see.
  const drawn = rows.filter((r) => r.kind !== "cpu" || Math.max(r.a?.total ?? 0, r.b?.total ?? 0) >= 0.01 * end).slice(0, MAX_ROWS);
  const hidden = rows.length - drawn.length;
  const lane = (side: SideSpans | null, which: "a" | "b") => (
    <span className={`compare-lane compare-lane-${which}`}>
      {side?.spans.map((s, i) => (
        <span key={i} className={`timeline-bar timeline-${s.kind}`} style={{ left: pct(s.start), width: `max(2px, calc(${pct(s.end)} - ${pct(s.start)}))` }} />
      ))}
    </span>
  );
  return (
    <figure className="compare-view" aria-labelledby={headingId}>
      <p className="compare-summary" data-testid="compare-summary">
        <SummaryText parts={comparison.summary} />
      </p>
      <ul className="compare-legend">
        {[a, b].map((run, i) => (
          <li key={run.seq}>
            <span className={`compare-swatch compare-swatch-${i === 0 ? "a" : "b"}`} aria-hidden="true" />
            <strong>{names[i]}</strong> ({i === 0 ? "upper bars, dashed deadline" : "lower bars, solid deadline"}): run {run.seq}, {outcomeText(run)} · {run.platformName}
            {run.planName ? ` · ${run.planName}` : ""} · {limitText(run)} limit{Number.isFinite(marks[i]!) && Math.abs(marks[i]! - run.result.deadlineSeconds) >= 0.05 ? `, counted from the handler's start (at ${formatSeconds(marks[i]! - run.result.deadlineSeconds)})` : ""}
          </li>
        ))}
      </ul>
      <div className="timeline-axis compare-axis" aria-hidden="true">
        <span>0 s</span>
        <span>{formatSeconds(end)}</span>
      </div>
      <ol className="compare-rows">
        {drawn.map((row) => (
          <li key={row.key} className="compare-row">
            <span className="timeline-label" title={row.label}>
              {row.kind === "cpu" ? "CPU work" : row.label}
              {Math.max(row.a?.spans.length ?? 0, row.b?.spans.length ?? 0) > 1 ? ` ×${Math.max(row.a?.spans.length ?? 0, row.b?.spans.length ?? 0)}` : ""}
            </span>
            <span className="compare-track" aria-hidden="true">
              {lane(row.a, "a")}
              {lane(row.b, "b")}
              {Number.isFinite(marks[0]) ? <span className="compare-deadline compare-deadline-a" style={{ left: pct(marks[0]) }} /> : null}
              {Number.isFinite(marks[1]) ? <span className="compare-deadline compare-deadline-b" style={{ left: pct(marks[1]) }} /> : null}
            </span>
            <span className="timeline-time compare-change">{change(row)}</span>
            <span className="visually-hidden">
              . {sideText(names[0], row.a)}; {sideText(names[1], row.b)}.
            </span>
          </li>
        ))}
      </ol>
      <p className="timeline-note">
        Virtual seconds from each run&apos;s start; {Number.isFinite(marks[0]) ? `${names[0]}'s deadline falls at ${formatSeconds(marks[0])}` : `${names[0]} has no deadline`},{" "}
        {Number.isFinite(marks[1]) ? `${names[1]}'s at ${formatSeconds(marks[1])}` : `${names[1]} has none`}.{hidden > 0 ? ` ${hidden} short or further rows not drawn.` : ""}
      </p>
    </figure>
  );
}
