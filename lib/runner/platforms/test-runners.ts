// Test runners as platforms: the limit is the timeout each test (and hook) gets, and the text is
// the runner's own failure for a test that ran out of it. The JS engine runs a test file the way
// the runner does (lib/runner/js/test-runners/): collect the tests, run each against its timeout.
// Every default and text below is read from the runner's source at the tag named beside it.

import { definePreset } from "./plans";
import type { MessageContext, PlatformPreset } from "./types";

const JEST = "https://github.com/jestjs/jest/blob/v30.4.2";
const MOCHA = "https://github.com/mochajs/mocha/blob/v11.7.5";
const PLAYWRIGHT = "https://github.com/microsoft/playwright/blob/v1.62.1";

/** jest-circus state.ts: `testTimeout: 5000` (v30.4.2), the value --testTimeout and jest.setTimeout replace. */
export const JEST_DEFAULT_TIMEOUT_MS = 5000;
/** mocha lib/mocharc.json `"timeout": 2000` and Suite's `this._timeout = 2000` (v11.7.5). */
export const MOCHA_DEFAULT_TIMEOUT_MS = 2000;
/** playwright common/config.ts `defaultTimeout = 30000` (v1.62.1). */
export const PLAYWRIGHT_DEFAULT_TIMEOUT_MS = 30_000;
/** playwright matchers/expect.ts `defaultExpectTimeout = 5000` (v1.62.1). */
export const PLAYWRIGHT_EXPECT_TIMEOUT_MS = 5000;

/**
 * jest-circus utils.ts _makeTimeoutMessage (v30.4.2). formatTime (jest-util) prints ms as
 * "5000 ms". The message is rejected as a string, so the test fails with
 * `thrown: "<message>"` (utils.ts _getError: `thrown: ${prettyFormat(error)}`).
 */
export function jestTimeoutMessage(ms: number, isHook: boolean, takesDone: boolean): string {
  return `Exceeded timeout of ${ms} ms for a ${isHook ? "hook" : "test"}${takesDone ? " while waiting for `done()` to be called" : ""}.\nAdd a timeout value to this test to increase the timeout, if this is a long-running test. See https://jestjs.io/docs/api#testname-fn-timeout.`;
}

/** How Jest shows the thrown string: prettyFormat quotes it and escapes quotes and backslashes. */
export function jestThrown(message: string): string {
  return `thrown: "${message.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** mocha lib/runnable.js Runnable#_timeoutError (v11.7.5): the runnable's file is appended in parentheses. */
export function mochaTimeoutMessage(ms: number, file?: string): string {
  return `Timeout of ${ms}ms exceeded. For async tests and hooks, ensure "done()" is called; if returning a Promise, ensure it resolves.${file ? ` (${file})` : ""}`;
}

/** playwright worker/timeoutManager.ts _createTimeoutError (v1.62.1), by the runnable that ran out. */
export function playwrightTimeoutMessage(ms: number, runnable: "test" | "beforeEach" | "afterEach" | "beforeAll" | "afterAll" = "test"): string {
  if (runnable === "test") return `Test timeout of ${ms}ms exceeded.`;
  if (runnable === "beforeEach" || runnable === "afterEach") return `Test timeout of ${ms}ms exceeded while running "${runnable}" hook.`;
  return `"${runnable}" hook timeout of ${ms}ms exceeded.`;
}

const ms = (ctx: MessageContext) => Math.round(ctx.timeout * 1000);

const checked = "2026-12" as const;

export const jest: PlatformPreset = definePreset({
  id: "jest",
  name: "Jest (test timeout)",
  defaultPlan: "default",
  plans: [
    {
      id: "default",
      name: "testTimeout (per test and hook)",
      clock: "wall",
      defaultTimeout: JEST_DEFAULT_TIMEOUT_MS / 1000,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 0.001,
      note: "Each test and each hook gets testTimeout (5 s unless --testTimeout or jest.setTimeout changes it); a test's third argument overrides it for that test.",
    },
  ],
  languages: ["javascript", "typescript"],
  entry: "A test file: test() / it() calls, optionally inside describe(), with beforeAll / beforeEach / afterEach / afterAll hooks.",
  countsInit: false,
  initNote: "Jest collects the tests by running the file's top level, which has no timeout; the timeout starts with each test or hook.",
  message: (ctx) => (ctx.kind === "timeout" ? jestThrown(jestTimeoutMessage(ms(ctx), false, false)) : "a test failed"),
  messageConfidence: "verbatim",
  messageNote:
    "_makeTimeoutMessage in jest-circus utils.ts at v30.4.2, with the hook and done() variants; the test fails with thrown: and the message quoted (_getError). The report layout (● title, then the message) follows Jest's default reporter.",
  sources: [
    { url: `${JEST}/packages/jest-circus/src/utils.ts`, title: "jest-circus utils.ts: _makeTimeoutMessage and callAsyncCircusFn (the timer, done callbacks, the done + promise error)", checked },
    { url: `${JEST}/packages/jest-circus/src/state.ts`, title: "jest-circus state.ts: testTimeout 5000", checked },
    { url: `${JEST}/packages/jest-circus/src/run.ts`, title: "jest-circus run.ts: hook.timeout || testTimeout, test.timeout || testTimeout", checked },
    { url: `${JEST}/packages/jest-circus/src/eventHandler.ts`, title: "jest-circus eventHandler.ts: run_start takes jest.setTimeout's value once all tests are collected", checked },
  ],
  notes: "The test fails with the timeout error and the next test starts; the timed-out test's pending work is not cancelled.",
  unconfirmed: [],
});

export const mocha: PlatformPreset = definePreset({
  id: "mocha",
  name: "Mocha (test timeout)",
  defaultPlan: "default",
  plans: [
    {
      id: "default",
      name: "timeout (per test and hook)",
      clock: "wall",
      defaultTimeout: MOCHA_DEFAULT_TIMEOUT_MS / 1000,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 0.001,
      note: "Each test and each hook gets the timeout (2000 ms unless --timeout changes it); this.timeout(ms) in a suite, test or hook sets its own, 0 turns it off.",
    },
  ],
  languages: ["javascript", "typescript"],
  entry: "A test file: it() calls inside describe(), with before / beforeEach / afterEach / after hooks (the BDD interface).",
  countsInit: false,
  initNote: "Mocha loads the file to collect its suites; the timeout starts with each test or hook.",
  message: (ctx) => (ctx.kind === "timeout" ? `Error: ${mochaTimeoutMessage(ms(ctx))}` : "a test failed"),
  messageConfidence: "verbatim",
  messageNote: "Runnable#_timeoutError in lib/runnable.js at v11.7.5 (the file name appended); hook titles ('\"before all\" hook for \"test\"') from lib/suite.js and lib/runner.js setHookTitle. The report layout follows the spec reporter.",
  sources: [
    { url: `${MOCHA}/lib/runnable.js`, title: "mocha lib/runnable.js: _timeoutError, resetTimeout, done callbacks, 'Resolution method is overspecified'", checked },
    { url: `${MOCHA}/lib/mocharc.json`, title: "mocha lib/mocharc.json: timeout 2000", checked },
    { url: `${MOCHA}/lib/runner.js`, title: "mocha lib/runner.js: hook titles 'for \"<test>\"', a failed before-all hook skips its suite's tests", checked },
  ],
  notes: "The runnable fails with the timeout error; a before-all hook that times out skips the rest of its suite, and the after-all hooks still run.",
  unconfirmed: [],
});

export const playwrightTest: PlatformPreset = definePreset({
  id: "playwright-test",
  name: "Playwright Test (test timeout)",
  defaultPlan: "default",
  plans: [
    {
      id: "default",
      name: "timeout (per test, expect 5 s)",
      clock: "wall",
      defaultTimeout: PLAYWRIGHT_DEFAULT_TIMEOUT_MS / 1000,
      maxTimeout: Number.POSITIVE_INFINITY,
      minTimeout: 0.001,
      note: "Each test gets 30 s (config timeout, test.setTimeout); actions and navigations have no timeout of their own by default, so a locator that never matches waits for the test timeout; expect() assertions wait 5 s.",
    },
  ],
  languages: ["javascript", "typescript"],
  entry: "A spec file: test() calls from @playwright/test taking fixtures ({ page }), with test.describe and test.beforeEach / afterEach / beforeAll / afterAll.",
  countsInit: false,
  initNote: "Playwright loads the spec to collect its tests; the test timeout starts with each test.",
  message: (ctx) => (ctx.kind === "timeout" ? playwrightTimeoutMessage(ms(ctx)) : "a test failed"),
  messageConfidence: "verbatim",
  messageNote:
    "TimeoutManager#_createTimeoutError in worker/timeoutManager.ts at v1.62.1; the pending action fails with its API name and the same text (index.ts closes the context with 'Test timeout of ...ms exceeded.'). The page is modelled: see lib/runner/js/test-runners/page.ts.",
  sources: [
    { url: `${PLAYWRIGHT}/packages/playwright/src/worker/timeoutManager.ts`, title: "playwright timeoutManager.ts: 'Test timeout of ${timeout}ms exceeded.' and the hook variants", checked },
    { url: `${PLAYWRIGHT}/packages/playwright/src/common/config.ts`, title: "playwright common/config.ts: defaultTimeout = 30000", checked },
    { url: `${PLAYWRIGHT}/packages/playwright/src/matchers/expect.ts`, title: "playwright matchers/expect.ts: defaultExpectTimeout = 5000", checked },
    { url: `${PLAYWRIGHT}/packages/playwright/src/index.ts`, title: "playwright index.ts: actionTimeout 0 by default; the context closes with 'Test timeout of ...ms exceeded.'", checked },
    { url: `${PLAYWRIGHT}/packages/playwright/src/matchers/matcherHint.ts`, title: "playwright matcherHint.ts: formatMatcherMessage (Locator:, Expected:, Timeout:, Call log)", checked },
  ],
  notes: "The test fails with the timeout error and the action it was waiting on fails with the same text; the page is modelled: calls take the seconds cost rules give.",
  unconfirmed: [],
});
