// jest.useFakeTimers(): a clock of the test's own (as @sinonjs/fake-timers gives Jest) that only
// moves when the test moves it. setTimeout, setInterval, setImmediate, their clear* twins and Date
// read it instead of the virtual loop, in the test file and in every module it loads; Jest's own
// timeout timer keeps the real (here: virtual) clock, so a test awaiting a faked timer nobody
// advances runs into "Exceeded timeout". The *Async variants let promise callbacks run between
// timers, which is what makes a retry loop (await sleep; call again) advance.

import type { RunContext } from "../run-context";

type Timer = { id: number; at: number; fn: (...args: unknown[]) => unknown; args: unknown[]; interval: number };

/** @sinonjs/fake-timers' loop limit for runAll (Jest's fakeTimers.timerLimit default, 100000). */
export const TIMER_LIMIT = 100_000;

export class FakeClock {
  now: number;
  private timers = new Map<number, Timer>();
  private nextId = 1;

  constructor(
    private readonly ctx: RunContext,
    start: number,
  ) {
    this.now = start;
  }

  private add(fn: unknown, delay: unknown, args: unknown[], interval: boolean): unknown {
    if (typeof fn !== "function") throw new TypeError(`The "callback" argument must be of type function. Received ${typeof fn}`);
    const ms = Math.max(0, Number(delay) || 0);
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.now + ms, fn: fn as Timer["fn"], args, interval: interval ? Math.max(1, ms) : 0 });
    // fake-timers hands Node code a Timeout-like object
    const handle = { id, ref: () => handle, unref: () => handle, hasRef: () => true, refresh: () => handle, [Symbol.toPrimitive]: () => id };
    return handle;
  }

  private clear(handle: unknown): void {
    const id = typeof handle === "object" && handle !== null ? (handle as { id?: unknown }).id : handle;
    this.timers.delete(Number(id));
  }

  readonly globals = {
    setTimeout: (fn: unknown, delay?: unknown, ...args: unknown[]) => this.add(fn, delay, args, false),
    setInterval: (fn: unknown, delay?: unknown, ...args: unknown[]) => this.add(fn, delay, args, true),
    setImmediate: (fn: unknown, ...args: unknown[]) => this.add(fn, 0, args, false),
    clearTimeout: (handle: unknown) => this.clear(handle),
    clearInterval: (handle: unknown) => this.clear(handle),
    clearImmediate: (handle: unknown) => this.clear(handle),
  };

  count(): number {
    return this.timers.size;
  }

  clearAll(): void {
    this.timers.clear();
  }

  private next(until: number): Timer | null {
    let best: Timer | null = null;
    for (const timer of this.timers.values()) if (timer.at <= until && (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id))) best = timer;
    return best;
  }

  private fire(timer: Timer): void {
    this.now = Math.max(this.now, timer.at);
    if (timer.interval > 0) timer.at += timer.interval;
    else this.timers.delete(timer.id);
    timer.fn(...timer.args);
  }

  tick(ms: number): void {
    const target = this.now + Math.max(0, ms);
    for (let fired = 0; ; fired++) {
      const timer = this.next(target);
      if (!timer) break;
      if (fired >= TIMER_LIMIT) throw new Error(`Aborting after running ${TIMER_LIMIT} timers, assuming an infinite loop!`);
      this.fire(timer);
    }
    this.now = target;
  }

  /** One turn of the real (virtual) event loop: promise callbacks queued so far run. */
  private yieldToLoop(): Promise<void> {
    return new Promise((resolve) => this.ctx.loop.schedule({ kind: "immediate", delay: 0, site: null, run: resolve }));
  }

  async tickAsync(ms: number): Promise<void> {
    const target = this.now + Math.max(0, ms);
    await this.yieldToLoop();
    for (let fired = 0; ; fired++) {
      const timer = this.next(target);
      if (!timer) break;
      if (fired >= TIMER_LIMIT) throw new Error(`Aborting after running ${TIMER_LIMIT} timers, assuming an infinite loop!`);
      this.fire(timer);
      await this.yieldToLoop();
    }
    this.now = target;
  }

  runAll(): void {
    for (let fired = 0; this.timers.size > 0; fired++) {
      if (fired >= TIMER_LIMIT) throw new Error(`Aborting after running ${TIMER_LIMIT} timers, assuming an infinite loop!`);
      this.fire(this.next(Number.POSITIVE_INFINITY) as Timer);
    }
  }

  async runAllAsync(): Promise<void> {
    await this.yieldToLoop();
    for (let fired = 0; this.timers.size > 0; fired++) {
      if (fired >= TIMER_LIMIT) throw new Error(`Aborting after running ${TIMER_LIMIT} timers, assuming an infinite loop!`);
      this.fire(this.next(Number.POSITIVE_INFINITY) as Timer);
      await this.yieldToLoop();
    }
  }

  runOnlyPending(): void {
    const pending = [...this.timers.values()].sort((a, b) => a.at - b.at || a.id - b.id);
    for (const timer of pending) if (this.timers.has(timer.id)) this.fire(timer);
  }

  advanceToNext(steps = 1): void {
    for (let i = 0; i < steps; i++) {
      const timer = this.next(Number.POSITIVE_INFINITY);
      if (!timer) return;
      this.tick(timer.at - this.now);
    }
  }
}

/** What the injected timers and Date delegate to: the virtual loop's, or a fake clock while one is installed. */
export type TimerSwitch = { fake: FakeClock | null };
