// Jest (jest-circus, its default runner since 27) as a test file sees it: describe / test / it
// with .skip / .only / .todo / .each, the four hooks with their own timeout argument, expect, and
// the jest object (fn, spyOn, setTimeout, fake timers). The rules are jest-circus's at v30.4.2:
// run.ts takes `test.timeout || testTimeout` (hooks likewise); utils.ts callAsyncCircusFn passes
// `done` to a function declaring a parameter and rejects with _makeTimeoutMessage's string.

import { jestThrown, jestTimeoutMessage } from "../../platforms/test-runners";
import { captureSite, type RunContext } from "../run-context";
import { Collector, type Fn, type Hook, type HookType, type RunnerRules, type TestCase } from "./core";
import { createExpect, createMock, isMock, show, type Mock } from "./expect";
import { FakeClock, type TimerSwitch } from "./fake-timers";
import { eachRows, type TestRunnerSetup } from "./shared";

export function createJest(ctx: RunContext, defaultTimeoutMs: number): TestRunnerSetup {
  const collector = new Collector();
  const timers: TimerSwitch = { fake: null };
  // jest.setTimeout writes a global that run_start reads once collection is over (eventHandler.ts)
  let configured: number | null = null;
  const spies: Array<() => void> = [];

  const timeoutOf = (runnable: TestCase | Hook) => runnable.timeout || configured || defaultTimeoutMs;

  const rules: RunnerRules = {
    timeoutOf,
    usesDone: true,
    call: (runnable, done) => (done ? (runnable.fn as Fn).call({}, done) : (runnable.fn as Fn).call({})),
    timeoutError: (runnable, ms, withDone) => new Error(jestThrown(jestTimeoutMessage(ms, runnable.kind === "hook", withDone))),
    afterFailedBeforeAll: "fail",
    overspecified: () => new Error("Test functions cannot both take a 'done' callback and return something. Either use a 'done' callback, or return a promise.\nReturned value: Promise {}"),
  };

  const test = (mode: { skip?: boolean; only?: boolean; todo?: boolean }) => (title: unknown, fn?: unknown, timeout?: unknown) => {
    if (mode.todo) {
      collector.test(String(title), null, captureSite(), { todo: true });
      return;
    }
    // jest-circus index.ts, test(): the same texts
    if (fn === undefined) throw new Error("Missing second argument. It must be a callback function. Perhaps you want to use `test.todo` for a test placeholder.");
    if (typeof fn !== "function") throw new Error(`Invalid second argument, ${String(fn)}. It must be a callback function.`);
    collector.test(String(title), fn as Fn, captureSite(), { ...mode, ...(typeof timeout === "number" ? { timeout } : {}) });
  };
  const withEach = (make: (title: unknown, fn?: unknown, timeout?: unknown) => void) =>
    Object.assign(make, {
      each:
        (table: unknown, ...values: unknown[]) =>
        (title: unknown, fn: unknown, timeout?: unknown) => {
          for (const row of eachRows(table, values)) make(row.title(String(title)), (...args: unknown[]) => (fn as Fn)(...row.args, ...args), timeout);
        },
    });
  const testApi = Object.assign(withEach(test({})), {
    skip: withEach(test({ skip: true })),
    only: withEach(test({ only: true })),
    todo: (title: unknown) => test({ todo: true })(title),
    concurrent: withEach(test({})),
    failing: () => {
      throw new Error("test.failing is not simulated");
    },
  });

  const describe = (mode: { skip?: boolean; only?: boolean }) => (title: unknown, body: unknown) => {
    if (body === undefined) throw new Error("Missing second argument. It must be a callback function.");
    if (typeof body !== "function") throw new Error(`Invalid second argument, ${String(body)}. It must be a callback function.`);
    const returned = ((): unknown => {
      let value: unknown;
      collector.describe(String(title), () => (value = (body as Fn)()), mode);
      return value;
    })();
    // jest-circus index.ts: a describe callback returns nothing
    if (returned && typeof (returned as { then?: unknown }).then === "function") throw new Error('Returning a Promise from "describe" is not supported. Tests must be defined synchronously.');
    if (returned !== undefined) throw new Error('A "describe" callback must not return a value.');
  };
  const describeApi = Object.assign(describe({}), {
    skip: describe({ skip: true }),
    only: describe({ only: true }),
    each:
      (table: unknown, ...values: unknown[]) =>
      (title: unknown, body: unknown) => {
        for (const row of eachRows(table, values)) describe({})(row.title(String(title)), () => (body as Fn)(...row.args));
      },
  });

  const hook = (type: HookType) => (fn: unknown, timeout?: unknown) => {
    if (typeof fn !== "function") throw new Error(`Invalid first argument. It must be a callback function.`);
    collector.hook(type, fn as Fn, captureSite(), "", typeof timeout === "number" ? timeout : undefined);
  };

  // jest-fake-timers modernFakeTimers.ts _checkFakeTimers: a warning, and the call does nothing
  const idle = new FakeClock(ctx, 0);
  const fake = (): FakeClock => {
    if (timers.fake) return timers.fake;
    ctx.stdout.push(
      "console.warn\n    A function to advance timers was called but the timers APIs are not replaced with fake timers. Call `jest.useFakeTimers()` in this test file or enable fake timers for all tests by setting 'fakeTimers': {'enableGlobally': true} in Jest configuration file.",
    );
    return idle;
  };

  const jestObject: Record<string, unknown> = {
    fn: (impl?: Fn) => createMock(impl),
    isMockFunction: (value: unknown) => isMock(value),
    spyOn: (object: Record<string, unknown>, method: string) => {
      const original = object[method];
      if (typeof original !== "function") throw new Error(`Cannot spy on the ${method} property because it is not a function; ${typeof original} given instead`);
      const mock = createMock(function (this: unknown, ...args: unknown[]) {
        return (original as Fn).apply(this, args);
      });
      const restore = () => void (object[method] = original);
      Object.assign(mock, { mockRestore: () => (restore(), mock) });
      object[method] = mock;
      spies.push(restore);
      return mock;
    },
    clearAllMocks: () => jestObject,
    resetAllMocks: () => jestObject,
    restoreAllMocks: () => {
      for (const restore of spies.splice(0)) restore();
      return jestObject;
    },
    mock: (name: unknown) => {
      throw new Error(`jest.mock(${show(name)}) is not simulated: the simulator runs one test file, without module mocking; use jest.fn() or jest.spyOn() on the object instead`);
    },
    setTimeout: (ms: unknown) => {
      configured = Number(ms) || null;
      return jestObject;
    },
    useFakeTimers: () => {
      // Jest's modern fake timers (@sinonjs/fake-timers) start at the real time
      timers.fake = new FakeClock(ctx, ctx.epoch + ctx.loop.now());
      return jestObject;
    },
    useRealTimers: () => {
      timers.fake = null;
      return jestObject;
    },
    advanceTimersByTime: (ms: unknown) => {
      fake().tick(Number(ms) || 0);
    },
    advanceTimersByTimeAsync: async (ms: unknown) => fake().tickAsync(Number(ms) || 0),
    advanceTimersToNextTimer: (steps?: unknown) => fake().advanceToNext(Number(steps) || 1),
    runAllTimers: () => fake().runAll(),
    runAllTimersAsync: async () => fake().runAllAsync(),
    runOnlyPendingTimers: () => fake().runOnlyPending(),
    getTimerCount: () => fake().count(),
    clearAllTimers: () => fake().clearAll(),
    now: () => (timers.fake ? Math.floor(timers.fake.now) : ctx.epoch + ctx.loop.now()),
    setSystemTime: (now?: unknown) => {
      const clock = fake();
      clock.now = now instanceof Date ? now.getTime() : Number(now ?? ctx.epoch + ctx.loop.now());
    },
  };

  const expect = createExpect();
  const globals: Record<string, unknown> = {
    describe: describeApi,
    fdescribe: describeApi.only,
    xdescribe: describeApi.skip,
    test: testApi,
    it: testApi,
    fit: testApi.only,
    xit: testApi.skip,
    xtest: testApi.skip,
    beforeAll: hook("beforeAll"),
    afterAll: hook("afterAll"),
    beforeEach: hook("beforeEach"),
    afterEach: hook("afterEach"),
    expect,
    jest: jestObject,
  };
  // @jest/globals exports the same functions, for files that import them
  const jestGlobals = { ...globals };

  return {
    kind: "jest",
    collector,
    rules,
    timers,
    globals,
    modules: { "@jest/globals": () => jestGlobals },
    timeoutOf,
  };
}

export type { Mock };
