// Shaping what a run ends in: the verdict, the line to blame, the platform's text and the
// timeline, from the state of the virtual loop when the run stopped.

import type { Note, SimulationError, SimulationResult, Span } from "../types";
import { errorLine, operationLine, type SourceMap } from "./call-site";
import { format } from "./console";
import type { EnginePreset } from "../engine";
import type { Family, Outcome } from "./entry";
import { CPU_PLATFORM_WALL_CAP_MS, limitHit, limitOfWaiting, limitPhrase, limitReached, type ActiveLimit } from "./limits";
import { describeInert } from "./modelled";
import type { RunContext } from "./run-context";
import { SimulatorStop, type LoopExit, type Op, type SpanDraft, type VirtualLoop } from "./virtual-loop";

export { CPU_PLATFORM_WALL_CAP_MS };

/** What the result shaper reads of a run; the run owns and updates it. */
export type RunState = {
  readonly preset: EnginePreset;
  readonly family: Family;
  readonly requestId: string;
  readonly timeoutMs: number;
  readonly loop: VirtualLoop;
  readonly ctx: RunContext;
  readonly map: SourceMap;
  /** virtual wall ms / CPU ms at which the platform's clock starts */
  clockStart: { wall: number; cpu: number };
  handlerSpan: SpanDraft | null;
  handlerClosed: boolean;
  /** the limits in force in the phase the run is in */
  readonly limits: readonly ActiveLimit[];
  /** the platform's name for the entry that ran (an Azure function's), for its texts */
  readonly entryName: string | null;
  /** notes the run adds to the result (a limit that applies to this entry, which limit ended it) */
  readonly notes: Note[];
};

export class RunResults {
  constructor(private readonly run: RunState) {}

  private elapsedMs(): number {
    const { preset, loop, clockStart } = this.run;
    return preset.clock === "cpu" ? loop.cpu() - clockStart.cpu : loop.now() - clockStart.wall;
  }

  finishUnsettled(exit: LoopExit): SimulationResult {
    const { loop, preset, map } = this.run;
    if (exit === "fault" && loop.fatal) return this.faultResult(loop.fatal.error, loop.fatal.kind);
    if (exit === "stopped" && loop.stop) {
      const runaway = loop.stop.reason === "runaway";
      const result = this.timeoutResult(loop.stop.line, runaway ? "busy loop: stopped after running for seconds without yielding; it would run on to the deadline" : "busy loop ran into the deadline");
      return runaway ? { ...result, runaway: true } : result;
    }
    if (exit === "budget") {
      if (preset.clock === "cpu") {
        return this.errorResult({ type: "SimulationLimit", message: "the run kept waking timers for too long to simulate; it would not finish", line: this.blameLine() }, true);
      }
      // A run still waking timers after the budget (say a 1 ms setInterval under a 15 min
      // timeout) is extrapolated: nothing suggests it stops before the deadline.
      return this.timeoutResult(this.blameLine(), "still running when the simulator's budget ran out; extrapolated to the deadline");
    }
    // Only the simulator's own wall cap of a CPU platform can stop it without a limit being reached.
    if (exit === "deadline" && preset.clock === "cpu" && limitReached(this.run.limits, loop) === null) {
      return this.errorResult(
        {
          type: "SimulationLimit",
          message: `still waiting after ${Math.round(CPU_PLATFORM_WALL_CAP_MS / 60_000)} minutes of virtual time; a client would have given up long before`,
          line: this.blameLine(),
        },
        true,
      );
    }
    // CPU work that ran past the limit is to blame: the loop it was busy in, else the code that
    // resumed after the awaited operation; otherwise what the code was waiting for.
    if (loop.overshoot) {
      const resumed = loop.overshoot.resumedFrom ? operationLine(loop.overshoot.resumedFrom.stack, map) : null;
      return this.timeoutResult(loop.overshoot.line ?? resumed);
    }
    return this.timeoutResult(this.blameLine());
  }

  /** The pending operation the code was most likely awaiting at the deadline. */
  blameLine(): number | null {
    const pending = this.run.loop.pending().filter((op) => op.kind !== "signal" && op.kind !== "immediate");
    const pick = (ops: Op[]) =>
      ops.reduce<Op | null>((best, op) => (!best || op.slice > best.slice || (op.slice === best.slice && op.due > best.due) ? op : best), null);
    // What the code did last wins (sequential awaits); among operations started together
    // (Promise.all), the one finishing last; intervals only when nothing else is pending.
    const op = pick(pending.filter((candidate) => candidate.interval === 0)) ?? pick(pending);
    return op?.site ? operationLine(op.site.stack, this.run.map) : null;
  }

  /**
   * The run ran into a limit (`hit`; by default the one the loop stopped at, or for a handler that
   * waits for nothing, the first it would reach): the verdict on that limit's clock, its text, and
   * a note saying which limit it was when it was not the deadline.
   */
  timeoutResult(line: number | null, note?: string, hit?: ActiveLimit | null): SimulationResult {
    const { loop, preset, clockStart, timeoutMs, requestId } = this.run;
    const limit = hit ?? limitReached(this.run.limits, loop) ?? this.deadline();
    if (limit.clock === "wall") {
      // A handler waiting for nothing is answered when the limit falls, not when it stopped waiting.
      loop.clampTo({ wall: limit.atMs, cpu: null });
      loop.advanceTo(limit.atMs);
    } else {
      const over = loop.cpu() - limit.atMs;
      loop.clampTo({ wall: over > 0 ? loop.now() - over : null, cpu: limit.atMs });
    }
    const endMs = loop.now();
    if (note) {
      // the runaway slice has not been billed yet when the guard stops it mid-loop; show it
      const lastCpu = [...loop.spans].reverse().find((span) => span.kind === "cpu");
      if (lastCpu && lastCpu.endMs >= endMs - 1) lastCpu.label = note;
      else loop.addSpan({ kind: "cpu", startMs: Math.min(loop.now(), endMs), endMs, line, label: note });
    }
    const onDeadline = limit.kind === "deadline";
    const elapsedSeconds = onDeadline && !limit.restarted ? timeoutMs / 1000 : round(this.elapsedMs() / 1000);
    if (limit.restarted) {
      this.run.notes.push({ kind: "plan", text: `The handler had started its response: the ${limitPhrase(limit)} counts from the last part it sent, and the wait after it ran past the limit.` });
    }
    const context = {
      timeout: timeoutMs / 1000,
      elapsed: elapsedSeconds,
      requestId,
      kind: "timeout" as const,
      ...this.entryContext(),
      ...(limit.restarted ? { responseStarted: true } : {}),
    };
    const platformMessage = onDeadline ? preset.message(context) : limit.message ? limit.message({ ...context, timeout: limit.seconds }) : null;
    if (!onDeadline) {
      this.run.notes.push({
        kind: "plan",
        text: `Ended by the ${limitPhrase(limit)}, before the ${limitPhrase(this.deadline())}.${limit.note ? ` ${limit.note}` : ""}${limit.message ? "" : " No source shows the platform's text for it."}`,
      });
    }
    return this.withNotes({
      platform: preset.id,
      deadlineSeconds: timeoutMs / 1000,
      verdict: "timeout",
      elapsedSeconds,
      line,
      error: null,
      platformMessage,
      stdout: this.stdout(),
      timeline: this.timeline(endMs, "pending at the deadline"),
      limit: limitHit(limit),
    });
  }

  /**
   * Module-level code ran past a startup limit the platform enforces before any request (Cloudflare
   * runs a Worker's global scope when the version is uploaded and refuses it): the run is an error
   * with the platform's words, and the line that was busy.
   */
  rejectedAtStartup(rejection: { type: string; message: string; text: string }, line: number | null, limit: SimulationResult["limit"]): SimulationResult {
    const { loop, preset, timeoutMs } = this.run;
    return this.withNotes({
      platform: preset.id,
      deadlineSeconds: timeoutMs / 1000,
      verdict: "error",
      elapsedSeconds: 0,
      line,
      error: { type: rejection.type, message: rejection.message, line },
      platformMessage: rejection.text,
      stdout: this.stdout(),
      timeline: this.timeline(loop.now(), "still pending when startup was cut off"),
      ...(limit ? { limit } : {}),
    });
  }

  /** The limit a handler that waits for nothing runs into (no timer, no call pending, no answer). */
  waitingLimit(): ActiveLimit {
    return limitOfWaiting(this.run.limits) ?? this.deadline();
  }

  private deadline(): ActiveLimit {
    const { preset, clockStart, timeoutMs } = this.run;
    const clock = preset.clock;
    return { kind: "deadline", clock, atMs: (clock === "cpu" ? clockStart.cpu : clockStart.wall) + timeoutMs, seconds: timeoutMs / 1000 };
  }

  private entryContext(): { entryName?: string } {
    return this.run.entryName ? { entryName: this.run.entryName } : {};
  }

  private withNotes(result: SimulationResult): SimulationResult {
    return this.run.notes.length > 0 ? { ...result, notes: [...this.run.notes, ...(result.notes ?? [])] } : result;
  }

  okResult(result: unknown): SimulationResult {
    const { preset, timeoutMs, loop } = this.run;
    return this.withNotes({
      platform: preset.id,
      deadlineSeconds: timeoutMs / 1000,
      verdict: "ok",
      elapsedSeconds: round(this.elapsedMs() / 1000),
      line: null,
      result: toJsonSafe(result),
      error: null,
      platformMessage: null,
      stdout: this.stdout(),
      timeline: this.timeline(loop.now()),
    });
  }

  /** `simulatorLimit`: the simulator gave up, so there is no platform text to show. */
  errorResult(error: SimulationError, simulatorLimit = false): SimulationResult {
    const { preset, timeoutMs, requestId, loop } = this.run;
    const elapsedSeconds = round(Math.max(0, this.elapsedMs()) / 1000);
    const context = { timeout: timeoutMs / 1000, elapsed: elapsedSeconds, requestId, kind: "error" as const, error: { type: error.type, message: error.message }, ...this.entryContext() };
    return this.withNotes({
      platform: preset.id,
      deadlineSeconds: timeoutMs / 1000,
      verdict: "error",
      elapsedSeconds,
      line: error.line,
      error,
      platformMessage: simulatorLimit ? null : preset.message(context),
      stdout: this.stdout(),
      timeline: this.timeline(loop.now()),
    });
  }

  outcomeError(outcome: Extract<Outcome, { kind: "error" }>): SimulationResult {
    if (outcome.errorType) return this.errorResult({ type: outcome.errorType, message: outcome.errorMessage ?? "", line: outcome.line ?? null });
    return this.errorResult(this.describeError(outcome.error));
  }

  faultResult(error: unknown, kind: "rejection" | "exception"): SimulationResult {
    const described = this.describeError(error);
    if (kind === "rejection" && this.run.family === "lambda") {
      // Lambda's runtime wraps it: errorType Runtime.UnhandledPromiseRejection, message String(reason)
      return this.errorResult({ type: "Runtime.UnhandledPromiseRejection", message: safeString(error), line: described.line });
    }
    return this.errorResult(described);
  }

  describeError(error: unknown): SimulationError {
    const { ctx, map } = this.run;
    const site = typeof error === "object" && error !== null ? ctx.errorSites.get(error) : undefined;
    const line = site ? operationLine(site.stack, map) : errorLine(error, map);
    if (error instanceof SimulatorStop) return { type: "SimulatorStop", message: error.message, line };
    if (typeof error === "object" && error !== null && typeof (error as Error).message === "string" && typeof (error as Error).name === "string") {
      return { type: (error as Error).name, message: (error as Error).message, line };
    }
    // Lambda reports a non-Error value by its typeof ("string" for callback("boom"))
    return { type: typeof error, message: safeString(error), line };
  }

  /** Whether an error thrown where no user code could catch it ends the run (Workers only log it). */
  isFatal(error: unknown, kind: "rejection" | "exception"): boolean {
    if (this.run.family === "workers") {
      this.run.ctx.stdout.push(`Uncaught${kind === "rejection" ? " (in promise)" : ""} ${format([error], this.run.map)}`);
      return false;
    }
    return true;
  }

  stdout(): string {
    const { stdout } = this.run.ctx;
    return stdout.length > 0 ? `${stdout.join("\n")}\n` : "";
  }

  timeline(endMs: number, pendingNote = "still pending when the run ended"): Span[] {
    const { loop, map, handlerSpan, handlerClosed } = this.run;
    const spans: Span[] = [];
    for (const draft of loop.spans) {
      const start = Math.min(draft.startMs, endMs);
      const open = draft.open === true && draft.endMs > endMs;
      const end = Math.max(start, Math.min(draft.endMs, endMs));
      const line = draft.line !== undefined && draft.line !== null ? draft.line : draft.site ? operationLine(draft.site.stack, map) : null;
      const closesAtEnd = draft === handlerSpan && !handlerClosed;
      const span: Span = { kind: draft.kind, start: round(start / 1000), end: round((closesAtEnd ? endMs : end) / 1000) };
      if (line !== null) span.line = line;
      const label = open ? `${draft.label ?? draft.kind} (${pendingNote})` : draft.label;
      if (label) span.label = label;
      if (draft.host !== undefined) span.host = draft.host;
      if (draft.latency !== undefined) span.latency = draft.latency;
      if (draft.status !== undefined) span.status = draft.status;
      if (draft.answer !== undefined) span.answer = draft.answer;
      if (draft.cost !== undefined) span.cost = draft.cost;
      spans.push(span);
    }
    if (loop.droppedSpans > 0) {
      spans.push({ kind: "timer", start: round(endMs / 1000), end: round(endMs / 1000), label: `${loop.droppedSpans} more operations not shown` });
    }
    return spans.sort((a, b) => a.start - b.start);
  }
}

export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The handler's answer as JSON would carry it: what Lambda serialises, what a UI can show. */
export function toJsonSafe(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const convert = (item: unknown, depth: number): unknown => {
    // a modelled value serialises as JSON.stringify would give it: its placeholder
    const inert = describeInert(item);
    if (inert !== null) return inert;
    if (item === undefined || typeof item === "function" || typeof item === "symbol") return null;
    if (item === null || typeof item === "string" || typeof item === "boolean") return item;
    if (typeof item === "number") return Number.isFinite(item) ? item : null;
    if (typeof item === "bigint") return item.toString();
    if (depth > 50) return "[too deep]";
    const object = item as object;
    if (seen.has(object)) return "[Circular]";
    if (typeof (object as { toJSON?: unknown }).toJSON === "function") {
      try {
        return convert((object as { toJSON: () => unknown }).toJSON(), depth + 1);
      } catch {
        return null;
      }
    }
    seen.add(object);
    try {
      if (Array.isArray(object)) return object.map((entry) => convert(entry, depth + 1));
      if (object instanceof Map) return Object.fromEntries([...object.entries()].map(([k, v]) => [String(k), convert(v, depth + 1)]));
      if (object instanceof Set) return [...object.values()].map((entry) => convert(entry, depth + 1));
      if (object instanceof Error) return { name: object.name, message: object.message };
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(object)) {
        if (entry === undefined || (typeof entry === "function" && describeInert(entry) === null) || typeof entry === "symbol") continue;
        out[key] = convert(entry, depth + 1);
      }
      return out;
    } finally {
      seen.delete(object);
    }
  };
  return convert(value, 0);
}
