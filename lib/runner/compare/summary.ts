// The sentence under a comparison: how the second run's outcome differs from the first's, and
// which spans account for it, read off the two timelines (pair.ts). Nothing here is canned: every
// figure and every name comes from the runs, and a change too small to matter is left out rather
// than dressed up. Framework-free.
import { formatSeconds } from "../timeline";
import { pairSpans, windowOf, type ComparedRun, type SideSpans, type SpanRow } from "./pair";

/** Text with code spans kept apart, so the page can show <code> and Markdown can fence it safely. */
export type Part = string | { code: string };

export type ChangeKind = "moved-out" | "moved-in" | "gone" | "new" | "shorter" | "longer" | "completes" | "cut" | "alongside" | "serialised" | "earlier" | "later";

export type Change = {
  kind: ChangeKind;
  row: SpanRow;
  /** how much this change weighs in the difference, in seconds (for ranking) */
  weight: number;
  /** alongside / serialised: the row it now overlaps, or no longer overlaps */
  other?: SpanRow;
  /** earlier / later: seconds it moved by, beyond what the spans before it explain */
  shift?: number;
};

export type Comparison = {
  names: [string, string];
  rows: SpanRow[];
  /** every change worth a mention, heaviest first */
  changes: Change[];
  /** the ones the summary names */
  named: Change[];
  summary: Part[];
  /** where each run's deadline falls on the shared axis (seconds from each run's start) */
  marks: [number, number];
  /** the end of the shared axis */
  end: number;
};

/** Spans that hold others (module init, the handler call): their changes follow from the rest. */
const CONTAINERS = new Set(["init", "handler"]);
const EPS = 1e-3;
/** A change the summary names weighs at least this share of the heaviest one. */
const NAMED_SHARE = 0.1;
const MAX_NAMED = 3;

const s = formatSeconds;

function clip(label: string): string {
  return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}

function noun(row: SpanRow, plural: boolean): string {
  const word = { network: "request", modelled: "call", sleep: "sleep", timer: "timer", cpu: "CPU work", init: "init", handler: "handler" }[row.kind];
  return plural && row.kind !== "cpu" ? `${word}s` : word;
}

/** "the 40.0 s `from_pretrained()` call", "3 `GET …` requests (12.0 s)", "20.0 s of CPU work" */
function what(row: SpanRow, side: SideSpans, seconds = side.total): Part[] {
  if (row.kind === "cpu") return [`${s(seconds)} of CPU work`];
  const many = side.spans.length > 1;
  return many ? [`${side.spans.length} `, { code: clip(row.label) }, ` ${noun(row, true)} (${s(seconds)})`] : [`the ${s(seconds)} `, { code: clip(row.label) }, ` ${noun(row, false)}`];
}

function overlaps(x: SideSpans, y: SideSpans): boolean {
  let shared = 0;
  for (const p of x.spans) for (const q of y.spans) shared += Math.max(0, Math.min(p.end, q.end) - Math.max(p.start, q.start));
  return shared > 0.5 * Math.min(x.total, y.total) && shared > EPS;
}

/** Seconds the deadline counted in `run`'s other spans that ended before `at` (not containers, not `row`). */
function countedBefore(rows: SpanRow[], row: SpanRow, pick: (r: SpanRow) => SideSpans | null, at: number, mark: number, start: number): number {
  let total = 0;
  for (const r of rows) {
    if (r === row || CONTAINERS.has(r.kind)) continue;
    for (const sp of pick(r)?.spans ?? []) if (sp.end <= at + EPS) total += Math.max(0, Math.min(sp.end, mark) - Math.max(sp.start, start));
  }
  return total;
}

function changesOf(rows: SpanRow[], a: ComparedRun, b: ComparedRun): Change[] {
  const wa = windowOf(a);
  const wb = windowOf(b);
  const out: Change[] = [];
  const body = rows.filter((r) => !CONTAINERS.has(r.kind));
  for (const row of body) {
    const A = row.a;
    const B = row.b;
    if (!A && B) {
      out.push({ kind: "new", row, weight: Math.max(B.counted, 0.5 * B.total) });
      continue;
    }
    if (A && !B) {
      out.push({ kind: "gone", row, weight: Math.max(A.counted, 0.5 * A.total) });
      continue;
    }
    if (!A || !B) continue;
    const dCounted = B.counted - A.counted;
    const dTotal = B.total - A.total;
    if (A.invoke > EPS && B.invoke <= EPS && B.init > EPS) {
      out.push({ kind: "moved-out", row, weight: Math.max(Math.abs(dCounted), 0.5 * A.invoke) });
      continue;
    }
    if (A.init > EPS && A.invoke <= EPS && B.invoke > EPS) {
      out.push({ kind: "moved-in", row, weight: Math.max(Math.abs(dCounted), 0.5 * B.invoke) });
      continue;
    }
    // A span the deadline cut short grows once the run gets past it: a consequence, weighed low.
    if (A.cut && dTotal > EPS) out.push({ kind: "completes", row, weight: 0.25 * Math.abs(dCounted) });
    else if (B.cut && dTotal < -EPS) out.push({ kind: "cut", row, weight: 0.25 * Math.abs(dCounted) });
    else if (Math.abs(dTotal) > EPS || Math.abs(dCounted) > EPS) out.push({ kind: dTotal < 0 || (dTotal === 0 && dCounted < 0) ? "shorter" : "longer", row, weight: Math.max(Math.abs(dCounted), 0.5 * Math.abs(dTotal)) });

    // Where it runs: alongside something it used to follow (or the reverse), or simply moved.
    if (A.invoke > EPS && B.invoke > EPS && A.init <= EPS && B.init <= EPS) {
      const shift = B.offset - A.offset;
      const other = body.find((q) => q !== row && q.a && q.b && q.kind !== "cpu" && overlaps(B, q.b) !== overlaps(A, q.a));
      if (other && Math.abs(shift) > EPS) {
        out.push({ kind: overlaps(B, other.b!) ? "alongside" : "serialised", row, other, weight: 0.5 * Math.abs(shift) });
        continue;
      }
      const firstA = Math.min(...A.spans.map((x) => x.start));
      const firstB = Math.min(...B.spans.map((x) => x.start));
      const explained = countedBefore(rows, row, (r) => r.b, firstB, wb.mark, wb.start) - countedBefore(rows, row, (r) => r.a, firstA, wa.mark, wa.start);
      const unexplained = shift - explained;
      if (Math.abs(unexplained) > EPS) out.push({ kind: unexplained < 0 ? "earlier" : "later", row, shift: unexplained, weight: 0.5 * Math.abs(unexplained) });
    }
  }
  return out.sort((x, y) => y.weight - x.weight);
}

function outcome(run: ComparedRun): Part[] {
  const r = run.result;
  const cpu = run.clock === "cpu" ? " of CPU" : "";
  const at = r.line ? ` at line ${r.line}` : "";
  if (r.verdict === "ok") return [`finishes in ${s(r.elapsedSeconds)}${cpu}`];
  if (r.verdict === "timeout") {
    const limit = r.limit;
    if (limit && limit.kind !== "deadline") {
      const which = { cpu: "CPU", response: "time-to-response", init: "startup" }[limit.kind];
      return [`is stopped by the ${s(limit.seconds)} ${which} limit${at}`];
    }
    return [`times out at ${s(r.elapsedSeconds)}${cpu}${at}`];
  }
  const type = r.error?.type;
  return [`fails${at}${type ? ` with ${type}` : ""}${r.elapsedSeconds >= 0.05 ? ` after ${s(r.elapsedSeconds)}` : ""}`];
}

function headline(a: ComparedRun, b: ComparedRun): Part[] {
  const [ra, rb] = [a.result, b.result];
  const near = (x: number, y: number) => Math.abs(x - y) < Math.max(0.05, 0.01 * Math.max(x, y));
  if (ra.verdict === "ok" && rb.verdict === "ok") {
    const d = rb.elapsedSeconds - ra.elapsedSeconds;
    if (near(ra.elapsedSeconds, rb.elapsedSeconds)) return [`${b.name} and ${a.name} both finish in ${s(rb.elapsedSeconds)}`];
    return [`${b.name} ${d < 0 ? `finishes ${s(-d)} earlier` : `takes ${s(d)} longer`} than ${a.name} (${s(rb.elapsedSeconds)} against ${s(ra.elapsedSeconds)})`];
  }
  if (rb.verdict === "ok") {
    const d = ra.elapsedSeconds - rb.elapsedSeconds;
    if (d > 0.05) return [`${b.name} finishes in ${s(rb.elapsedSeconds)}, ${s(d)} earlier than ${a.name}, which `, ...outcome(a)];
    return [`${b.name} `, ...outcome(b), `; ${a.name} `, ...outcome(a)];
  }
  if (ra.verdict === "ok") return [`${b.name} `, ...outcome(b), `, where ${a.name} ${outcome(a).join("")}`];
  if (ra.verdict === "timeout" && rb.verdict === "timeout" && ra.line === rb.line && near(ra.elapsedSeconds, rb.elapsedSeconds) && ra.limit?.kind === rb.limit?.kind) {
    return [`${b.name} and ${a.name} both `, ...outcome(b).map((p) => (typeof p === "string" ? p.replace(/^times out/, "time out").replace(/^is stopped/, "are stopped") : p))];
  }
  return [`${b.name} `, ...outcome(b), `; ${a.name} `, ...outcome(a)];
}

function join(items: Part[][], last = " and "): Part[] {
  const out: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(i === items.length - 1 ? last : ", ");
    out.push(...item);
  });
  return out;
}

function clause(group: Change[], a: ComparedRun, b: ComparedRun): Part[] {
  const kind = group[0]!.kind;
  if (kind === "moved-out" || kind === "moved-in") {
    const items = group.map((c) => (group.length > 1 ? [{ code: clip(c.row.label) }, ` (${s(kind === "moved-out" ? c.row.a!.invoke : c.row.b!.invoke)})`] : what(c.row, c.row.a!, kind === "moved-out" ? c.row.a!.invoke : c.row.a!.init)));
    const counts =
      kind === "moved-out"
        ? b.countsInit
          ? `, which ${b.platformName} counts against the deadline too`
          : `, which the deadline on ${b.platformName} does not count`
        : b.countsInit
          ? `, which ${b.platformName} counts against the deadline either way`
          : `, where the deadline on ${b.platformName} counts it`;
    return [...join(items), kind === "moved-out" ? " moved out of the handler into module init" : " moved from module init into the handler", counts];
  }
  const parts = group.map((c): Part[] => {
    const A = c.row.a;
    const B = c.row.b;
    switch (c.kind) {
      case "gone":
        return [...what(c.row, A!), A!.spans.length > 1 ? " are gone" : " is gone"];
      case "new":
        return [...what(c.row, B!).map((p, i) => (i === 0 && typeof p === "string" ? p.replace(/^the /, "a new ") : p)), B!.spans.length > 1 ? " are new" : ""];
      case "shorter":
      case "longer": {
        const [was, now] = c.row.labels;
        const label: Part[] = c.row.kind === "cpu" ? ["CPU work"] : was && now && was !== now ? [{ code: clip(was) }, " (now ", { code: clip(now) }, ")"] : [{ code: clip(c.row.label) }];
        if (A!.spans.length !== B!.spans.length) return [...label, ` runs ${B!.spans.length} times (${s(B!.total)}) instead of ${A!.spans.length} (${s(A!.total)})`];
        return [...label, ` takes ${s(B!.total)} instead of ${s(A!.total)}`];
      }
      case "completes":
        return [{ code: clip(c.row.label) }, ` runs to completion (${s(B!.total)}; it was cut off at the deadline after ${s(A!.total)})`];
      case "cut":
        return [{ code: clip(c.row.label) }, ` is cut off at the deadline after ${s(B!.total)} (it took ${s(A!.total)} in ${a.name})`];
      case "alongside":
        return [{ code: clip(c.row.label) }, " now runs alongside ", { code: clip(c.other!.label) }, " instead of after it"];
      case "serialised":
        return [{ code: clip(c.row.label) }, " now runs after ", { code: clip(c.other!.label) }, " instead of alongside it"];
      default:
        return [{ code: clip(c.row.label) }, ` starts ${s(Math.abs(c.shift ?? 0))} ${c.kind === "earlier" ? "earlier" : "later"}`];
    }
  });
  return join(parts, "; ");
}

function limits(a: ComparedRun, b: ComparedRun): Part[] {
  // The plan is named only where the two runs' plans differ: it is noise otherwise.
  const plans = a.platformName === b.platformName && a.planName === b.planName;
  const where = (r: ComparedRun) => `${r.platformName}${r.planName && !plans ? ` (${r.planName})` : ""}`;
  const out: Part[] = [];
  if (where(a) !== where(b) || limitText(a) !== limitText(b)) out.push(` Limits: ${a.name} ${limitText(a)} on ${where(a)}, ${b.name} ${limitText(b)} on ${where(b)}.`);
  if (a.countsInit !== b.countsInit) {
    const [counts, not] = a.countsInit ? [a, b] : [b, a];
    out.push(` ${counts.platformName} counts module init against the deadline; ${not.platformName} does not.`);
  }
  return out;
}

/** "60.0 s", or "no limit" for a run that had none (a platform without one unless configured). */
export function limitText(run: Pick<ComparedRun, "result">): string {
  const d = run.result.deadlineSeconds;
  return typeof d === "number" && Number.isFinite(d) ? s(d) : "no limit";
}

function capitalise(parts: Part[]): Part[] {
  const [first, ...rest] = parts;
  return typeof first === "string" ? [first.charAt(0).toUpperCase() + first.slice(1), ...rest] : parts;
}

/** Everything the compare view and its Markdown show, for run `a` (the baseline) against run `b`. */
export function compareRuns(a: ComparedRun, b: ComparedRun): Comparison {
  const rows = pairSpans(a, b);
  const changes = changesOf(rows, a, b);
  const scale = Math.max(a.result.elapsedSeconds, b.result.elapsedSeconds);
  const threshold = Math.max(0.05, 0.02 * scale);
  const heavy = changes.filter((c) => c.weight >= threshold);
  const top = heavy[0]?.weight ?? 0;
  const named = heavy.filter((c) => c.weight >= NAMED_SHARE * top).slice(0, MAX_NAMED);

  // Changes of one kind read as one clause ("X and Y moved out of the handler"); the rest in weight order.
  const groups: Change[][] = [];
  for (const c of named) {
    const moved = c.kind === "moved-out" || c.kind === "moved-in";
    const group = moved ? groups.find((g) => g[0]!.kind === c.kind) : undefined;
    if (group) group.push(c);
    else groups.push([c]);
  }
  const summary: Part[] = [...headline(a, b)];
  if (groups.length) summary.push(": ", ...join(groups.map((g) => clause(g, a, b)), "; "), ".");
  else if (a.code === b.code && rows.every((r) => !r.a || !r.b || Math.abs(r.a.total - r.b.total) < threshold)) summary.push(`. Same code, and no span differs by ${s(threshold)} or more.`);
  else summary.push(`. No span differs by ${s(threshold)} or more.`);
  summary.push(...limits(a, b));

  const marks: [number, number] = [windowOf(a).mark, windowOf(b).mark];
  const ends = [...a.result.timeline, ...b.result.timeline].map((x) => x.end);
  const end = Math.max(...marks.filter(Number.isFinite), ...ends, 0) || 1;
  return { names: [a.name, b.name], rows, changes, named, summary: capitalise(summary), marks, end };
}

/** The summary as plain text, code in backticks (Markdown-safe through `code`). */
export function summaryText(parts: Part[], code: (text: string) => string = (t) => `\`${t}\``): string {
  return parts.map((p) => (typeof p === "string" ? p : code(p.code))).join("");
}
