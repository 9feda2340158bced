// The virtual event loop. User code runs on the real thread with real promises; everything that
// waits (timers, fetch, AbortSignal.timeout) is an operation on this loop's queue instead of the
// host's. The loop alternates two steps:
//   1. settle: await one real macrotask hop, by which time every microtask the user code queued
//      has run; the real time that took is CPU and is added to the virtual clock;
//   2. advance: jump the virtual clock to the earliest due operation and run its callback.
// So `await sleep(5000)` costs one hop (microseconds), CPU costs what it really costs, and the
// deadline can be checked exactly: the loop never jumps past it.

import type { Host } from "./host";
import { GUARD_PERIOD } from "./transform";

export type OpKind = "timeout" | "interval" | "immediate" | "network" | "signal" | "modelled";

/** A span being recorded; times in virtual milliseconds. */
export type SpanDraft = {
  kind: "init" | "handler" | "timer" | "network" | "cpu" | "modelled";
  startMs: number;
  endMs: number;
  /** call-site stack, resolved to a user line when the run ends (formatting stacks is the slow part) */
  site?: Error | null;
  line?: number | null;
  label?: string;
  host?: string;
  latency?: number;
  /** network: the status answered and who answered (see lib/runner/types.ts Span) */
  status?: number;
  answer?: "rule" | "service" | "default" | "server";
  /** modelled: the cost rule that set the duration */
  cost?: string;
  /** still waiting when the run ended */
  open?: boolean;
};

export type Op = {
  id: number;
  kind: OpKind;
  due: number;
  seq: number;
  /** virtual ms when (last) armed */
  start: number;
  /** slice in which it was scheduled: later slices mean "what the code did last" */
  slice: number;
  ref: boolean;
  active: boolean;
  /** > 0 for setInterval */
  interval: number;
  /** HTML timer nesting level: timers scheduled from timer callbacks nest one deeper */
  nesting: number;
  fires: number;
  run: () => void;
  site: Error | null;
  span: SpanDraft | null;
};

export type LoopExit = "done" | "deadline" | "idle" | "stopped" | "fault" | "budget";

export type StopState = { reason: "deadline" | "runaway"; line: number | null };

export type LoopLimits = {
  /** virtual wall ms after which the run is over; null when no wall limit applies */
  wall: number | null;
  /** CPU ms after which the run is over; null when no CPU limit applies */
  cpu: number | null;
};

export type LoopOptions = {
  /** a single synchronous stretch of user code longer than this (real ms) is a runaway */
  runawayMs: number;
  /** the whole run may take this long in real ms before the simulator gives up */
  budgetMs: number;
  maxSpans: number;
};

/** Thrown by the loop guard. Not an Error, so `catch (e) { if (e instanceof Error) ... }` rethrows. */
export class SimulatorStop {
  readonly name = "SimulatorStop";
  readonly message = "stopped by the simulator: the code ran past the deadline";
}

const CPU_SPAN_MS = 1;
/** Awaits remembered for finding the one a stuck handler waits on; older ones have long settled. */
const AWAITS_KEPT = 64;
const PENDING = Symbol("pending");

export class VirtualLoop {
  /** settled virtual wall time, ms since the run started */
  private base = 0;
  /** settled CPU time, ms */
  private cpuMs = 0;
  private running = false;
  private sliceStart = 0;
  private sliceLine: number | null = null;
  private lastCheck = 0;
  private stride = 1024;
  private heap: HeapEntry[] = [];
  private nextId = 1;
  private nextSeq = 0;
  private refCount = 0;
  private realPending = new Set<Promise<unknown>>();
  /** the ones billed by a model: waiting for them is not CPU */
  private modelledPending = new Set<Promise<unknown>>();
  /** real ms at which the latest modelled operation's result arrived */
  private realReadyAt: number | null = null;
  private disposed = false;
  /** modelled CPU billed to the current slice on top of its real time */
  private sliceBilled = 0;
  /** real ms of the current slice spent waiting for modelled operations */
  private sliceWaited = 0;
  private readonly runStartReal: number;
  private readonly stopSignal = new SimulatorStop();
  readonly spans: SpanDraft[] = [];
  droppedSpans = 0;
  sliceIndex = 0;
  limits: LoopLimits = { wall: null, cpu: null };
  stop: StopState | null = null;
  fatal: { error: unknown; kind: "rejection" | "exception" } | null = null;
  /** decides whether an async fault ends the run (true) or is only logged (false) */
  onFault: (error: unknown, kind: "rejection" | "exception") => boolean = () => true;
  readonly ops = new Map<number, Op>();
  /** where each loop's guard counter starts; raised past the period once the run is stopped */
  readonly guardState = { s: 0 };
  /** nesting level of the timer whose callback (and its microtasks) is running now */
  sliceNesting = 0;
  /** set when a slice of CPU work itself ran past the wall deadline: the line it was busy on */
  overshoot: { line: number | null; resumedFrom: Error | null } | null = null;
  /** call site of the operation whose completion started the current slice */
  private sliceOrigin: Error | null = null;
  /** the latest awaits of the handler's file, in the order they started (see transform.ts) */
  private readonly awaits: Array<{ line: number; value: unknown }> = [];

  constructor(
    private readonly host: Host,
    private readonly options: LoopOptions,
  ) {
    this.runStartReal = host.realNow();
  }

  /** Virtual wall clock, ms since the run started; advances in real time while user code runs. */
  now(): number {
    return this.running ? this.base + this.sliceElapsed(this.host.realNow()) : this.base;
  }

  cpu(): number {
    return this.running ? this.cpuMs + this.sliceElapsed(this.host.realNow()) : this.cpuMs;
  }

  private pastLimit(): boolean {
    const { wall, cpu } = this.limits;
    return (wall !== null && this.now() > wall) || (cpu !== null && this.cpu() > cpu);
  }

  /** CPU ms of the running slice: its real time, less waits for modelled operations, plus their cost. */
  private sliceElapsed(real: number): number {
    return Math.max(0, real - this.sliceStart - this.sliceWaited) + this.sliceBilled;
  }

  /** Clamp the clocks after a deadline: the run stops at exactly the limit. */
  clampTo(limits: LoopLimits): void {
    if (limits.wall !== null && this.base > limits.wall) this.base = limits.wall;
    if (limits.cpu !== null && this.cpuMs > limits.cpu) this.cpuMs = limits.cpu;
  }

  /** Moves the settled clock forward to `ms` (a limit that falls while nothing runs); never back. */
  advanceTo(ms: number): void {
    if (!this.running && ms > this.base) this.base = ms;
  }

  /** Marks the start of user code the engine calls directly (module body, handler, callbacks). */
  enter(): void {
    if (this.running) return;
    this.running = true;
    this.sliceStart = this.host.realNow();
    this.lastCheck = this.sliceStart;
    this.sliceLine = null;
    this.sliceOrigin = null;
    this.sliceIndex++;
    this.sliceBilled = 0;
    this.sliceWaited = 0;
  }

  addSpan(span: SpanDraft): SpanDraft | null {
    if (this.spans.length >= this.options.maxSpans) {
      this.droppedSpans++;
      return null;
    }
    this.spans.push(span);
    return span;
  }

  schedule(init: {
    kind: OpKind;
    delay: number;
    run: () => void;
    site: Error | null;
    ref?: boolean;
    interval?: number;
    span?: Omit<SpanDraft, "startMs" | "endMs" | "site"> | null;
  }): Op {
    const now = this.now();
    const op: Op = {
      id: this.nextId++,
      kind: init.kind,
      due: now + Math.max(0, init.delay),
      seq: this.nextSeq++,
      start: now,
      slice: this.sliceIndex,
      ref: init.ref ?? true,
      active: true,
      interval: init.interval ?? 0,
      nesting: init.kind === "timeout" || init.kind === "interval" ? this.sliceNesting + 1 : 0,
      fires: 0,
      run: init.run,
      site: init.site,
      span: null,
    };
    if (init.span) op.span = this.addSpan({ ...init.span, startMs: now, endMs: op.due, site: init.site, open: true });
    if (op.ref) this.refCount++;
    this.ops.set(op.id, op);
    this.push(op);
    return op;
  }

  /** Cancels a pending operation; `note` says why in the timeline ("cleared", "aborted"). */
  cancel(op: Op, note = "cleared"): void {
    if (!op.active) return;
    op.active = false;
    if (op.ref) this.refCount--;
    this.ops.delete(op.id);
    if (op.span) {
      op.span.endMs = this.now();
      op.span.open = false;
      if (op.fires === 0) op.span.label = `${op.span.label ?? ""} (${note})`.trim();
    }
  }

  setRef(op: Op, ref: boolean): void {
    if (!op.active || op.ref === ref) return;
    op.ref = ref;
    this.refCount += ref ? 1 : -1;
  }

  /** Moves an armed timer's due time (Node's timeout.refresh()); the old heap entry goes stale. */
  rearm(op: Op, delay: number): void {
    if (!op.active) return;
    const now = this.now();
    op.due = now + Math.max(0, delay);
    op.start = now;
    op.seq = this.nextSeq++;
    this.push(op);
    if (op.span) op.span.endMs = op.due;
  }

  /** Called by the injected `await` marker before the awaited expression runs: where an await starts. */
  readonly awaitStart = (line: number): { line: number; value: unknown } => {
    if (this.awaits.length >= AWAITS_KEPT) this.awaits.shift();
    const entry = { line, value: undefined as unknown };
    this.awaits.push(entry);
    return entry;
  };

  /** ... and with what it waits for, handed back unchanged. */
  readonly awaitValue = <T>(entry: { value: unknown } | undefined, value: T): T => {
    if (entry) entry.value = value;
    return value;
  };

  /**
   * The line of the latest-started await still waiting on a promise, when the loop has nothing
   * left to run: the one a handler that can never answer is stuck at. Null when none is known.
   */
  async stuckAwaitLine(): Promise<number | null> {
    for (let i = this.awaits.length - 1; i >= 0; i--) {
      const { line, value } = this.awaits[i] as { line: number; value: unknown };
      if (!(value instanceof Promise)) continue;
      // A settled promise's reaction is queued before the marker's, so it wins the race.
      const pending = await Promise.race([value, Promise.resolve(PENDING)]).then(
        (outcome) => outcome === PENDING,
        () => false,
      );
      if (pending) return line > 0 ? line : null;
    }
    return null;
  }

  /**
   * Real promises the user awaits (WebCrypto): the loop waits for them instead of jumping ahead.
   * With `costMs`, the operation is billed that much CPU, as work done on the isolate's own thread,
   * and neither the host's call (`hostCallMs`) nor the real wait for it is billed; without, the
   * wait is billed as the slice's CPU.
   */
  trackReal<T>(promise: Promise<T>, costMs: number | null = null, hostCallMs = 0): Promise<T> {
    if (costMs === null) {
      const settled = promise.then(
        () => undefined,
        () => undefined,
      );
      this.realPending.add(settled);
      void settled.then(() => this.realPending.delete(settled));
      return promise;
    }
    this.sliceBilled += costMs;
    this.sliceWaited += hostCallMs;
    // The user's promise settles from this reaction, so the moment the result came back is known
    // before any user code that awaits it runs: the wait up to then is the host's, not the isolate's.
    let entry: Promise<void> | null = null;
    const user = new Promise<T>((resolve, reject) => {
      entry = promise.then(
        (value) => {
          this.realReadyAt = this.host.realNow();
          // a run that ended (at a limit its cost passed) does not resume in the next one
          if (!this.disposed) resolve(value);
        },
        (error: unknown) => {
          this.realReadyAt = this.host.realNow();
          if (!this.disposed) reject(error);
        },
      );
    });
    const settled = (entry as unknown as Promise<void>).then(() => {
      this.realPending.delete(settled);
      this.modelledPending.delete(settled);
    });
    this.realPending.add(settled);
    this.modelledPending.add(settled);
    return user;
  }

  hasRefedWork(): boolean {
    return this.refCount > 0;
  }

  /** The pending operations, for blaming a line at the deadline. */
  pending(): Op[] {
    return [...this.ops.values()].filter((op) => op.active);
  }

  realElapsed(): number {
    return this.host.realNow() - this.runStartReal;
  }

  /**
   * Called by the injected loop guard every few thousand iterations of any loop or function call.
   * Returns the counter's restart value, so the next check comes after `stride` more iterations.
   */
  readonly check = (line: number): number => {
    if (this.stop) throw this.stopSignal;
    if (!this.running) return GUARD_PERIOD - this.stride;
    // 0: a guard in another file of the project, whose lines are not the handler's
    this.sliceLine = line > 0 ? line : null;
    const real = this.host.realNow();
    const slice = this.sliceElapsed(real);
    const { wall, cpu } = this.limits;
    if ((wall !== null && this.base + slice >= wall) || (cpu !== null && this.cpuMs + slice >= cpu)) this.halt("deadline", line);
    if (real - this.sliceStart > this.options.runawayMs || real - this.runStartReal > this.options.budgetMs) this.halt("runaway", line);
    // Aim for a check every ~0.5 ms of real time whatever one iteration costs.
    const since = real - this.lastCheck;
    this.lastCheck = real;
    if (since > 1) this.stride = Math.max(1, this.stride >> 1);
    else if (since < 0.25) this.stride = Math.min(GUARD_PERIOD, this.stride * 2);
    return GUARD_PERIOD - this.stride;
  };

  /**
   * Stops the user code for good: from now on every guard throws, at the next function call or
   * on the first iteration of any loop entered (a catch around the loop cannot swallow it).
   */
  private halt(reason: StopState["reason"], line: number): never {
    this.stop = { reason, line: line > 0 ? line : null };
    this.guardState.s = GUARD_PERIOD;
    throw this.stopSignal;
  }

  /** Records an error thrown where nothing user-side could catch it (timer callback, listener). */
  fault(error: unknown, kind: "rejection" | "exception"): void {
    if (error instanceof SimulatorStop || this.stop) return;
    if (this.fatal) return;
    if (this.onFault(error, kind)) this.fatal = { error, kind };
  }

  /** Ends the current slice: drains microtasks, bills the real time spent as CPU. */
  async settle(): Promise<void> {
    await this.host.hop();
    while (this.realPending.size > 0 && !this.stop) {
      // Only a wait for nothing but modelled operations is left unbilled.
      const onlyModelled = this.modelledPending.size === this.realPending.size;
      // Their cost already ran past a limit: the run is over, whatever the host thread still does.
      if (onlyModelled && this.running && this.pastLimit()) break;
      const waitStart = this.host.realNow();
      this.realReadyAt = null;
      await Promise.race(this.realPending);
      if (onlyModelled && this.realReadyAt !== null) this.sliceWaited += Math.max(0, this.realReadyAt - waitStart);
      // The code that awaited the result has run by now (its reaction was queued first); when it
      // started another operation, wait for that one straight away: a hop here would be billed.
      if (this.realPending.size === 0) await this.host.hop();
    }
    if (!this.running) return;
    const spent = Math.max(0, this.host.realNow() - this.sliceStart - this.host.hopCost - this.sliceWaited) + this.sliceBilled;
    this.running = false;
    this.sliceNesting = 0;
    const start = this.base;
    this.base += spent;
    this.cpuMs += spent;
    if (spent >= CPU_SPAN_MS) {
      this.addSpan({ kind: "cpu", startMs: start, endMs: this.base, line: this.sliceLine, label: this.sliceLine === null ? "cpu" : "cpu (loop)" });
    }
  }

  /** Runs the loop until `done()` holds, a limit is reached, or nothing is left to wait for. */
  async runUntil(done: () => boolean, keepAlive: "ref" | "any"): Promise<LoopExit> {
    this.overshoot = null;
    for (;;) {
      await this.settle();
      if (this.stop) return "stopped";
      if (this.fatal) return "fault";
      const { wall, cpu } = this.limits;
      // Checked before done(): an answer computed after the limit passed was never sent.
      if ((wall !== null && this.base > wall) || (cpu !== null && this.cpuMs > cpu)) {
        this.overshoot = { line: this.sliceLine, resumedFrom: this.sliceOrigin };
        return "deadline";
      }
      if (done()) return "done";
      const next = this.peek();
      const alive = keepAlive === "ref" ? this.refCount > 0 : next !== undefined;
      if (!next || !alive) {
        if (await this.idle(done, keepAlive)) continue;
        return "idle";
      }
      if (wall !== null && next.due > wall) {
        this.base = Math.max(this.base, wall);
        return "deadline";
      }
      if (this.host.realNow() - this.runStartReal > this.options.budgetMs) return "budget";
      this.pop();
      this.fire(next);
    }
  }

  /** Drops every pending operation: nothing of a finished run may fire during the next one. */
  dispose(): void {
    this.disposed = true;
    for (const op of this.ops.values()) op.active = false;
    this.ops.clear();
    this.heap = [];
    this.refCount = 0;
    this.realPending.clear();
    this.modelledPending.clear();
    this.awaits.length = 0;
  }

  private fire(op: Op): void {
    this.base = Math.max(this.base, op.due);
    op.fires++;
    if (op.interval <= 0) {
      op.active = false;
      if (op.ref) this.refCount--;
      this.ops.delete(op.id);
    }
    if (op.span) {
      op.span.endMs = this.base;
      op.span.open = op.interval > 0;
      if (op.interval > 0) op.span.label = `setInterval ${op.interval} ms ×${op.fires}`;
    }
    const firedAt = this.base;
    this.enter();
    this.sliceNesting = op.nesting;
    this.sliceOrigin = op.site;
    try {
      op.run();
    } catch (error) {
      this.fault(error, "exception");
    }
    if (op.interval > 0 && op.active) {
      op.due = firedAt + op.interval;
      op.start = firedAt;
      op.slice = this.sliceIndex;
      op.seq = this.nextSeq++;
      this.push(op);
      // an armed interval's span reaches its next tick, so at the end it shows as still pending
      if (op.span) op.span.endMs = op.due;
    }
  }

  private async idle(done: () => boolean, keepAlive: "ref" | "any"): Promise<boolean> {
    // Real host work the simulator does not model (a Blob read in a browser, say) may still be
    // under way; give it a few real turns before declaring the event loop empty.
    const changed = () =>
      done() || this.fatal !== null || this.stop !== null || (keepAlive === "ref" ? this.refCount > 0 : this.peek() !== undefined);
    for (let i = 0; i < 2; i++) {
      await this.host.hop();
      if (changed()) return true;
    }
    await this.host.realSleep(1);
    return changed();
  }

  private peek(): Op | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0] as HeapEntry;
      if (top.op.active && top.seq === top.op.seq) return top.op;
      this.pop();
    }
    return undefined;
  }

  private push(op: Op): void {
    const heap = this.heap;
    heap.push({ op, due: op.due, seq: op.seq });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as HeapEntry, heap[parent] as HeapEntry)) break;
      [heap[i], heap[parent]] = [heap[parent] as HeapEntry, heap[i] as HeapEntry];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (heap.length === 0 || !last) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left] as HeapEntry, heap[smallest] as HeapEntry)) smallest = left;
      if (right < heap.length && before(heap[right] as HeapEntry, heap[smallest] as HeapEntry)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest] as HeapEntry, heap[i] as HeapEntry];
      i = smallest;
    }
  }
}

/** A heap slot; an op re-armed by setInterval or refresh() gets a new slot and its old one goes stale. */
type HeapEntry = { op: Op; due: number; seq: number };

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
