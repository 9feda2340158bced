// The limits a run is held to in each phase, on both clocks: the deadline, and the ones a plan
// enforces besides it (Supabase's 2 s of CPU inside a wall-clock deadline, Netlify Edge's 40 s to
// the response headers on a CPU-time deadline, Cloudflare's 1 s of startup CPU). The virtual loop
// only knows "a wall limit" and "a CPU limit"; this is what tells, once it stops, which one it was.

import type { EngineLimit, EnginePreset } from "../engine";
import type { Clock, LimitHit } from "../types";
import type { LoopLimits, VirtualLoop } from "./virtual-loop";

/** CPU-clock platforms have no wall limit; a run that waits this long is not going to answer. */
export const CPU_PLATFORM_WALL_CAP_MS = 15 * 60_000;

/** One limit in force: where it falls on its clock, in ms since the run started. */
export type ActiveLimit = {
  kind: LimitHit["kind"];
  clock: Clock;
  atMs: number;
  seconds: number;
  /** the platform's text when this limit ends the run; absent: the preset's (the deadline) or none */
  message?: EngineLimit["message"];
  note?: string;
  /** a deadline that restarted when the handler sent part of its response (deadlineBetweenReads) */
  restarted?: boolean;
};

/** What the loop enforces for a set of limits: the earliest on each clock (and the CPU platforms' wall cap). */
export function loopLimits(limits: readonly ActiveLimit[], clock: Clock, wallStartMs: number): LoopLimits {
  const earliest = (on: Clock) => {
    const at = limits.filter((limit) => limit.clock === on).map((limit) => limit.atMs);
    return at.length > 0 ? Math.min(...at) : null;
  };
  const wall = earliest("wall");
  const cap = clock === "cpu" ? wallStartMs + CPU_PLATFORM_WALL_CAP_MS : null;
  return { wall: wall === null ? cap : cap === null ? wall : Math.min(wall, cap), cpu: earliest("cpu") };
}

/**
 * The limit the loop has run into, once it stopped at one: of those whose clock has passed them,
 * the one passed by most (during a stretch of CPU work both clocks advance together, so that is the
 * one reached first). Null when none has (the CPU platforms' wall cap, which is the simulator's).
 */
export function limitReached(limits: readonly ActiveLimit[], loop: Pick<VirtualLoop, "now" | "cpu">): ActiveLimit | null {
  let best: ActiveLimit | null = null;
  let bestOver = -Infinity;
  for (const limit of limits) {
    const over = (limit.clock === "cpu" ? loop.cpu() : loop.now()) - limit.atMs;
    if (over >= -1e-9 && over > bestOver) {
      best = limit;
      bestOver = over;
    }
  }
  return best;
}

/** The limit a handler that waits for nothing runs into: the earliest wall-clock one, else the deadline. */
export function limitOfWaiting(limits: readonly ActiveLimit[]): ActiveLimit | null {
  const wall = limits.filter((limit) => limit.clock === "wall");
  if (wall.length > 0) return wall.reduce((a, b) => (b.atMs < a.atMs ? b : a));
  return limits.find((limit) => limit.kind === "deadline") ?? null;
}

/** The deadline of the preset's own clock, counted from `start`. */
export function deadlineLimit(preset: Pick<EnginePreset, "clock" | "timeout">, start: { wall: number; cpu: number }): ActiveLimit {
  const clock = preset.clock;
  return { kind: "deadline", clock, atMs: (clock === "cpu" ? start.cpu : start.wall) + preset.timeout * 1000, seconds: preset.timeout };
}

/** A plan's extra limit, counted from `startMs` on its own clock. */
export function extraLimit(kind: "cpu" | "response", limit: EngineLimit, startMs: number): ActiveLimit {
  return {
    kind,
    clock: kind === "cpu" ? "cpu" : "wall",
    atMs: startMs + limit.seconds * 1000,
    seconds: limit.seconds,
    ...(limit.message ? { message: limit.message } : {}),
    ...(limit.note ? { note: limit.note } : {}),
  };
}

/** "the 2 s CPU limit per request": how a note names a limit. */
export function limitPhrase(limit: Pick<ActiveLimit, "kind" | "clock" | "seconds">): string {
  const s = limit.seconds;
  const amount = s > 0 && s < 1 ? `${Number((s * 1000).toPrecision(6))} ms` : `${Number(s.toPrecision(12))} s`;
  switch (limit.kind) {
    case "cpu":
      return `${amount} CPU limit per request`;
    case "response":
      return `${amount} limit on starting the response (wall clock)`;
    case "init":
      return `${amount}${limit.clock === "cpu" ? " of CPU" : ""} startup limit for module-level code`;
    default:
      return `${amount}${limit.clock === "cpu" ? " CPU" : ""} deadline`;
  }
}

export function limitHit(limit: ActiveLimit): LimitHit {
  return { kind: limit.kind, clock: limit.clock, seconds: limit.seconds };
}
