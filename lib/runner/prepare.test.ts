import { describe, expect, test } from "vitest";

import { createDispatcher } from "./dispatch";
import type { Engine, EnginePreset } from "./engine";
import { eventRequest, inferPlatform, prepare, UsageError, withPlanNotes } from "./prepare";
import type { SimulationRequest, SimulationResult } from "./types";

const request = (overrides: Partial<SimulationRequest>): SimulationRequest => ({
  language: "typescript",
  code: "export async function GET() { return new Response('ok'); }\n",
  platform: "vercel",
  ...overrides,
});

function usageErrorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a UsageError");
}

describe("prepare carries the plan", () => {
  test("no plan, no timeout: the default plan, nothing to note", () => {
    const { plan, engine, notes } = prepare(request({}));
    expect(plan.id).toBe("hobby");
    expect(engine).toMatchObject({ id: "vercel", plan: "hobby", clock: "wall", timeout: 300, countsInit: false });
    expect(notes).toEqual([]);
  });

  test("an explicit plan sets the deadline and stays in the engine preset", () => {
    expect(prepare(request({ plan: "pro-fluid", timeout: 800 })).engine).toMatchObject({ plan: "pro-fluid", timeout: 800 });
    expect(prepare(request({ plan: "pro" })).engine).toMatchObject({ plan: "pro-fluid", timeout: 300 });
  });

  test("a timeout only another plan allows switches plan and says so", () => {
    const { engine, notes } = prepare(request({ platform: "cloudflare-workers", timeout: 60 }));
    expect(engine).toMatchObject({ id: "cloudflare-workers", plan: "paid", clock: "cpu", timeout: 60 });
    expect(notes).toEqual([{ kind: "plan", text: expect.stringMatching(/^A 60 s timeout is outside Workers Free .*simulated on Workers Paid/) }]);
  });

  test("the plan's clock, expiry text and extra limits reach the engine", () => {
    const edge = prepare(request({ platform: "netlify-edge" })).engine;
    expect(edge).toMatchObject({ plan: "cpu", clock: "cpu", timeout: 0.05, responseStart: { seconds: 40 } });
    expect(edge.responseStart?.message?.({ timeout: 40, elapsed: 40, requestId: "01J45AX7", kind: "timeout" })).toContain("The request timed out.");

    const supabase = prepare(request({ platform: "supabase-edge", plan: "paid" })).engine;
    expect(supabase).toMatchObject({ clock: "wall", timeout: 400, responseStart: { seconds: 150 }, cpuLimit: { seconds: 2 } });

    const gen2 = prepare(request({ platform: "gcp-functions", language: "python", code: "def handler(request):\n    return 'ok'\n", timeout: 1200 }));
    expect(gen2.engine.plan).toBe("2nd-gen");
    expect(gen2.engine.message({ timeout: 1200, elapsed: 1200, requestId: "r", kind: "timeout" })).toMatch(/^HTTP 504\n/);
    const gen1 = prepare(request({ platform: "gcp-functions", language: "python", code: "def handler(request):\n    return 'ok'\n" }));
    expect(gen1.engine.message({ timeout: 60, elapsed: 60.5, requestId: "r", kind: "timeout" })).toBe("Function execution took 60500 ms, finished with status: 'timeout'");
  });

  test("bad plans and timeouts are usage errors with the plans spelled out", () => {
    expect(usageErrorOf(() => prepare(request({ plan: "platinum" }))).message).toMatch(/^unknown plan "platinum" for Vercel Functions \(Node\.js \/ Python\); choose one of hobby \(default\), hobby-no-fluid, pro-fluid/);
    expect(usageErrorOf(() => prepare(request({ plan: "hobby", timeout: 400 }))).message).toMatch(/\(plan hobby\), accepts timeouts from 1 to 300 s, got 400\. 400 s fits plan pro-fluid/);
    expect(usageErrorOf(() => prepare(request({ timeout: 4000 }))).message).toMatch(/^No Vercel Functions \(Node\.js \/ Python\) plan allows a timeout of 4000 s\. Plans: hobby \(default\): 1 to 300 s, default 300 s; /);
  });

  test("a platform with no limit unless configured runs without a timeout and takes it from the code (Celery)", () => {
    const { engine } = prepare(request({ platform: "celery", language: "python", code: "" }));
    expect(engine.timeout).toBe(Number.POSITIVE_INFINITY);
    // The engine's text when the task and the app set no limit either.
    expect(engine.noLimit).toMatch(/^Celery \(task time limits\) has no time limit unless one is configured: set it in the code \(`soft_time_limit=`.*\) or pass a timeout in seconds\.$/);
    expect(prepare(request({ platform: "celery", language: "python", code: "", timeout: 30 })).engine).toMatchObject({ timeout: 30 });
    expect(prepare(request({ platform: "celery", language: "python", code: "", plan: "soft" })).engine).toMatchObject({ plan: "soft", timeout: Number.POSITIVE_INFINITY });
  });
});

describe("plan notes reach the result", () => {
  const base: SimulationResult = { verdict: "ok", platform: "x", deadlineSeconds: 1, elapsedSeconds: 0, line: null, error: null, platformMessage: null, stdout: "", timeline: [] };

  test("withPlanNotes puts them first and keeps the engine's", () => {
    const planNote = { kind: "plan" as const, text: "simulated on Pro" };
    expect(withPlanNotes(base, [])).toBe(base);
    expect(withPlanNotes({ ...base, notes: [{ kind: "entry", text: "called handler" }] }, [planNote]).notes).toEqual([planNote, { kind: "entry", text: "called handler" }]);
  });

  test("the dispatcher runs the engine on the resolved plan and adds its note", async () => {
    const seen: EnginePreset[] = [];
    const engine: Engine = {
      async run(req, preset) {
        seen.push(preset);
        return { ...base, platform: preset.id, deadlineSeconds: preset.timeout };
      },
    };
    const handle = createDispatcher(async () => engine);
    const answer = await handle({ type: "run", id: 1, request: request({ platform: "netlify", language: "typescript", timeout: 900 }) });
    expect(answer.type).toBe("result");
    if (answer.type !== "result") return;
    expect(seen[0]).toMatchObject({ id: "netlify", plan: "background", timeout: 900 });
    expect(answer.result.deadlineSeconds).toBe(900);
    expect(answer.result.notes?.[0]).toEqual({ kind: "plan", text: expect.stringMatching(/^A 900 s timeout is outside Synchronous functions \(60 s, not configurable\): simulated on Background functions/) });
    expect(answer.result.notes?.[0]?.text).toContain("caller got 202 at once");

    const refused = await handle({ type: "run", id: 2, request: request({ plan: "hobby", timeout: 400 }) });
    expect(refused).toMatchObject({ type: "failure", error: { name: "UsageError" } });
  });
});

describe("inferPlatform reads a Python file's runtime from its imports and entry convention", () => {
  test.each([
    ["import functions_framework\n@functions_framework.http\ndef f(request):\n    return 'ok'\n", "gcp-functions"],
    ["import azure.functions as func\napp = func.FunctionApp()\n", "azure-functions"],
    ["from http.server import BaseHTTPRequestHandler\nclass handler(BaseHTTPRequestHandler):\n    pass\n", "vercel"],
    ["from modal import App\napp = App()\n", "modal"],
    ["from celery import shared_task\n@shared_task\ndef t():\n    pass\n", "celery"],
    ["from celery import Task\nclass T(Task):\n    def run(self):\n        pass\n", "celery"],
    ["import json\ndef lambda_handler(event, context):\n    return 1\n", "aws-lambda"],
  ])("%#", (code, platform) => {
    expect(inferPlatform(code, "python")).toBe(platform);
  });
});

describe("the request an event describes, for the platforms' texts", () => {
  test("{ method, url }, API Gateway shapes and a path with a Host header", () => {
    expect(eventRequest({ method: "post", url: "https://shop.example.com/export?a=1" })).toEqual({ method: "POST", url: "https://shop.example.com/export?a=1" });
    expect(eventRequest({ httpMethod: "GET", path: "/items", headers: { Host: "api.example.com" } })).toEqual({ method: "GET", url: "https://api.example.com/items" });
    expect(eventRequest({ requestContext: { http: { method: "PUT" } }, rawPath: "/x", rawQueryString: "y=2" })).toEqual({ method: "PUT", url: "https://example.com/x?y=2" });
    expect(eventRequest({ inputs: { channel: "C1" } })).toBeUndefined();
    expect(eventRequest(undefined)).toBeUndefined();
  });

  test("the prepared texts name it: wrangler tail's line, the 524 page's host", () => {
    const workers = prepare({ language: "javascript", code: "", platform: "cloudflare-workers", event: { method: "DELETE", url: "https://a.example.com/b" } }).engine;
    expect(workers.message({ timeout: 0.01, elapsed: 0.01, requestId: "r", kind: "timeout" })).toMatch(/^DELETE https:\/\/a\.example\.com\/b - Exceeded CPU Limit @ /);
    const proxy = prepare({ language: "python", code: "", platform: "cloudflare-proxy", event: { method: "POST", path: "/reports/export", headers: { host: "reports.example.com" } } }).engine;
    expect(proxy).toMatchObject({ timeout: 125, clock: "wall", deadlineBetweenReads: true });
    expect(proxy.message({ timeout: 125, elapsed: 125, requestId: "r", kind: "timeout" })).toContain("<title>reports.example.com | 524: A timeout occurred</title>");
    const cloudflare = prepare({ language: "javascript", code: "", platform: "cloudflare-workers", plan: "paid" }).engine;
    expect(cloudflare).toMatchObject({ initTimeout: 1, initRejection: { message: "Script startup exceeded CPU time limit. [code: 10021]" } });
  });
});

test("a Slack function file is inferred as Slack's Deno runtime", () => {
  expect(inferPlatform('import { SlackFunction } from "deno-slack-sdk/mod.ts";\nexport default SlackFunction(Def, async () => ({ outputs: {} }));', "typescript")).toBe("slack-deno");
  expect(inferPlatform('import { DefineFunction } from "https://deno.land/x/deno_slack_sdk@2.15.2/mod.ts";', "typescript")).toBe("slack-deno");
  expect(inferPlatform("Deno.serve(() => new Response('ok'));", "typescript")).toBe("supabase-edge");
});

test("inferPlatform takes a test file's runner as its platform", () => {
  expect(inferPlatform('import { test, expect } from "@playwright/test";\ntest("t", async ({ page }) => {});', "typescript")).toBe("playwright-test");
  expect(inferPlatform('jest.useFakeTimers();\ntest("t", () => {});', "javascript")).toBe("jest");
  expect(inferPlatform('describe("s", () => {\n  it("t", () => expect(1).toBe(1));\n});', "javascript")).toBe("jest");
  expect(inferPlatform('describe("s", function () {\n  before(function (done) { done(); });\n  it("t", function () {});\n});', "javascript")).toBe("mocha");
  expect(inferPlatform('const { expect } = require("chai");\nit("t", () => expect(1).to.equal(1));', "javascript")).toBe("mocha");
  expect(inferPlatform("export const handler = async () => ({ ok: true });", "javascript")).toBe("aws-lambda");
});

describe("the run's start time stamps the platform's log lines", () => {
  const lambda = (startedAt?: number) =>
    prepare(request({ platform: "aws-lambda", language: "python", code: "def handler(event, context):\n    return 1\n", ...(startedAt !== undefined ? { startedAt } : {}) })).engine;

  test("absent: the lines count from the fixed virtual epoch, so tests stay deterministic", () => {
    expect(lambda().message({ timeout: 3, elapsed: 3, requestId: "r1", kind: "timeout" })).toBe("2026-11-01T00:00:03.000Z r1 Task timed out after 3.00 seconds");
  });

  test("given: the lines start from it, the deadline's seconds after it", () => {
    const pressed = Date.UTC(2027, 2, 14, 9, 26, 53, 589);
    expect(lambda(pressed).message({ timeout: 3, elapsed: 3, requestId: "r1", kind: "timeout" })).toBe("2027-03-14T09:26:56.589Z r1 Task timed out after 3.00 seconds");
  });

  test("extra limits' texts get it too (gunicorn's and Heroku's stamped lines go through the same wrapper)", () => {
    const pressed = Date.UTC(2027, 2, 14, 9, 0, 0);
    const heroku = prepare(request({ platform: "heroku", language: "python", code: "def app(environ, start_response):\n    return []\n", startedAt: pressed })).engine;
    expect(heroku.message({ timeout: 30, elapsed: 30, requestId: "r1", kind: "timeout" })).toMatch(/^2027-03-14T09:00:30\.000000\+00:00 heroku\[router\]/);
  });

  test("a start that is not epoch milliseconds is a usage error naming the field", () => {
    expect(usageErrorOf(() => prepare(request({ startedAt: Number.NaN }))).message).toMatch(/^startedAt must be the run's start in epoch milliseconds/);
    expect(usageErrorOf(() => prepare(request({ startedAt: "today" as unknown as number }))).message).toContain('got "today"');
  });
});
