// A run's output while it goes, for a host that shows it live (the editor's worker). Engines hand
// over what the handler writes (RunHooks.onOutput); this passes it on at most every intervalMs,
// in messages of at most chunkChars, and stops after totalChars: what crosses the sandbox stays a
// handful of small messages however chatty the handler is. The result's stdout is the record;
// this is a preview of it, cut at the same characters whatever the timing.

export type LiveOutputLimits = {
  /** real ms between two messages (a write arriving sooner waits for the next one) */
  intervalMs: number;
  /** characters per message: the runner frame relays no string field longer than 4000 (frame.ts) */
  chunkChars: number;
  /** characters in all, after which the live view says no more */
  totalChars: number;
};

/** 16 000 characters, as the Python engine's own cap on what it hands over (runner.py LIVE_LIMIT). */
export const LIVE_OUTPUT: LiveOutputLimits = { intervalMs: 100, chunkChars: 4000, totalChars: 16_000 };

export type LiveOutput = {
  write(text: string): void;
  /** sends what is waiting now, whatever the interval */
  flush(): void;
};

export function createLiveOutput(send: (text: string) => void, now: () => number, limits: LiveOutputLimits = LIVE_OUTPUT): LiveOutput {
  let pending = "";
  let taken = 0;
  let last = Number.NEGATIVE_INFINITY;
  const flush = () => {
    last = now();
    while (pending) {
      const chunk = pending.slice(0, limits.chunkChars);
      pending = pending.slice(chunk.length);
      send(chunk);
    }
  };
  return {
    write(text) {
      const room = limits.totalChars - taken;
      if (room <= 0 || !text) return;
      const kept = text.slice(0, room);
      pending += kept;
      taken += kept.length;
      if (now() - last >= limits.intervalMs) flush();
    },
    flush,
  };
}
