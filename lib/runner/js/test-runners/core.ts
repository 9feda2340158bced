// What Jest, Mocha and Playwright Test share: a tree of suites with hooks and tests, collected
// while the test file's module body runs, then run one runnable at a time on the virtual loop,
// each racing its own timeout timer. A runnable that times out is abandoned, as the runners do:
// its pending work goes on in the background and the next runnable starts. Each runner supplies
// its rules (how a timeout is resolved, whether a function taking an argument means `done`, the
// `this` a runnable sees) and its texts (jest.ts, mocha.ts, playwright.ts).

import type { RunContext } from "../run-context";
import type { Op } from "../virtual-loop";

export type Fn = (...args: unknown[]) => unknown;

export type HookType = "beforeAll" | "afterAll" | "beforeEach" | "afterEach";

export type Suite = {
  title: string;
  parent: Suite | null;
  children: Array<Suite | TestCase>;
  hooks: Hook[];
  /** ms set on the suite (Mocha's this.timeout() in describe, Playwright's describe.configure) */
  timeout?: number;
  skip: boolean;
  only: boolean;
};

export type Runnable = {
  title: string;
  fn: Fn | null;
  /** call site of test() / it() / before(): its line is the one the runners point at */
  site: Error;
  /** ms given to this runnable (test's third argument, this.timeout(), .timeout()) */
  timeout?: number;
  suite: Suite;
};

export type TestCase = Runnable & { kind: "test"; skip: boolean; only: boolean; todo?: boolean };
export type Hook = Runnable & { kind: "hook"; type: HookType };

export type Status = "passed" | "failed" | "timedout" | "skipped";

export type Outcome = {
  runnable: TestCase | Hook;
  /** the title the runner prints: the test's, or Mocha's `"before all" hook for "answers ok"` */
  title: string;
  status: Status;
  error?: unknown;
  /** ms the runnable was given, when it timed out */
  timeoutMs?: number;
  /** virtual ms the runnable ran */
  durationMs: number;
  /** virtual ms from the start of the run when it ended */
  endedAt: number;
  /** set by a runner when it knows a better line than the definition (Playwright's pending action) */
  line?: number | null;
};

/** How one runner runs a runnable. */
export type RunnerRules = {
  /** the timeout for a runnable, in ms (0: none) */
  timeoutOf(runnable: TestCase | Hook): number;
  /** whether a function taking arguments is called with a `done` callback (Jest, Mocha; not Playwright) */
  usesDone: boolean;
  /** calls the function: its `this` and arguments (Mocha's Context, Playwright's fixtures) */
  call(runnable: TestCase | Hook, done: ((error?: unknown) => void) | null): unknown;
  /** the error a runnable that ran out of time fails with */
  timeoutError(runnable: TestCase | Hook, ms: number, withDone: boolean): unknown;
  /** what a hook's title becomes in the report (Mocha names the test it ran for) */
  hookTitle?(hook: Hook, test: TestCase | null): string;
  /** a beforeAll that failed: "skip" its tests (Mocha) or "fail" them with its error (Jest) */
  afterFailedBeforeAll: "skip" | "fail";
  /** the error for a function that both takes done and returns a promise, when the runner has one */
  overspecified?(): unknown;
  /** runs before each test starts, after its beforeEach hooks are known (Playwright's fixtures) */
  beforeTest?(test: TestCase): Promise<void> | void;
  /** Mocha: a runnable that finishes after its timeout fails with the timeout error all the same */
  overrunFails?: boolean;
  /**
   * Playwright: the test and its beforeEach / afterEach hooks share one slot, timed from the
   * first beforeEach; true for the runnables whose timer counts from there.
   */
  sharesTestSlot?(runnable: TestCase | Hook): boolean;
};

export function newSuite(title: string, parent: Suite | null): Suite {
  return { title, parent, children: [], hooks: [], skip: parent?.skip ?? false, only: false };
}

/** The suite tree a file's module body fills in. */
export class Collector {
  readonly root = newSuite("", null);
  current: Suite = this.root;

  describe(title: string, body: Fn | undefined, mode: { skip?: boolean; only?: boolean } = {}, self?: (suite: Suite) => unknown): Suite {
    const suite = newSuite(title, this.current);
    if (mode.skip) suite.skip = true;
    if (mode.only) suite.only = true;
    this.current.children.push(suite);
    const previous = this.current;
    this.current = suite;
    try {
      body?.call(self ? self(suite) : undefined);
    } finally {
      this.current = previous;
    }
    return suite;
  }

  test(title: string, fn: Fn | null, site: Error, mode: { skip?: boolean; only?: boolean; todo?: boolean; timeout?: number } = {}): TestCase {
    const test: TestCase = { kind: "test", title, fn, site, suite: this.current, skip: Boolean(mode.skip) || this.current.skip || !fn, only: Boolean(mode.only), ...(mode.todo ? { todo: true } : {}) };
    if (mode.timeout !== undefined) test.timeout = mode.timeout;
    this.current.children.push(test);
    return test;
  }

  hook(type: HookType, fn: Fn, site: Error, title = "", timeout?: number): Hook {
    const hook: Hook = { kind: "hook", type, title, fn, site, suite: this.current };
    if (timeout !== undefined) hook.timeout = timeout;
    this.current.hooks.push(hook);
    return hook;
  }
}

function hasOnly(suite: Suite): boolean {
  return suite.only || suite.children.some((child) => ("kind" in child ? child.only : hasOnly(child)));
}

function tests(suite: Suite): TestCase[] {
  return suite.children.flatMap((child) => ("kind" in child ? [child] : tests(child)));
}

/** Runs the tree: hooks around tests, suites in order, each runnable against its own timeout. */
export class TreeRunner {
  readonly outcomes: Outcome[] = [];
  private focused = false;
  /** the runnable running now, for this.timeout() and the line a timeout points at */
  current: TestCase | Hook | null = null;
  private timer: Op | null = null;
  private restart: ((ms: number, fromStart: boolean) => void) | null = null;
  private failer: ((error: unknown) => void) | null = null;
  /** virtual ms the running test's slot started (its first beforeEach) */
  private slotStart = 0;

  constructor(
    private readonly ctx: RunContext,
    private readonly rules: RunnerRules,
  ) {}

  async run(root: Suite): Promise<void> {
    this.focused = hasOnly(root);
    await this.runSuite(root);
  }

  /**
   * Changes the running runnable's timeout: Mocha's this.timeout(ms) starts a new timer of ms from
   * now (`fromStart` false); Playwright's test.setTimeout(ms) moves the deadline to ms after the
   * test started (`fromStart` true). False when nothing is running.
   */
  resetTimeout(ms: number, fromStart = false): boolean {
    if (!this.restart) return false;
    this.restart(ms, fromStart);
    return true;
  }

  /** An error nothing caught while a runnable ran fails that runnable (the runners' uncaught handlers); false when none runs. */
  failCurrent(error: unknown): boolean {
    if (!this.failer) return false;
    this.failer(error);
    return true;
  }

  private selected(test: TestCase): boolean {
    if (test.skip) return false;
    if (!this.focused) return true;
    for (let s: Suite | null = test.suite; s; s = s.parent) if (s.only) return true;
    return test.only;
  }

  private async runSuite(suite: Suite): Promise<void> {
    const runnable = tests(suite).filter((test) => this.selected(test));
    if (runnable.length === 0) {
      for (const test of tests(suite)) if (!this.outcomes.some((o) => o.runnable === test)) this.record(test, test.title, "skipped", 0);
      return;
    }
    const first = runnable[0] as TestCase;
    const last = runnable[runnable.length - 1] as TestCase;
    let blocked: Outcome | null = null;
    for (const hook of suite.hooks.filter((h) => h.type === "beforeAll")) {
      const outcome = await this.runOne(hook, this.rules.hookTitle?.(hook, first) ?? hook.title);
      if (outcome.status !== "passed") {
        blocked = outcome;
        break;
      }
    }
    if (blocked) {
      for (const test of tests(suite)) {
        if (this.rules.afterFailedBeforeAll === "fail" && this.selected(test)) this.record(test, test.title, "failed", 0, blocked.error);
        else this.record(test, test.title, "skipped", 0);
      }
    } else {
      for (const child of suite.children) {
        if ("kind" in child) await this.runTest(child);
        else await this.runSuite(child);
      }
    }
    for (const hook of suite.hooks.filter((h) => h.type === "afterAll")) await this.runOne(hook, this.rules.hookTitle?.(hook, last) ?? hook.title);
  }

  private async runTest(test: TestCase): Promise<void> {
    if (!this.selected(test)) {
      this.record(test, test.title, "skipped", 0);
      return;
    }
    await this.rules.beforeTest?.(test);
    this.slotStart = this.ctx.loop.now();
    const chain: Suite[] = [];
    for (let s: Suite | null = test.suite; s; s = s.parent) chain.unshift(s);
    let failed: Outcome | null = null;
    for (const suite of chain) {
      for (const hook of suite.hooks.filter((h) => h.type === "beforeEach")) {
        const outcome = await this.runOne(hook, this.rules.hookTitle?.(hook, test) ?? hook.title, test);
        if (outcome.status !== "passed") failed = outcome;
        if (failed) break;
      }
      if (failed) break;
    }
    if (!failed) await this.runOne(test, test.title);
    else this.record(test, test.title, "skipped", 0);
    for (const suite of [...chain].reverse()) {
      for (const hook of suite.hooks.filter((h) => h.type === "afterEach")) await this.runOne(hook, this.rules.hookTitle?.(hook, test) ?? hook.title, test);
    }
  }

  private record(runnable: TestCase | Hook, title: string, status: Status, durationMs: number, error?: unknown, timeoutMs?: number): Outcome {
    const outcome: Outcome = { runnable, title, status, durationMs, endedAt: this.ctx.loop.now(), ...(error !== undefined ? { error } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
    this.outcomes.push(outcome);
    return outcome;
  }

  /** One test or hook against its timeout. `test`: the test a beforeEach/afterEach runs for. */
  private runOne(runnable: TestCase | Hook, title: string, _test?: TestCase): Promise<Outcome> {
    const { loop } = this.ctx;
    const started = loop.now();
    // where this runnable's timeout counts from: its own start, or its test's slot
    const from = this.rules.sharesTestSlot?.(runnable) ? this.slotStart : started;
    this.current = runnable;
    const fn = runnable.fn;
    const withDone = this.rules.usesDone && typeof fn === "function" && fn.length > 0;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const finish = (ending: Status, failure?: unknown, timedOutAfter?: number) => {
        let status = ending;
        let error = failure;
        let timeoutMs = timedOutAfter;
        if (settled) return;
        settled = true;
        if (this.timer) loop.cancel(this.timer);
        this.timer = null;
        this.restart = null;
        this.failer = null;
        this.current = null;
        const timeout = this.rules.timeoutOf(runnable);
        if (status === "passed" && this.rules.overrunFails && timeout > 0 && loop.now() - started > timeout) {
          status = "timedout";
          error = this.rules.timeoutError(runnable, timeout, withDone);
          timeoutMs = timeout;
        }
        resolve(this.record(runnable, title, status, loop.now() - started, error, timeoutMs));
      };
      // `ms` is the timeout the texts name; `delay` what is left of it
      const arm = (ms: number, delay = ms) => {
        if (this.timer) loop.cancel(this.timer);
        this.timer = null;
        if (!(ms > 0)) return;
        this.timer = loop.schedule({
          kind: "timeout",
          delay: Math.max(0, delay),
          site: runnable.site,
          span: { kind: "timer", label: `${runnable.kind === "hook" ? runnable.type : "test"} timeout ${ms} ms` },
          run: () => {
            this.timer = null;
            finish("timedout", this.rules.timeoutError(runnable, ms, withDone), ms);
          },
        });
      };
      this.restart = (ms, fromStart) => {
        runnable.timeout = ms;
        arm(ms, fromStart ? ms - (loop.now() - from) : ms);
      };
      this.failer = (error) => finish("failed", error);
      const initial = this.rules.timeoutOf(runnable);
      arm(initial, initial - (started - from));
      loop.addSpan({ kind: "handler", startMs: started, endMs: started, site: runnable.site, label: runnable.kind === "hook" ? title : `test "${title}"`, open: true });
      if (!fn) return finish("skipped");
      let returned: unknown;
      let doneCalled = false;
      const done = withDone
        ? (error?: unknown) => {
            if (doneCalled) return;
            doneCalled = true;
            // the runners let a synchronous done() settle on a later tick
            this.ctx.host.queueMicrotask(() => {
              if (isThenable(returned) && this.rules.overspecified) return finish("failed", this.rules.overspecified());
              if (error !== undefined && error !== null && error !== false) finish("failed", error);
              else finish("passed");
            });
          }
        : null;
      try {
        returned = this.rules.call(runnable, done);
      } catch (error) {
        finish("failed", error);
        return;
      }
      if (withDone) return;
      if (isThenable(returned)) {
        (returned as PromiseLike<unknown>).then(
          () => finish("passed"),
          (error: unknown) => finish("failed", error ?? new Error("Promise rejected with no or falsy reason")),
        );
        return;
      }
      finish("passed");
    }).then((outcome) => {
      // the span of this runnable closes when it ends
      const spans = this.ctx.loop.spans;
      for (let i = spans.length - 1; i >= 0; i--) {
        const span = spans[i];
        if (span && span.kind === "handler" && span.open && span.site === runnable.site && span.startMs === started) {
          span.endMs = this.ctx.loop.now();
          span.open = false;
          break;
        }
      }
      return outcome;
    });
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}
