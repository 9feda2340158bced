// node:assert for code run in the simulator (test files use it with Mocha): the same functions,
// failing with an AssertionError that carries code ERR_ASSERTION, actual, expected and operator
// as Node's does. The messages give both values on their own lines rather than Node's
// line-by-line diff (lib/internal/assert/assertion_error.js), which the simulator does not rebuild.

import { equals, show } from "./test-runners/expect";

export class AssertionError extends Error {
  readonly code = "ERR_ASSERTION";
  readonly generatedMessage: boolean;
  readonly actual: unknown;
  readonly expected: unknown;
  readonly operator: string;

  constructor(options: { message?: string | Error; actual?: unknown; expected?: unknown; operator?: string; generated: string }) {
    super(typeof options.message === "string" ? options.message : options.generated);
    this.name = "AssertionError";
    this.generatedMessage = options.message === undefined;
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator ?? "fail";
  }
}

type Message = string | Error | undefined;

function check(pass: boolean, message: Message, actual: unknown, expected: unknown, operator: string, generated: string): void {
  if (pass) return;
  if (message instanceof Error) throw message;
  throw new AssertionError({ message, actual, expected, operator, generated });
}

// Node's headers for the comparison operators (assertion_error.js kReadableOperator)
const both = (header: string, actual: unknown, expected: unknown) => `${header}\n\n+ actual - expected\n\n+ ${show(actual)}\n- ${show(expected)}\n`;

function matchesError(error: unknown, expected: unknown): boolean {
  if (expected === undefined) return true;
  if (expected instanceof RegExp) return expected.test(String(error instanceof Error ? error.message : error));
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && error instanceof (expected as new () => unknown)) return true;
    if (Error.isPrototypeOf(expected as object)) return false;
    return (expected as (e: unknown) => unknown)(error) === true;
  }
  if (typeof expected === "object" && expected !== null) {
    return Object.entries(expected as Record<string, unknown>).every(([key, value]) => {
      const actual = (error as Record<string, unknown> | null)?.[key];
      return value instanceof RegExp && typeof actual === "string" ? value.test(actual) : equals(actual, value, true);
    });
  }
  return false;
}

export function createAssert(strict: boolean): unknown {
  const ok = (value: unknown, message?: Message) => check(Boolean(value), message, value, true, "==", `The expression evaluated to a falsy value:\n\n  assert.ok(${show(value)})\n`);
  // assert.equal is ==, with NaN equal to NaN (Node 16+)
  const loose = (a: unknown, b: unknown) => a == b || (Number.isNaN(a) && Number.isNaN(b));
  const strictEqual = (a: unknown, b: unknown, m?: Message) => check(Object.is(a, b), m, a, b, "strictEqual", `Expected values to be strictly equal:\n\n${show(a)} !== ${show(b)}\n`);
  const notStrictEqual = (a: unknown, b: unknown, m?: Message) => check(!Object.is(a, b), m, a, b, "notStrictEqual", `Expected "actual" to be strictly unequal to: ${show(b)}`);
  const deepStrictEqual = (a: unknown, b: unknown, m?: Message) => check(equals(a, b, true), m, a, b, "deepStrictEqual", both("Expected values to be strictly deep-equal:", a, b));
  const notDeepStrictEqual = (a: unknown, b: unknown, m?: Message) => check(!equals(a, b, true), m, a, b, "notDeepStrictEqual", `Expected "actual" not to be strictly deep-equal to: ${show(b)}`);
  const api = {
    ok,
    fail: (message: Message = "Failed") => {
      if (message instanceof Error) throw message;
      throw new AssertionError({ message, operator: "fail", generated: "Failed" });
    },
    equal: strict ? strictEqual : (a: unknown, b: unknown, m?: Message) => check(loose(a, b), m, a, b, "==", `${show(a)} == ${show(b)}`),
    notEqual: strict ? notStrictEqual : (a: unknown, b: unknown, m?: Message) => check(!loose(a, b), m, a, b, "!=", `${show(a)} != ${show(b)}`),
    strictEqual,
    notStrictEqual,
    deepEqual: strict ? deepStrictEqual : (a: unknown, b: unknown, m?: Message) => check(equals(a, b), m, a, b, "deepEqual", both("Expected values to be loosely deep-equal:", a, b)),
    notDeepEqual: strict ? notDeepStrictEqual : (a: unknown, b: unknown, m?: Message) => check(!equals(a, b), m, a, b, "notDeepEqual", `Expected "actual" not to be loosely deep-equal to: ${show(b)}`),
    deepStrictEqual,
    notDeepStrictEqual,
    match: (value: unknown, pattern: RegExp, m?: Message) => check(typeof value === "string" && pattern.test(value), m, value, pattern, "match", `The input did not match the regular expression ${String(pattern)}. Input:\n\n${show(value)}\n`),
    doesNotMatch: (value: unknown, pattern: RegExp, m?: Message) => check(typeof value === "string" && !pattern.test(value), m, value, pattern, "doesNotMatch", `The input was expected to not match the regular expression ${String(pattern)}. Input:\n\n${show(value)}\n`),
    throws: (fn: () => unknown, expected?: unknown, m?: Message) => {
      try {
        fn();
      } catch (error) {
        check(matchesError(error, expected), m, error, expected, "throws", `The error is expected to match ${show(expected)}`);
        return;
      }
      check(false, typeof expected === "string" ? expected : m, undefined, expected, "throws", "Missing expected exception.");
    },
    doesNotThrow: (fn: () => unknown, m?: Message) => {
      try {
        fn();
      } catch (error) {
        check(false, m, error, undefined, "doesNotThrow", `Got unwanted exception.\nActual message: "${error instanceof Error ? error.message : String(error)}"`);
      }
    },
    rejects: async (promise: unknown, expected?: unknown, m?: Message) => {
      try {
        await (typeof promise === "function" ? (promise as () => unknown)() : promise);
      } catch (error) {
        check(matchesError(error, expected), m, error, expected, "rejects", `The error is expected to match ${show(expected)}`);
        return;
      }
      check(false, typeof expected === "string" ? expected : m, undefined, expected, "rejects", "Missing expected rejection.");
    },
    doesNotReject: async (promise: unknown, m?: Message) => {
      try {
        await (typeof promise === "function" ? (promise as () => unknown)() : promise);
      } catch (error) {
        check(false, m, error, undefined, "doesNotReject", `Got unwanted rejection.\nActual message: "${error instanceof Error ? error.message : String(error)}"`);
      }
    },
    ifError: (value: unknown) => {
      if (value === null || value === undefined) return;
      throw value instanceof Error ? value : new AssertionError({ actual: value, expected: null, operator: "ifError", generated: `ifError got unwanted exception: ${show(value)}` });
    },
    AssertionError,
  };
  const assert = Object.assign((value: unknown, message?: Message) => ok(value, message), api);
  return Object.assign(assert, { strict: strict ? assert : createAssert(true), default: assert });
}
