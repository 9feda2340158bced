// Two runs' timelines side by side: which span of one is which span of the other. Line numbers
// cannot say (an edit shifts them, and a fix often moves a call to another line on purpose), so
// spans pair by what they are: their kind and their label with the varying parts taken out
// (durations, ids, counters). Repeated calls of the same kind group into one row, so "50 GET
// calls" against "5 GET calls" is one row, not 45 that vanished. Framework-free.
import { deadlineMark } from "../timeline";
import type { SimulationResult, Span } from "../types";

/** What a comparison needs of a run: its result (trimmed is fine) and how its platform counts. */
export type ComparedRun = {
  /** what the summary calls it: "broken", "fixed", "run 3", "RunPod" */
  name: string;
  result: Pick<SimulationResult, "verdict" | "platform" | "deadlineSeconds" | "elapsedSeconds" | "line" | "timeline" | "error" | "limit" | "runaway">;
  platformName: string;
  /** the plan's name, when the platform has several */
  planName: string | null;
  /** whether the platform's deadline counts module init (lib/runner/platforms countsInit) */
  countsInit: boolean;
  clock: "wall" | "cpu";
  code: string;
};

/** One run's part of a row. */
export type SideSpans = {
  spans: Span[];
  /** seconds of all its spans */
  total: number;
  /** seconds of its spans the deadline counted (inside the window from the clock's start to the deadline) */
  counted: number;
  /** seconds spent before the handler started (module init) and after (the invocation) */
  init: number;
  invoke: number;
  /** start of its first span, in seconds from the start of the deadline's clock (negative: before it) */
  offset: number;
  /** the run hit its deadline while one of these spans was still going */
  cut: boolean;
};

export type SpanRow = {
  key: string;
  kind: Span["kind"];
  /** the label to show: the newer run's wording when it has one */
  label: string;
  /** each run's own wording of it (a call's arguments may differ), null where the run has none */
  labels: [string | null, string | null];
  a: SideSpans | null;
  b: SideSpans | null;
};

/** When a run's deadline clock starts and where the deadline falls, in seconds from the run's start. */
export type Window = { start: number; mark: number; handlerStart: number | null };

const EPSILON = 1e-3;

export function windowOf(run: Pick<ComparedRun, "result" | "countsInit">): Window {
  const handler = run.result.timeline.find((s) => s.kind === "handler");
  const start = run.countsInit || !handler ? 0 : handler.start;
  // A run with no finite limit (a platform that has none unless configured) sends null.
  const deadline = run.result.deadlineSeconds;
  const mark = typeof deadline === "number" && Number.isFinite(deadline) ? deadlineMark(run.result, run.countsInit) : Number.POSITIVE_INFINITY;
  return { start, mark, handlerStart: handler ? handler.start : null };
}

/**
 * The part of a label that says what a span is. "[request 2]" stays (each request is its own row);
 * numbers elsewhere go ("time.sleep(45)" and "time.sleep(5)" are the same call, edited); UUIDs and
 * long hex ids go; a trailing parenthesised remark goes ("(runpod job 6bdb…)", "(pending at the
 * deadline)", "(connection refused)"), but not a call's own parentheses ("from_pretrained()").
 */
export function spanKey(span: Span): string {
  const raw = (span.label ?? span.host ?? "").replace(new RegExp(`^${span.kind}:\\s*`), "");
  const request = /^\[request \d+\]\s*/.exec(raw)?.[0] ?? "";
  const rest = raw
    .slice(request.length)
    .replace(/\s+\([^()]+\)$/, "")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "…")
    .replace(/\b[0-9a-f]{16,}\b/gi, "…")
    .replace(/\d+(\.\d+)?/g, "#")
    .trim();
  return `${span.kind}|${request.trim()}${request && rest ? " " : ""}${rest}`;
}

function side(spans: Span[], window: Window, timedOut: boolean): SideSpans {
  let total = 0;
  let counted = 0;
  let init = 0;
  let invoke = 0;
  let cut = false;
  for (const s of spans) {
    const length = Math.max(0, s.end - s.start);
    total += length;
    counted += Math.max(0, Math.min(s.end, window.mark) - Math.max(s.start, window.start));
    if (window.handlerStart === null || s.start < window.handlerStart - EPSILON) init += length;
    else invoke += length;
    if (timedOut && s.end >= window.mark - EPSILON) cut = true;
  }
  const first = Math.min(...spans.map((s) => s.start));
  return { spans, total, counted, init, invoke, offset: first - window.start, cut };
}

function groups(run: ComparedRun): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const span of run.result.timeline) {
    const key = spanKey(span);
    const list = out.get(key);
    if (list) list.push(span);
    else out.set(key, [span]);
  }
  return out;
}

function labelOf(span: Span): string {
  const label = (span.label ?? span.host ?? span.kind).replace(new RegExp(`^${span.kind}:\\s*`), "") || span.kind;
  // The handler's label ends with the run's own id ("(runpod job 6bdb…)"), which says nothing here.
  return span.kind === "handler" ? label.replace(/\s+\([^()]+\)$/, "") : label;
}

/**
 * Rows for the two runs, in the order the first run met them, the second run's own spans placed
 * after the row they followed there. Each row holds every span of that key from each run.
 */
export function pairSpans(a: ComparedRun, b: ComparedRun): SpanRow[] {
  const wa = windowOf(a);
  const wb = windowOf(b);
  const ga = groups(a);
  const gb = groups(b);
  const rows: SpanRow[] = [];
  const byKey = new Map<string, SpanRow>();
  const make = (key: string, spansA: Span[] | undefined, spansB: Span[] | undefined): SpanRow => {
    const first = (spansB ?? spansA)![0]!;
    const row: SpanRow = {
      key,
      kind: first.kind,
      label: labelOf(first),
      labels: [spansA ? labelOf(spansA[0]!) : null, spansB ? labelOf(spansB[0]!) : null],
      a: spansA ? side(spansA, wa, a.result.verdict === "timeout") : null,
      b: spansB ? side(spansB, wb, b.result.verdict === "timeout") : null,
    };
    byKey.set(key, row);
    return row;
  };
  for (const [key, spans] of ga) rows.push(make(key, spans, gb.get(key)));
  // The second run's own rows go after the row of the span that came before them in that run.
  let after: string | null = null;
  for (const [key, spans] of gb) {
    if (!byKey.has(key)) {
      const row = make(key, undefined, spans);
      const at = after === null ? -1 : rows.findIndex((r) => r.key === after);
      rows.splice(at + 1, 0, row);
    }
    after = key;
  }
  return rows;
}
