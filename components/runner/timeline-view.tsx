import { deadlineMark, spanLabel } from "@/lib/runner/timeline";
import type { SimulationResult, Span } from "@/lib/runner/types";

const MAX_ROWS = 150;

function fmt(seconds: number): string {
  if (seconds === 0) return "0 s";
  if (Math.abs(seconds) < 1) return `${Number((seconds * 1000).toPrecision(3))} ms`;
  return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))} s`;
}

/** The run drawn against the deadline: one bar per span, so a person sees where the time went. */
export function TimelineView({ result, countsInit, onLine }: { result: SimulationResult; countsInit: boolean; onLine: (line: number) => void }) {
  const spans = result.timeline;
  if (spans.length === 0) return null;
  const mark = deadlineMark(result, countsInit);
  const end = Math.max(mark, ...spans.map((s) => s.end)) || 1;
  const pct = (t: number) => `${(Math.max(0, Math.min(t, end)) / end) * 100}%`;
  const shown = spans.slice(0, MAX_ROWS);
  return (
    <figure className="timeline" aria-labelledby="timeline-caption">
      <figcaption id="timeline-caption">
        Where the time went <span className="timeline-note">virtual seconds · the red line is the {fmt(result.deadlineSeconds)} deadline{mark - result.deadlineSeconds >= 0.05 ? `, counted from the handler's start` : ""}</span>
      </figcaption>
      <div className="timeline-axis" aria-hidden="true">
        <span>0 s</span>
        <span>{fmt(end)}</span>
      </div>
      <ol className="timeline-rows">
        {shown.map((span: Span, i) => {
          const label = spanLabel(span);
          const answered = span.kind === "network" && span.answer ? `, ${span.status !== undefined ? `${span.status} ` : ""}from ${span.answer === "rule" ? "a response rule" : span.answer === "service" ? "the service model" : span.answer === "server" ? "a server the code started" : "the default answer"}` : "";
          const modelled = span.kind === "modelled" ? (span.cost ? `, cost rule ${span.cost}` : ", no cost rule (0 s)") : "";
          const description = `${label}: ${fmt(span.start)} to ${fmt(span.end)} (${fmt(span.end - span.start)})${span.latency !== undefined ? `, host latency ${fmt(span.latency)}` : ""}${answered}${modelled}`;
          const content = (
            <>
              <span className="timeline-label">{label}</span>
              <span className="timeline-track">
                <span className={`timeline-bar timeline-${span.kind}`} style={{ left: pct(span.start), width: `max(2px, calc(${pct(span.end)} - ${pct(span.start)}))` }} />
                <span className="timeline-deadline" style={{ left: pct(mark) }} />
              </span>
              <span className="timeline-time">{fmt(span.end - span.start)}</span>
              <span className="visually-hidden">
                , from {fmt(span.start)} to {fmt(span.end)}
                {span.latency !== undefined ? `, host latency ${fmt(span.latency)}` : ""}
                {answered}
                {modelled}
                {span.line ? `. Show line ${span.line}` : ""}
              </span>
            </>
          );
          return (
            <li key={i} title={description}>
              {span.line ? (
                <button type="button" className="timeline-row" onClick={() => onLine(span.line!)}>
                  {content}
                </button>
              ) : (
                <div className="timeline-row">
                  {content}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {spans.length > MAX_ROWS ? <p className="timeline-note">{spans.length - MAX_ROWS} more spans not drawn.</p> : null}
    </figure>
  );
}
