import { expect } from "vitest";
import type { EngineHarness } from "../engine-harness";
import { expectSeconds } from "../../virtual-time.fixture";
import { file, test } from "./harness";

// Playwright Test on the real preset, its page modelled by cost rules: texts from
// worker/timeoutManager.ts, index.ts and matchers/matcherHint.ts at v1.62.1.
const spec = (body: string, head = "") =>
  file(`
import { test, expect } from "@playwright/test";
${head}
test("checks out", async ({ page }) => {
${body}
});`);
const run = (engine: EngineHarness, code: string, cost: Record<string, number> = {}) =>
  engine.run({ code, language: "typescript", filename: "checkout.spec.ts", cost }, "real:playwright-test").then((r) => r.result);

test("a click on a locator no rule names waits for the 30 s test timeout; the action fails with the same text", async ({ engine }) => {
  const result = await run(engine, spec(`  await page.goto("/checkout");\n  await page.getByRole("button", { name: "Pay now" }).click();`), { "page.goto": 0.5 });
  expect(result.verdict).toBe("timeout");
  expect(result.deadlineSeconds).toBe(30);
  expect(result.elapsedSeconds).toBe(30);
  expect(result.line).toBe(5);
  expect(result.platformMessage).toBe(
    "  1) checkout.spec.ts › checks out\n\n    Test timeout of 30000ms exceeded.\n\n    Error: locator.click: Test timeout of 30000ms exceeded.\n    Call log:\n      - waiting for getByRole('button', { name: 'Pay now' })",
  );
  expect(result.notes?.map((n) => n.text).join(" ")).toContain("No cost rule names getByRole('button', { name: 'Pay now' })");
  expect(result.timeline.find((s) => s.kind === "modelled")).toMatchObject({ start: expect.any(Number), cost: "page.goto", line: 4 });
});

test("cost rules say when actions and assertions are done; the test passes in their sum", async ({ engine }) => {
  const result = await run(
    engine,
    spec(`  await page.goto("/checkout");\n  const pay = page.getByRole("button", { name: "Place order" });\n  await expect(pay).toBeEnabled();\n  await pay.click();`),
    { "page.goto": 0.5, "expect(getByRole('button', { name: 'Place order' })).toBeEnabled": 1.5, "page.getByRole('button', { name: 'Place order' }).click()": 0.25 },
  );
  expect(result.verdict).toBe("ok");
  expectSeconds(result.elapsedSeconds, 2.25);
  expect(result.timeline.filter((s) => s.kind === "modelled").map((s) => s.cost)).toEqual([
    "page.goto",
    "expect(getByRole('button', { name: 'Place order' })).toBeEnabled",
    "page.getByRole('button', { name: 'Place order' }).click()",
  ]);
});

test("expect() waits 5 s by default, its own timeout when given one, and fails with Playwright's matcher text", async ({ engine }) => {
  const body = (options: string) => `  await expect(page.getByText("Order placed")).toBeVisible(${options});`;
  const late = await run(engine, spec(body("")), { "expect(getByText('Order placed')).toBeVisible": 7 });
  expect(late.verdict).toBe("error");
  expectSeconds(late.elapsedSeconds, 5);
  expect(late.error?.message).toContain("expect(locator).toBeVisible() failed\n\nLocator: getByText('Order placed')\nExpected: visible\nTimeout: 5000ms\n");
  expect((await run(engine, spec(body("{ timeout: 10_000 }")), { "expect(getByText('Order placed')).toBeVisible": 7 })).verdict).toBe("ok");
  const missing = await run(engine, spec(body("")));
  expect(missing.error?.message).toContain("Error: element(s) not found");
});

test("an action with its own timeout fails with TimeoutError before the test timeout", async ({ engine }) => {
  const result = await run(engine, spec(`  await page.locator("#pay").click({ timeout: 1000 });`));
  expect(result.verdict).toBe("error");
  expect(result.error?.type).toBe("TimeoutError");
  expect(result.error?.message).toBe("locator.click: Timeout 1000ms exceeded.\nCall log:\n  - waiting for locator('#pay')");
  expect(result.line).toBe(4);
});

test("test.setTimeout inside a test moves its deadline from the test's start; at the top it sets the file's", async ({ engine }) => {
  const inside = await run(engine, spec(`  test.setTimeout(60_000);\n  await page.waitForTimeout(45_000);\n  await page.locator("#never").click();`));
  expect(inside.verdict).toBe("timeout");
  expect(inside.elapsedSeconds).toBe(60);
  expect(inside.platformMessage).toContain("Test timeout of 60000ms exceeded.");
  const top = await run(engine, spec(`  await page.locator("#never").click();`, "test.setTimeout(10_000);"));
  expect(top.deadlineSeconds).toBe(10);
  expect(top.platformMessage).toContain("Test timeout of 10000ms exceeded.");
});

test("a beforeEach hook that never ends: the hook variant of the text", async ({ engine }) => {
  const result = await run(engine, spec(`  await page.goto("/");`, `test.beforeEach(async ({ page }) => {\n  await page.getByRole("link", { name: "Sign in" }).click();\n});`));
  expect(result.verdict).toBe("timeout");
  expect(result.line).toBe(3);
  expect(result.platformMessage).toContain('Test timeout of 30000ms exceeded while running "beforeEach" hook.');
});

test("beforeEach and the test share one 30 s slot", async ({ engine }) => {
  const result = await run(engine, spec(`  await page.waitForTimeout(15_000);`, `test.beforeEach(async ({ page }) => {\n  await page.waitForTimeout(20_000);\n});`));
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(30);
  expect(result.platformMessage).toContain("Test timeout of 30000ms exceeded.");
});

test("what the modelled page cannot know is an error that says so", async ({ engine }) => {
  const text = await run(engine, spec(`  const total = await page.locator("#total").textContent();`));
  expect(text.verdict).toBe("error");
  expect(text.error?.message).toContain("locator.textContent() is not simulated");
  const evaluate = await run(engine, spec(`  await page.evaluate(() => 1);`));
  expect(evaluate.error?.message).toContain("page.evaluate() is not simulated");
});
