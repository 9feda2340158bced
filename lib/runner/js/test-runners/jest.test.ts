import { expect } from "vitest";
import { file, test } from "./harness";

// Jest's rules on the real preset (prepared as a run is): texts from jest-circus v30.4.2 utils.ts.
const HINT = "Add a timeout value to this test to increase the timeout, if this is a long-running test. See https://jestjs.io/docs/api#testname-fn-timeout.";
const sleep = "const sleep = (ms) => new Promise((r) => setTimeout(r, ms));";

test("a test that never settles fails at the 5000 ms default with Jest's thrown text, at the test's line", async ({ engine }) => {
  const { result } = await engine.run({ code: file(`
describe("orders", () => {
  test("waits forever", async () => {
    await new Promise(() => {});
  });
});`), filename: "orders.test.js" }, "real:jest");
  expect(result.verdict).toBe("timeout");
  expect(result.deadlineSeconds).toBe(5);
  expect(result.elapsedSeconds).toBe(5);
  expect(result.line).toBe(2);
  expect(result.limit).toEqual({ kind: "deadline", clock: "wall", seconds: 5 });
  expect(result.platformMessage).toBe(`● orders › waits forever\n\n  thrown: "Exceeded timeout of 5000 ms for a test.\n  ${HINT}"`);
  expect(result.stdout).toContain("✕ orders › waits forever");
});

test("the third argument of test() is that test's timeout; the others keep the default", async ({ engine }) => {
  const { result } = await engine.run({ code: file(`
${sleep}
test("slow but allowed", async () => { await sleep(8000); }, 10000);
test("too slow for its own", async () => { await sleep(300); }, 100);`) }, "real:jest");
  expect(result.verdict).toBe("timeout");
  expect(result.deadlineSeconds).toBe(0.1);
  expect(result.line).toBe(3);
  expect(result.platformMessage).toContain('thrown: "Exceeded timeout of 100 ms for a test.');
  expect(result.stdout).toContain("✓ slow but allowed");
});

test("jest.setTimeout at the top of the file sets every test's timeout, a run's timeout is --testTimeout", async ({ engine }) => {
  const code = (ms: number) => file(`
${sleep}
jest.setTimeout(8000);
test("eight seconds at most", async () => { await sleep(${ms}); });`);
  expect((await engine.run({ code: code(7000) }, "real:jest")).result.verdict).toBe("ok");
  const { result } = await engine.run({ code: code(9000) }, "real:jest");
  expect(result.platformMessage).toContain("Exceeded timeout of 8000 ms for a test.");
  const cli = await engine.run({ code: file(`
test("one second", async () => { await new Promise((r) => setTimeout(r, 1500)); });`), timeout: 1 }, "real:jest");
  expect(cli.result.verdict).toBe("timeout");
  expect(cli.result.platformMessage).toContain("Exceeded timeout of 1000 ms for a test.");
});

test("a done callback that is never called: the done() variant of the text", async ({ engine }) => {
  const { result } = await engine.run({ code: file(`
test("calls back", (done) => {
  setTimeout(() => {}, 10);
});`) }, "real:jest");
  expect(result.verdict).toBe("timeout");
  expect(result.platformMessage).toContain('thrown: "Exceeded timeout of 5000 ms for a test while waiting for `done()` to be called.');
  const called = await engine.run({ code: file(`
test("calls back", (done) => {
  setTimeout(() => done(), 4000);
});`) }, "real:jest");
  expect(called.result.verdict).toBe("ok");
});

test("hooks run in Jest's order, have their own timeout argument and fail as a hook", async ({ engine }) => {
  const order = await engine.run({ code: file(`
beforeAll(() => console.log("beforeAll"));
beforeEach(() => console.log("beforeEach"));
afterEach(() => console.log("afterEach"));
afterAll(() => console.log("afterAll"));
test("a", () => console.log("a"));
test("b", () => console.log("b"));`) }, "real:jest");
  expect(order.result.verdict).toBe("ok");
  expect(order.result.stdout.split("\n").slice(0, 8)).toEqual(["beforeAll", "beforeEach", "a", "afterEach", "beforeEach", "b", "afterEach", "afterAll"]);
  const { result } = await engine.run({ code: file(`
beforeAll(async () => {
  await new Promise((r) => setTimeout(r, 500));
}, 200);
test("needs the database", () => {});`) }, "real:jest");
  expect(result.verdict).toBe("timeout");
  expect(result.line).toBe(1);
  expect(result.platformMessage).toContain('thrown: "Exceeded timeout of 200 ms for a hook.');
});

test("fake timers: a timer nobody advances hangs the test; advanceTimersByTimeAsync runs it", async ({ engine }) => {
  const code = (advance: string) => file(`
jest.useFakeTimers();
test("backs off", async () => {
  const wait = new Promise((r) => setTimeout(r, 60000));
  ${advance}
  await wait;
});`);
  const hung = await engine.run({ code: code("") }, "real:jest");
  expect(hung.result.verdict).toBe("timeout");
  expect(hung.result.elapsedSeconds).toBe(5);
  const moved = await engine.run({ code: code("await jest.advanceTimersByTimeAsync(60000);") }, "real:jest");
  expect(moved.result.verdict).toBe("ok");
  expect(moved.result.elapsedSeconds).toBeLessThan(1);
});

test("a failed assertion is an error with expect's message; the next test still runs after a timeout", async ({ engine }) => {
  const failed = await engine.run({ code: file(`
test("adds", () => {
  expect(1 + 1).toBe(3);
});`) }, "real:jest");
  expect(failed.result.verdict).toBe("error");
  expect(failed.result.line).toBe(2);
  expect(failed.result.error?.message).toBe("expect(received).toBe(expected) // Object.is equality\n\nExpected: 3\nReceived: 2");
  const after = await engine.run({ code: file(`
test("hangs", () => new Promise(() => {}));
test("runs next", () => console.log("still ran"));`) }, "real:jest");
  expect(after.result.verdict).toBe("timeout");
  expect(after.result.stdout).toContain("still ran");
});

test("@jest/globals gives the same functions to a file that imports them", async ({ engine }) => {
  const { result } = await engine.run({ code: file(`
import { describe, expect, test } from "@jest/globals";
describe("math", () => {
  test("adds", () => expect(2 + 2).toBe(4));
});`), language: "typescript", filename: "math.test.ts" }, "real:jest");
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({ passed: ["adds"], skipped: [] });
});
