// Mocha's BDD interface as a test file sees it (lib/interfaces/bdd.js at v11.7.5): describe /
// context / it / specify with .skip / .only, before / after / beforeEach / afterEach, and `this`,
// the suite's Context, whose timeout(ms) sets the running runnable's timeout. Rules from
// lib/runnable.js: a function declaring a parameter is called with `done`; the timer restarts
// with every this.timeout(ms); 0 (or 2^31-1 and above) turns it off; a runnable that finishes
// after its timeout fails with the timeout error all the same.

import { mochaTimeoutMessage } from "../../platforms/test-runners";
import { captureSite } from "../run-context";
import { Collector, type Fn, type Hook, type HookType, type RunnerRules, type Suite, type TestCase, type TreeRunner } from "./core";
import type { TestRunnerSetup } from "./shared";

/** lib/runnable.js MAX_TIMEOUT: Math.pow(2, 31) - 1, setTimeout's largest delay */
const MAX_TIMEOUT = 2 ** 31 - 1;

const HOOK_NAMES: Record<HookType, string> = { beforeAll: "before all", afterAll: "after all", beforeEach: "before each", afterEach: "after each" };

/** Runnable#timeout(ms): strings such as "2s" or "1500ms" (the ms package), clamped; an end of the range disables it. */
function parseTimeout(value: unknown): number {
  let ms = typeof value === "string" ? parseDuration(value) : Number(value);
  if (!Number.isFinite(ms)) ms = 0;
  ms = Math.min(Math.max(ms, 0), MAX_TIMEOUT);
  return ms === 0 || ms === MAX_TIMEOUT ? 0 : ms;
}

function parseDuration(text: string): number {
  const match = /^\s*(-?\d*\.?\d+)\s*(ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)?\s*$/i.exec(text);
  if (!match) return Number.NaN;
  const n = Number(match[1]);
  const unit = (match[2] ?? "ms").toLowerCase();
  if (unit.startsWith("h")) return n * 3_600_000;
  if (unit === "m" || unit.startsWith("min")) return n * 60_000;
  if (unit.startsWith("s")) return n * 1000;
  return n;
}

export function createMocha(defaultTimeoutMs: number, filename: string, tree: () => TreeRunner | null): TestRunnerSetup {
  const collector = new Collector();
  // each suite's timeout (undefined: the run's --timeout) and `this` (Context), which inherits its parent's
  const suiteTimeout = new Map<Suite, number | undefined>();
  const contexts = new Map<Suite, Record<string, unknown>>();
  const contextOf = (suite: Suite): Record<string, unknown> => {
    let context = contexts.get(suite);
    if (!context) {
      context = Object.create(suite.parent ? contextOf(suite.parent) : contextPrototype) as Record<string, unknown>;
      contexts.set(suite, context);
    }
    return context;
  };
  const timeoutOf = (runnable: TestCase | Hook) => (runnable.timeout === undefined ? defaultTimeoutMs : runnable.timeout);
  const running = () => tree()?.current ?? null;
  const contextPrototype: Record<string, unknown> = {
    timeout(this: unknown, ms?: unknown) {
      const runnable = running();
      if (arguments.length === 0) return runnable ? timeoutOf(runnable) : defaultTimeoutMs;
      if (runnable) {
        const value = parseTimeout(ms);
        runnable.timeout = value;
        tree()?.resetTimeout(value);
      }
      return this;
    },
    slow(this: unknown) {
      return this;
    },
    retries(this: unknown) {
      return this;
    },
    skip() {
      throw new Error("this.skip() is not simulated: mark the test with it.skip() instead");
    },
  };

  const runnableApi = (runnable: TestCase | Hook) => {
    const api = {
      title: runnable.title,
      timeout: (ms?: unknown) => {
        if (ms === undefined) return timeoutOf(runnable);
        runnable.timeout = parseTimeout(ms);
        return api;
      },
      slow: () => api,
      retries: () => api,
    };
    return api;
  };

  const it = (mode: { skip?: boolean; only?: boolean }) => (title: unknown, fn?: unknown) => {
    const test = collector.test(String(title), typeof fn === "function" ? (fn as Fn) : null, captureSite(), mode);
    const inherited = suiteTimeout.get(collector.current);
    if (inherited !== undefined) test.timeout = inherited;
    return runnableApi(test);
  };
  const itApi = Object.assign(it({}), { only: it({ only: true }), skip: it({ skip: true }) });

  const describe = (mode: { skip?: boolean; only?: boolean }) => (title: unknown, body?: unknown) => {
    if (typeof body !== "function" && !mode.skip) {
      // lib/interfaces/common.js: a suite without a function
      throw new Error(`Suite "${String(title)}" was defined but no callback was supplied. Supply a callback or explicitly skip the suite.`);
    }
    const parentTimeout = suiteTimeout.get(collector.current);
    let created: Suite | null = null;
    const suiteApi = (suite: Suite) => {
      created = suite;
      suiteTimeout.set(suite, parentTimeout);
      return {
        title: suite.title,
        timeout(this: unknown, ms?: unknown) {
          if (ms === undefined) return suiteTimeout.get(suite) ?? defaultTimeoutMs;
          suiteTimeout.set(suite, parseTimeout(ms));
          return this;
        },
        slow(this: unknown) {
          return this;
        },
        retries(this: unknown) {
          return this;
        },
      };
    };
    let self: ReturnType<typeof suiteApi> | null = null;
    collector.describe(String(title), typeof body === "function" ? (body as Fn) : undefined, mode, (suite) => (self = suiteApi(suite)));
    return self ?? (created ? suiteApi(created) : null);
  };
  const describeApi = Object.assign(describe({}), { only: describe({ only: true }), skip: describe({ skip: true }) });

  const hook = (type: HookType) => (title: unknown, fn?: unknown) => {
    const body = typeof title === "function" ? (title as Fn) : (fn as Fn | undefined);
    if (typeof body !== "function") throw new Error("A runnable must be passed a function as its second argument.");
    const name = typeof title === "string" ? title : body.name;
    const hook = collector.hook(type, body, captureSite(), `"${HOOK_NAMES[type]}" hook${name ? `: ${name}` : ""}`);
    const inherited = suiteTimeout.get(collector.current);
    if (inherited !== undefined) hook.timeout = inherited;
  };

  const rules: RunnerRules = {
    timeoutOf,
    usesDone: true,
    call: (runnable, done) => {
      const context = contextOf(runnable.suite);
      if (!done) return (runnable.fn as Fn).call(context);
      // lib/runnable.js callFnAsync: what done() accepts
      return (runnable.fn as Fn).call(context, (error?: unknown) => {
        if (error instanceof Error || Object.prototype.toString.call(error) === "[object Error]") return done(error);
        if (error) return done(new Error(`done() invoked with non-Error: ${Object.prototype.toString.call(error) === "[object Object]" ? JSON.stringify(error) : String(error)}`));
        done();
      });
    },
    timeoutError: (_runnable, ms) => Object.assign(new Error(mochaTimeoutMessage(ms, filename)), { code: "ERR_MOCHA_TIMEOUT", timeout: ms, file: filename }),
    // lib/runner.js setHookTitle: the test it ran for, else the suite
    hookTitle: (hook, test) => `${hook.title} ${test ? `for "${test.title}"` : `in "${hook.suite.title || (hook.suite.parent ? "" : "{root}")}"`}`,
    afterFailedBeforeAll: "skip",
    overspecified: () => new Error("Resolution method is overspecified. Specify a callback *or* return a Promise; not both."),
    overrunFails: true,
  };

  const globals: Record<string, unknown> = {
    describe: describeApi,
    context: describeApi,
    suite: describeApi,
    xdescribe: describeApi.skip,
    xcontext: describeApi.skip,
    it: itApi,
    specify: itApi,
    xit: itApi.skip,
    xspecify: itApi.skip,
    before: hook("beforeAll"),
    after: hook("afterAll"),
    beforeEach: hook("beforeEach"),
    afterEach: hook("afterEach"),
  };
  const mochaModule = { ...globals };

  return { kind: "mocha", collector, rules, timers: { fake: null }, globals, modules: { mocha: () => mochaModule }, timeoutOf };
}
