// Playwright Test as a spec file sees it: `import { test, expect } from "@playwright/test"`, test()
// with fixtures ({ page }), test.describe, the four hooks, test.setTimeout / test.slow, and expect
// with Playwright's web-first assertions on a modelled page (page.ts). Rules from v1.62.1:
// worker/timeoutManager.ts gives a test one slot, 30 s by default, that test.setTimeout moves
// (deadline = start + timeout) and test.slow() triples; beforeAll / afterAll get a slot of their
// own; beforeEach / afterEach share the test's slot, timed from the first beforeEach. Actions and navigations have no timeout by default (index.ts: actionTimeout 0), so they wait
// until the test timeout.

import { PLAYWRIGHT_EXPECT_TIMEOUT_MS, playwrightTimeoutMessage } from "../../platforms/test-runners";
import { captureSite, type RunContext } from "../run-context";
import { Collector, type Fn, type Hook, type HookType, type RunnerRules, type Suite, type TestCase, type TreeRunner } from "./core";
import { createExpect } from "./expect";
import { modelledTarget, PageModel, type PageConfig, type PendingAction } from "./page";
import type { TestRunnerSetup } from "./shared";

export function createPlaywrightTest(ctx: RunContext, defaultTimeoutMs: number, tree: () => TreeRunner | null): TestRunnerSetup {
  const collector = new Collector();
  const config: PageConfig = { actionTimeout: 0, navigationTimeout: 0, expectTimeout: PLAYWRIGHT_EXPECT_TIMEOUT_MS };
  let page: PageModel | null = null;
  let running: TestCase | null = null;
  const pages: PageModel[] = [];
  const interrupted = new Map<TestCase | Hook, PendingAction>();
  const slowed = new Set<TestCase>();

  const suiteTimeout = (suite: Suite | null): number | undefined => {
    for (let s = suite; s; s = s.parent) if (s.timeout !== undefined) return s.timeout;
    return undefined;
  };
  const testTimeout = (test: TestCase) => (test.timeout ?? suiteTimeout(test.suite) ?? defaultTimeoutMs) * (slowed.has(test) ? 3 : 1);
  const timeoutOf = (runnable: TestCase | Hook) => {
    if (runnable.kind === "test") return testTimeout(runnable);
    if ((runnable.type === "beforeEach" || runnable.type === "afterEach") && running) return testTimeout(running);
    return runnable.timeout ?? suiteTimeout(runnable.suite) ?? defaultTimeoutMs;
  };

  const currentPage = (): PageModel => {
    page ??= new PageModel(ctx, config);
    if (!pages.includes(page)) pages.push(page);
    return page;
  };
  const fixtures = () =>
    new Proxy({ page: currentPage().page, browserName: "chromium" } as Record<string, unknown>, {
      get: (target, key) => {
        if (typeof key === "symbol" || key in target) return target[key as string];
        throw new Error(`the "${String(key)}" fixture is not simulated: the simulator gives tests a modelled page only`);
      },
    });
  const testInfo = (runnable: TestCase | Hook) => ({
    title: runnable.title,
    get timeout() {
      return timeoutOf(runnable);
    },
    setTimeout: (ms: number) => setTimeout(ms),
  });

  const setTimeout = (ms: unknown) => {
    const value = Number(ms);
    const current = tree()?.current ?? null;
    if (!current) {
      // testType.ts _setTimeout: while the file loads it sets the suite's timeout
      collector.current.timeout = value;
      return;
    }
    const test = current.kind === "test" ? current : running;
    if (test) test.timeout = value / (slowed.has(test) ? 3 : 1);
    else current.timeout = value;
    tree()?.resetTimeout(value, true);
  };

  const rules: RunnerRules = {
    timeoutOf,
    usesDone: false,
    call: (runnable) => (runnable.fn as Fn).call(undefined, fixtures(), testInfo(runnable)),
    timeoutError: (runnable, ms) => {
      // index.ts: the context closes with the timeout's text and the waiting action fails with it
      const text = playwrightTimeoutMessage(ms, runnable.kind === "test" ? "test" : runnable.type);
      const pending = page?.interrupt(text) ?? null;
      if (pending) interrupted.set(runnable, pending);
      return Object.assign(new Error(text), { name: "" });
    },
    afterFailedBeforeAll: "skip",
    sharesTestSlot: (runnable) => runnable.kind === "test" || runnable.type === "beforeEach" || runnable.type === "afterEach",
    beforeTest: (test) => {
      // index.ts: the previous test's context closes with "Test ended."
      page?.interrupt("Test ended.");
      running = test;
      page = null;
    },
  };

  const makeTest = (mode: { skip?: boolean; only?: boolean }) => (title: unknown, second?: unknown, third?: unknown) => {
    const fn = typeof second === "function" ? second : third;
    if (typeof fn !== "function") throw new Error("test() expects a function as its last argument");
    collector.test(String(title), fn as Fn, captureSite(), mode);
  };
  const describe = (mode: { skip?: boolean; only?: boolean }) => (title: unknown, body?: unknown) => {
    const fn = typeof title === "function" ? title : body;
    collector.describe(typeof title === "string" ? title : "", fn as Fn, mode);
  };
  const describeApi = Object.assign(describe({}), {
    only: describe({ only: true }),
    skip: describe({ skip: true }),
    fixme: describe({ skip: true }),
    serial: Object.assign(describe({}), { only: describe({ only: true }) }),
    parallel: Object.assign(describe({}), { only: describe({ only: true }) }),
    configure: (options: { timeout?: number } = {}) => {
      if (options.timeout !== undefined) collector.current.timeout = options.timeout;
    },
  });
  const hook = (type: HookType) => (title: unknown, fn?: unknown) => {
    const body = typeof title === "function" ? title : fn;
    if (typeof body !== "function") throw new Error(`test.${type}() expects a function`);
    collector.hook(type, body as Fn, captureSite(), typeof title === "string" ? title : type);
  };

  const test = Object.assign(makeTest({}), {
    only: makeTest({ only: true }),
    skip: (...args: unknown[]) => {
      if (typeof args[0] === "string" && args.some((a) => typeof a === "function")) return makeTest({ skip: true })(args[0], args[1], args[2]);
      throw new Error("test.skip() with a condition is not simulated: mark the test with test.skip(title, fn)");
    },
    fixme: (title: unknown, second?: unknown, third?: unknown) => makeTest({ skip: true })(title, second, third),
    describe: describeApi,
    beforeEach: hook("beforeEach"),
    afterEach: hook("afterEach"),
    beforeAll: hook("beforeAll"),
    afterAll: hook("afterAll"),
    setTimeout,
    slow: () => {
      const current = tree()?.current ?? null;
      const target = current?.kind === "test" ? current : running;
      if (!target) throw new Error("test.slow() is only simulated inside a test");
      if (slowed.has(target)) return;
      slowed.add(target);
      tree()?.resetTimeout(testTimeout(target), true);
    },
    step: async (_title: unknown, body: unknown) => (body as Fn)(),
    use: (options: Record<string, unknown> = {}) => {
      if (typeof options.actionTimeout === "number") config.actionTimeout = options.actionTimeout;
      if (typeof options.navigationTimeout === "number") config.navigationTimeout = options.navigationTimeout;
    },
    info: () => {
      const current = tree()?.current ?? null;
      // testType.ts: the same text
      if (!current) throw new Error("test.info() can only be called while test is running");
      return testInfo(current);
    },
    extend: () => {
      throw new Error("test.extend() is not simulated: the simulator gives tests its modelled page fixture only");
    },
  });

  // web-first assertions on the modelled page; values keep expect's own matchers
  const assertions = (received: unknown, not: boolean): Record<string, unknown> | null => {
    const target = modelledTarget(received);
    if (!target) return null;
    const names = ["toBeVisible", "toBeHidden", "toBeEnabled", "toBeDisabled", "toBeEditable", "toBeChecked", "toBeFocused", "toBeAttached", "toBeEmpty", "toBeInViewport", "toHaveText", "toContainText", "toHaveValue", "toHaveCount", "toHaveAttribute", "toHaveClass", "toHaveId", "toHaveURL", "toHaveTitle"];
    return Object.fromEntries(
      names.map((name) => [
        name,
        (...args: unknown[]) => {
          if (not) return Promise.reject(new Error(`expect(${target.kind}).not.${name}() is not simulated on the modelled page`));
          return currentPage().assertion(target, name, args, captureSite());
        },
      ]),
    );
  };
  const expectBase = createExpect(assertions);
  const expect = Object.assign(expectBase, {
    soft: expectBase,
    configure: (options: { timeout?: number } = {}) => {
      if (options.timeout !== undefined) config.expectTimeout = options.timeout;
      return expectBase;
    },
    poll: () => {
      throw new Error("expect.poll() is not simulated");
    },
  });

  const module = { test, expect, devices: {}, defineConfig: (c: unknown) => c };
  return {
    kind: "playwright-test",
    collector,
    rules,
    timers: { fake: null },
    globals: {},
    modules: { "@playwright/test": () => module, "playwright/test": () => module },
    timeoutOf,
    pendingAt: (runnable) => {
      const action = interrupted.get(runnable);
      return action ? { site: action.site, detail: `Error: ${action.api}: ${playwrightTimeoutMessage(timeoutOf(runnable), runnable.kind === "test" ? "test" : runnable.type)}\nCall log:\n  - waiting for ${action.locator}` } : null;
    },
    notes: () => {
      const unnamed = [...new Set(pages.flatMap((p) => [...p.unnamed]))];
      const base = "The page is modelled, not rendered: navigations, actions and assertions took the seconds their cost rules give.";
      if (unnamed.length === 0) return [base];
      return [`${base} No cost rule names ${unnamed.slice(0, 4).join(", ")}${unnamed.length > 4 ? ` and ${unnamed.length - 4} more` : ""}, so the modelled page has no such element and waiting for it never ends (add a cost rule such as "page.${unnamed[0]}.*": 1 if the element is there).`];
    },
  };
}
