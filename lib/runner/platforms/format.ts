// Small formatters shared by the presets' message() functions. Every log line they help build
// must come out the same on every run, so time is always virtual (VIRTUAL_EPOCH_MS + elapsed).

import type { MessageContext } from "./types";

/** Virtual wall-clock start of a run when the caller gives none: 2026-11-01T00:00:00Z. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 10, 1, 0, 0, 0);

/** Text for an error outcome on platforms that only relay the handler's own error. */
export const NO_PLATFORM_TEXT = "(the platform adds no text of its own: it relays the handler's error)";

/** The virtual moment the run ended, as a Date. */
export function endedAt(ctx: MessageContext): Date {
  const start = ctx.startedAt ?? VIRTUAL_EPOCH_MS;
  return new Date(start + Math.round(ctx.elapsed * 1000));
}

/** `2026-11-01T00:00:03.000Z`, the prefix of AWS Lambda's CloudWatch lines. */
export function isoTimestamp(ctx: MessageContext): string {
  return endedAt(ctx).toISOString();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `2026-11-01 00:00:30` in UTC, the date part shared by Python's logging and gunicorn. */
export function utcDateTime(ctx: MessageContext): string {
  const d = endedAt(ctx);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Python logging's default asctime: `2026-11-01 00:00:30,000`. */
export function pythonAsctime(ctx: MessageContext): string {
  return `${utcDateTime(ctx)},${pad(endedAt(ctx).getUTCMilliseconds(), 3)}`;
}

/** Heroku's log timestamp: `2026-11-01T00:00:30.000000+00:00`. */
export function herokuTimestamp(ctx: MessageContext): string {
  return isoTimestamp(ctx).replace("Z", "000+00:00");
}

/**
 * `11/1/2026, 12:00:03 AM`: what `Date#toLocaleString()` prints in wrangler tail, pinned to
 * en-US and UTC so the output does not depend on the machine running the simulator.
 */
export function enUsLocaleString(ctx: MessageContext): string {
  return endedAt(ctx).toLocaleString("en-US", { timeZone: "UTC" });
}

/** Python's `str(float(x))`: 30 -> "30.0", 2.5 -> "2.5". */
export function pythonFloat(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** A whole number of seconds stays whole (`300`), a fraction keeps its decimals (`2.5`). */
export function plainSeconds(x: number): string {
  return String(x);
}

/** Milliseconds as an integer, as platforms print durations (`60003 ms`). */
export function wholeMilliseconds(seconds: number): number {
  return Math.round(seconds * 1000);
}

/**
 * .NET `TimeSpan.ToString()` ("c" format): `[-][d.]hh:mm:ss[.fffffff]`, as the Azure
 * Functions host prints the configured functionTimeout (`00:05:00`).
 */
export function dotnetTimeSpan(seconds: number): string {
  const negative = seconds < 0;
  const ticks = Math.round(Math.abs(seconds) * 10_000_000);
  const ticksPerSecond = 10_000_000;
  const totalSeconds = Math.floor(ticks / ticksPerSecond);
  const fraction = ticks % ticksPerSecond;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const secs = totalSeconds % 60;
  return (
    (negative ? "-" : "") +
    (days > 0 ? `${days}.` : "") +
    `${pad(hours)}:${pad(minutes)}:${pad(secs)}` +
    (fraction > 0 ? `.${pad(fraction, 7)}` : "")
  );
}
