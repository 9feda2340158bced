import { describe, expect, test } from "vitest";
import { AssertionError, createAssert } from "./assert";

type Check = (...args: unknown[]) => unknown;
type Methods = { ok: Check; equal: Check; strictEqual: Check; deepStrictEqual: Check; throws: Check; rejects: Check };
type Assert = ((value: unknown, message?: string) => void) & Methods & { strict: Methods };
const assert = createAssert(false) as Assert;

describe("node:assert in the simulator", () => {
  test("passing checks return quietly; failures are AssertionError with Node's code and fields", () => {
    assert(true);
    assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });
    let caught: unknown;
    try {
      assert.strictEqual(1, 2);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AssertionError);
    expect(caught).toMatchObject({ name: "AssertionError", code: "ERR_ASSERTION", actual: 1, expected: 2, operator: "strictEqual", generatedMessage: true });
    expect((caught as Error).message).toBe("Expected values to be strictly equal:\n\n1 !== 2\n");
  });

  test("equal is loose, strict.equal is strict; a message replaces the generated one", () => {
    assert.equal(1, "1");
    expect(() => assert.strict.equal(1, "1")).toThrow(AssertionError);
    expect(() => assert.ok(0, "must be set")).toThrow("must be set");
    expect(() => assert.deepStrictEqual({ a: 1 }, { a: "1" })).toThrow(/strictly deep-equal/);
  });

  test("throws and rejects check the error against a class, a pattern or an object", async () => {
    assert.throws(() => {
      throw new TypeError("bad input");
    }, TypeError);
    assert.throws(() => {
      throw new Error("bad input");
    }, /bad/);
    expect(() => assert.throws(() => undefined)).toThrow("Missing expected exception.");
    await (assert.rejects(Promise.reject(Object.assign(new Error("x"), { code: "E1" })), { code: "E1" }) as Promise<void>);
    await expect(assert.rejects(Promise.resolve(1)) as Promise<void>).rejects.toThrow("Missing expected rejection.");
  });
});
