import { expect } from "vitest";
import { expectSeconds } from "../../virtual-time.fixture";
import { file, test } from "./harness";

// Mocha's rules on the real preset: texts from lib/runnable.js and lib/runner.js at v11.7.5.
const TEXT = (ms: number, name: string) => `Error: Timeout of ${ms}ms exceeded. For async tests and hooks, ensure "done()" is called; if returning a Promise, ensure it resolves. (${name})`;
const sleep = "const sleep = (ms) => new Promise((r) => setTimeout(r, ms));";

test("done never called: the 2000 ms default, Mocha's text with the file, the spec reporter's layout", async ({ engine }) => {
  const { result } = await engine.run({ code: file(`
describe("queue", function () {
  it("drains", function (done) {
    setTimeout(() => {}, 10);
  });
});`), filename: "queue.test.js" }, "real:mocha");
  expect(result.verdict).toBe("timeout");
  expect(result.deadlineSeconds).toBe(2);
  expect(result.elapsedSeconds).toBe(2);
  expect(result.line).toBe(2);
  expect(result.platformMessage).toBe(`  1) queue\n       drains:\n     ${TEXT(2000, "queue.test.js")}`);
});

test("a before-all hook that times out is named for the first test, its tests are skipped, after-all still runs", async ({ engine }) => {
  const { result } = await engine.run({ code: file(`
describe("GET /health", function () {
  before(function startServer(done) {});
  after(function () { console.log("after ran"); });
  it("answers ok", function () { console.log("test ran"); });
});`), filename: "health.test.js" }, "real:mocha");
  expect(result.verdict).toBe("timeout");
  expect(result.line).toBe(2);
  expect(result.platformMessage).toContain(`"before all" hook: startServer for "answers ok":\n     ${TEXT(2000, "health.test.js")}`);
  expect(result.stdout).toContain("after ran");
  expect(result.stdout).not.toContain("test ran");
});

test("this.timeout(ms) in a test restarts its timer; in a suite it sets its tests'; 0 turns it off", async ({ engine }) => {
  const inTest = await engine.run({ code: file(`
${sleep}
it("takes three seconds", async function () {
  this.timeout(5000);
  await sleep(3000);
});`) }, "real:mocha");
  expect(inTest.result.verdict).toBe("ok");
  const inSuite = await engine.run({ code: file(`
${sleep}
describe("slow suite", function () {
  this.timeout(4000);
  it("three seconds", async function () { await sleep(3000); });
  it("five seconds", async function () { await sleep(5000); });
});`) }, "real:mocha");
  expect(inSuite.result.verdict).toBe("timeout");
  expect(inSuite.result.deadlineSeconds).toBe(4);
  expect(inSuite.result.line).toBe(5);
  expect(inSuite.result.platformMessage).toContain("Timeout of 4000ms exceeded.");
  const off = await engine.run({ code: file(`
${sleep}
it("a minute", async function () {
  this.timeout(0);
  await sleep(60000);
});`) }, "real:mocha");
  expect(off.result.verdict).toBe("ok");
  expectSeconds(off.result.elapsedSeconds, 60);
});

test("an arrow function chains .timeout() on the test; --timeout is the run's timeout", async ({ engine }) => {
  const chained = await engine.run({ code: file(`
it("three seconds", async () => {
  await new Promise((r) => setTimeout(r, 3000));
}).timeout(3500);`) }, "real:mocha");
  expect(chained.result.verdict).toBe("ok");
  const cli = await engine.run({ code: file(`
it("one second", (done) => { setTimeout(done, 1000); });`), timeout: 0.5 }, "real:mocha");
  expect(cli.result.verdict).toBe("timeout");
  expect(cli.result.platformMessage).toContain("Timeout of 500ms exceeded.");
});

test("done(error), done with a non-Error, and done with a returned promise fail as Mocha says", async ({ engine }) => {
  const run = async (body: string) => (await engine.run({ code: file(`it("t", ${body});`) }, "real:mocha")).result;
  expect((await run(`(done) => { done(new Error("boom")); }`)).error?.message).toBe("boom");
  expect((await run(`(done) => { done("nope"); }`)).error?.message).toBe("done() invoked with non-Error: nope");
  expect((await run(`async (done) => { done(); }`)).error?.message).toBe("Resolution method is overspecified. Specify a callback *or* return a Promise; not both.");
});

test("node:assert failures are errors with AssertionError", async ({ engine }) => {
  const { result } = await engine.run({ code: file(`
const assert = require("node:assert");
it("compares", () => {
  assert.strictEqual(1 + 1, 3);
});`) }, "real:mocha");
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("AssertionError");
  expect(result.error?.line).toBe(3);
});
