// Size limits on a result before it leaves the worker. A handler can return or print hundreds of
// megabytes; copying that to the page (and rendering it) would freeze or kill the tab, so the
// worker cuts every part that user code controls to a size a person can still read, and says so
// in `truncated`. The engines cap stdout and return values at the source (Python's runner,
// the JS console); this is the last word for everything, whichever engine produced it.
import type { SimulationResult, Span } from "./types";

export const RESULT_LIMITS = {
  /**
   * Characters of output kept: as much as the JS console keeps (lib/runner/js/console.ts), and
   * what the page can lay out in one go without stalling (a 1 MB line takes it about a second).
   */
  stdout: 256 * 1024,
  /** characters of the return value's JSON kept */
  result: 64 * 1024,
  /** characters of an error's message, the platform's text */
  message: 16_000,
  /** characters of a span's label, host or cost pattern */
  label: 500,
  spans: 2_000,
  notes: 50,
} as const;

/** Largest result the runner frame relays, in characters of its JSON (limitResult stays below). */
export const MAX_RELAYED_CHARS = 8 * 1024 * 1024;

const cut = (value: string, max: number) => (value.length > max ? `${value.slice(0, max)}…` : value);

const OVER = Symbol("over the limit");

/**
 * The JSON text of `value` up to `limit` characters, and whether that is all of it. The walk stops
 * at the limit, so a return value of any size costs at most the limit to inspect.
 */
export function jsonPrefix(value: unknown, limit: number): { text: string; complete: boolean } {
  const parts: string[] = [];
  let size = 0;
  const push = (text: string) => {
    parts.push(text);
    size += text.length;
    if (size > limit) throw OVER;
  };
  const walk = (item: unknown, depth: number): void => {
    if (depth > 200 || item === null || item === undefined || typeof item === "function" || typeof item === "symbol") return push("null");
    // Only the part of a long string that can fit is escaped, never the whole of it.
    if (typeof item === "string") return push(JSON.stringify(item.length > limit ? item.slice(0, limit + 1) : item));
    if (typeof item === "number") return push(Number.isFinite(item) ? String(item) : "null");
    if (typeof item === "bigint") return push(`"${item.toString()}"`);
    if (typeof item !== "object") return push(String(item));
    if (Array.isArray(item)) {
      push("[");
      for (let i = 0; i < item.length; i++) {
        if (i > 0) push(",");
        walk(item[i], depth + 1);
      }
      return push("]");
    }
    push("{");
    let first = true;
    for (const key of Object.keys(item)) {
      const entry = (item as Record<string, unknown>)[key];
      if (entry === undefined || typeof entry === "function" || typeof entry === "symbol") continue;
      if (!first) push(",");
      first = false;
      push(`${JSON.stringify(key.length > limit ? key.slice(0, limit + 1) : key)}:`);
      walk(entry, depth + 1);
    }
    push("}");
  };
  try {
    walk(value, 0);
  } catch (error) {
    if (error !== OVER) throw error;
    return { text: parts.join("").slice(0, limit), complete: false };
  }
  return { text: parts.join(""), complete: true };
}

function limitSpan(span: Span): Span {
  const out: Span = { ...span };
  if (out.label !== undefined) out.label = cut(String(out.label), RESULT_LIMITS.label);
  if (out.host !== undefined) out.host = cut(String(out.host), RESULT_LIMITS.label);
  if (out.cost !== undefined) out.cost = cut(String(out.cost), RESULT_LIMITS.label);
  return out;
}

/** The result with every part user code controls cut to RESULT_LIMITS, and its JSON text. */
export function limitResult(result: SimulationResult): { result: SimulationResult; json: string } {
  const truncated = { ...result.truncated };
  const out: SimulationResult = { ...result, timeline: result.timeline.slice(0, RESULT_LIMITS.spans).map(limitSpan) };
  if (typeof out.stdout !== "string") out.stdout = String(out.stdout);
  // The JS console stops keeping output at its own limit and says so on the last line.
  const consoleCut = /\.\.\. output truncated after (\d+) KiB\n?$/.exec(out.stdout.slice(-100));
  if (consoleCut) truncated.stdout = Number(consoleCut[1]) * 1024;
  if (out.stdout.length > RESULT_LIMITS.stdout) {
    out.stdout = out.stdout.slice(0, RESULT_LIMITS.stdout);
    truncated.stdout = Math.min(truncated.stdout ?? RESULT_LIMITS.stdout, RESULT_LIMITS.stdout);
  }
  if (truncated.result !== undefined && typeof out.result === "string") {
    // Already cut by the engine to the start of its JSON text.
    out.result = out.result.slice(0, RESULT_LIMITS.result);
    truncated.result = Math.min(truncated.result, RESULT_LIMITS.result);
  } else if ("result" in out) {
    const json = jsonPrefix(out.result, RESULT_LIMITS.result);
    if (!json.complete) {
      // The start of its JSON text: enough to recognise what came back, never the whole of it.
      out.result = json.text;
      truncated.result = RESULT_LIMITS.result;
    }
  }
  if (out.error) {
    out.error = { ...out.error, type: cut(String(out.error.type), 200), message: cut(String(out.error.message), RESULT_LIMITS.message) };
    if (out.error.imports) out.error.imports = out.error.imports.slice(0, 100);
    if (out.error.candidates) out.error.candidates = out.error.candidates.slice(0, 100);
  }
  if (out.platformMessage) out.platformMessage = cut(out.platformMessage, RESULT_LIMITS.message);
  if (out.notes) out.notes = out.notes.slice(0, RESULT_LIMITS.notes).map((note) => ({ ...note, text: cut(note.text, RESULT_LIMITS.label * 4) }));
  if (out.requests) {
    // Simultaneous requests (at most MAX_CONCURRENCY): each response is cut as the run's own would be.
    out.requests = out.requests.map((request) => {
      const kept = { ...request };
      if ("result" in kept) {
        const json = jsonPrefix(kept.result, RESULT_LIMITS.result);
        if (!json.complete) kept.result = json.text;
      }
      if (kept.error) kept.error = { ...kept.error, type: cut(String(kept.error.type), 200), message: cut(String(kept.error.message), RESULT_LIMITS.message) };
      if (kept.platformMessage) kept.platformMessage = cut(kept.platformMessage, RESULT_LIMITS.message);
      return kept;
    });
  }
  if (truncated.stdout !== undefined || truncated.result !== undefined) out.truncated = truncated;
  return { result: out, json: JSON.stringify(out) };
}
