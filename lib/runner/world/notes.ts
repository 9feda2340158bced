// The part of a verdict that rests on assumptions rather than on running the code: calls on
// modelled modules and calls that got the simulator's default answer. Derived from the timeline
// the engines record, so both engines get the same wording.
import type { Note, SimulationResult, Span } from "../types";

const MAX_LISTED = 4;

function where(span: Span): string {
  return span.line ? ` (line ${span.line})` : "";
}

function callName(span: Span): string {
  return (span.label ?? span.host ?? "call").replace(/^modelled:\s*/, "").replace(/\s+\(.*\)$/, "");
}

/** Adds `modelled` and the notes about modelled calls and default answers to a result. */
export function annotate(result: SimulationResult): SimulationResult {
  const notes: Note[] = [...(result.notes ?? [])];
  const modelled = result.timeline.filter((s) => s.kind === "modelled");
  if (modelled.length > 0) {
    const seconds = modelled.reduce((sum, s) => sum + (s.end - s.start), 0);
    result.modelled = { calls: modelled.length, seconds: Math.round(seconds * 1e6) / 1e6 };
    const uncosted = modelled.filter((s) => !s.cost);
    const costed = modelled.length - uncosted.length;
    let text = `${modelled.length} call${modelled.length === 1 ? " was" : "s were"} on modelled modules and not run: ${costed} took the time their cost rules give (${Math.round(seconds * 100) / 100} s in all)`;
    if (uncosted.length > 0) {
      const names = [...new Set(uncosted.map((s) => `${callName(s)}${where(s)}`))];
      text += `, ${uncosted.length} had no cost rule and took 0 s: ${names.slice(0, MAX_LISTED).join(", ")}${names.length > MAX_LISTED ? `, and ${names.length - MAX_LISTED} more` : ""}`;
    }
    notes.push({ kind: "modelled", text: `${text}. The verdict is only as right as those figures.` });
  }
  const defaults = result.timeline.filter((s) => s.kind === "network" && s.answer === "default");
  if (defaults.length > 0) {
    const calls = [...new Set(defaults.map((s) => `${callName(s)}${where(s)}`))];
    // database queries and commands (libraries/database.ts, _deadline/databases.py) have their own default
    const database = defaults.some((s) => /^(\[[^\]]*\] )?(QUERY|COMMAND) /.test(s.label ?? ""));
    const http = defaults.some((s) => !/^(\[[^\]]*\] )?(QUERY|COMMAND) /.test(s.label ?? ""));
    const what = [http ? '200 {"ok": true, "url": …}' : "", database ? "no rows, or a command's plainest reply, from a database" : ""].filter(Boolean).join("; ");
    notes.push({
      kind: "default-response",
      text: `${defaults.length} call${defaults.length === 1 ? "" : "s"} got the default answer (${what}) because no response rule matched: ${calls.slice(0, MAX_LISTED).join(", ")}${calls.length > MAX_LISTED ? `, and ${calls.length - MAX_LISTED} more` : ""}. Add a response rule where the body matters.`,
    });
  }
  if (notes.length > 0) result.notes = notes;
  return result;
}
