// The free names a test file uses without importing them, across Jest and Mocha (Playwright Test
// imports its own). They are parameters of every module's wrapper (injected.ts), undefined
// outside a test-runner run, so handlers never see them.
export const TEST_GLOBALS = [
  "describe",
  "fdescribe",
  "xdescribe",
  "context",
  "xcontext",
  "suite",
  "it",
  "fit",
  "xit",
  "test",
  "xtest",
  "specify",
  "xspecify",
  "before",
  "after",
  "beforeAll",
  "afterAll",
  "beforeEach",
  "afterEach",
  "expect",
  "jest",
] as const;
