// One HTTP attempt of a simulated SDK, on the virtual loop. Every SDK in this folder sends its
// requests through `exchange`: the world answers (response rule, else the SDK's service model,
// else the default), the attempt waits the answer's latency, and the SDK's own timers race it.
// Each attempt is one network span, so a retried call shows every attempt and every backoff.
//
// Connect vs response: as in fetch (network.ts) and the Python engine, a host's latency is the time
// to the first response byte on a connection that opens at once. So a timer that only watches the
// connection ("connect") fires only when a rule says `connection: "dropped"`; a timer that only
// watches the wait for the answer ("response") never fires on a dropped connection; "any" watches
// both (a whole-request timeout, or Node's socket timeout, which counts while connecting too).

import { hostOf } from "../../latency";
import type { Answer } from "../../world";
import { formatMs } from "../clock";
import { markErrorSite, type RunContext } from "../run-context";
import type { Op } from "../virtual-loop";

export type TimerPhase = "connect" | "response" | "any";

export type AttemptTimer = {
  ms: number;
  phase: TimerPhase;
  /** what the timer does when it fires: an error ends the attempt; undefined lets it go on (a warning) */
  fire: () => unknown;
  /** said in the span when this timer ended the attempt, e.g. "socket timeout 3000 ms" */
  note: string;
};

export type Attempt = {
  ctx: RunContext;
  method: string;
  url: string;
  /** the user's call site, captured when the SDK call was made (retries have no user frames) */
  site: Error;
  /** what the span says after METHOD URL, e.g. "S3 GetObject, attempt 2 of 3" */
  detail?: string;
  timers?: AttemptTimer[];
  signal?: AbortSignal | null;
  /** the SDK's error for an aborted call */
  abortError?: (signal: AbortSignal) => unknown;
  /** the SDK's error for a refused connection */
  refusedError: () => unknown;
  /** a service model's answer; the responder's rule or default when not given */
  answer?: Answer;
  /**
   * A database round trip (database.ts): the span carries no HTTP status, and `answer` only when
   * given (a connection no rule decides is not a default body, so it is not listed as one).
   */
  database?: { answer: Answer["source"] | null };
};

const DROPPED = Number.POSITIVE_INFINITY;

/** The answer, at the virtual time it arrives; rejects with the SDK's error for a timer, an abort or a refusal. */
export function exchange(attempt: Attempt): Promise<Answer> {
  const { ctx, method, url, site } = attempt;
  const { loop } = ctx;
  const answer = attempt.answer ?? ctx.responder.answer(method, url, loop.now() / 1000);
  const dropped = answer.connection === "dropped";
  const refused = answer.connection === "refused";
  const host = hostOf(url);
  const label = `${method} ${url}${attempt.detail ? ` (${attempt.detail})` : ""}`;
  const signal = attempt.signal ?? null;
  return new Promise<Answer>((resolve, reject) => {
    const fail = (error: unknown) => {
      markErrorSite(ctx, error, site);
      reject(error);
    };
    if (signal?.aborted) {
      fail(attempt.abortError ? attempt.abortError(signal) : signal.reason);
      return;
    }
    const timers: Op[] = [];
    const cleanup = () => {
      for (const timer of timers) loop.cancel(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const span = {
      kind: "network" as const,
      host,
      latency: answer.latency,
      label: refused ? `${label} (connection refused)` : dropped ? `${label} (connection never accepted)` : label,
      ...(attempt.database ? (attempt.database.answer ? { answer: attempt.database.answer } : {}) : { answer: answer.source }),
      ...(answer.connection || attempt.database ? {} : { status: answer.status }),
    };
    const arrival = loop.schedule({
      kind: "network",
      // A refused connection fails at once; a dropped one never completes.
      delay: refused ? 0 : dropped ? DROPPED : answer.latency * 1000,
      site,
      span,
      run: () => {
        cleanup();
        if (refused) fail(attempt.refusedError());
        else resolve(answer);
      },
    });
    const end = (error: unknown, note: string) => {
      cleanup();
      loop.cancel(arrival, note);
      // the answer never arrived, so the span has no status
      if (arrival.span) delete arrival.span.status;
      fail(error);
    };
    const onAbort = () => {
      if (!signal) return;
      end(attempt.abortError ? attempt.abortError(signal) : signal.reason, "aborted");
    };
    if (!refused) {
      const waitMs = dropped ? DROPPED : answer.latency * 1000;
      for (const timer of attempt.timers ?? []) {
        if (!(timer.ms > 0) || timer.ms >= waitMs) continue;
        if (timer.phase === "connect" && !dropped) continue;
        if (timer.phase === "response" && dropped) continue;
        timers.push(
          loop.schedule({
            kind: "timeout",
            delay: timer.ms,
            site,
            // the pending request itself keeps the process alive, not its timers
            ref: false,
            run: () => {
              const error = timer.fire();
              if (error !== undefined) end(error, timer.note);
            },
          }),
        );
      }
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A retry's wait, as its own span on the timeline; an abort ends it with the SDK's error. */
export function backoff(
  ctx: RunContext,
  ms: number,
  site: Error,
  label: string,
  signal?: AbortSignal | null,
  abortError?: (signal: AbortSignal) => unknown,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (!signal) return;
      ctx.loop.cancel(op, "aborted");
      const error = abortError ? abortError(signal) : signal.reason;
      markErrorSite(ctx, error, site);
      reject(error);
    };
    const op = ctx.loop.schedule({
      kind: "timeout",
      delay: ms,
      site,
      span: { kind: "timer", label: `${label} ${formatMs(ms)}` },
      run: () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A line the SDK logs on its own (smithy's requestTimeout warning), as console.warn would print it. */
export function logLine(ctx: RunContext, text: string): void {
  if (!ctx.finished) ctx.stdout.push(text);
}

export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The environment user code sees (process.env), read when a client is made, as the SDKs do. */
export function envOf(processLike: unknown): Record<string, string | undefined> {
  const env = (processLike as { env?: unknown } | null)?.env;
  return isRecord(env) ? (env as Record<string, string | undefined>) : {};
}

/** A Node system error such as the one a refused connection raises. */
export function connectionRefused(url: string): Error {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === "http:" ? "80" : "443");
  // Node names the address it dialled; the simulator has no DNS, so the host stands in for it.
  const address = /^(localhost|127\.0\.0\.1)$/.test(parsed.hostname) ? "127.0.0.1" : parsed.hostname;
  return Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), {
    code: "ECONNREFUSED",
    errno: -111,
    syscall: "connect",
    address,
    port: Number(port),
  });
}

export function randomHex(ctx: RunContext, bytes: number): string {
  return ctx.host.randomUUID().replace(/-/g, "").repeat(Math.ceil(bytes / 16)).slice(0, bytes * 2);
}
