// Shared by the engines' tests: a run's virtual seconds include the real time its code spent
// between waits (the simulator charges CPU work, as a platform would), and on a loaded 2-core
// machine that reaches a few tenths of a second. The modelled waits themselves are exact, so a
// test allows the usual rounding below and that real time above.
import { expect } from "vitest";

export const REAL_SLACK_SECONDS = 0.5;

export function expectSeconds(actual: number | undefined, expected: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected - 0.05);
  expect(actual).toBeLessThan(expected + REAL_SLACK_SECONDS);
}
