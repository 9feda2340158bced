import { describe, expect, test } from "vitest";

import { dotnetTimeSpan, pythonFloat } from "./format";
import { findPlan } from "./plans";
import {
  PLATFORMS,
  PLATFORM_IDS,
  VIRTUAL_EPOCH_MS,
  celerySoftLimitMessage,
  getPlatform,
  isPlatformId,
  resolveTimeout,
  type MessageContext,
} from "./index";
import { functionName, routeMaxDuration } from "./vercel";

const REQUIRED_IDS = [
  "runpod",
  "aws-lambda",
  "api-gateway",
  "vercel",
  "vercel-edge",
  "netlify",
  "netlify-dev",
  "netlify-edge",
  "cloudflare-workers",
  "cloudflare-proxy",
  "nginx",
  "gcp-functions",
  "cloud-run",
  "azure-functions",
  "supabase-edge",
  "deno-deploy",
  "slack-deno",
  "modal",
  "replicate",
  "heroku",
  "gunicorn",
  "celery",
  "jest",
  "mocha",
  "playwright-test",
];

function ctx(overrides: Partial<MessageContext> = {}): MessageContext {
  return { timeout: 3, elapsed: 3, requestId: "req-1", kind: "timeout", ...overrides };
}

describe("preset table", () => {
  test("has every required platform, each once", () => {
    expect([...PLATFORM_IDS].sort()).toEqual([...REQUIRED_IDS].sort());
    expect(new Set(PLATFORM_IDS).size).toBe(PLATFORM_IDS.length);
  });

  test.each(PLATFORMS.map((p) => [p.id, p] as const))("%s: limits are ordered min <= default <= max", (_, p) => {
    expect(p.minTimeout).toBeGreaterThanOrEqual(0);
    expect(p.minTimeout).toBeLessThanOrEqual(p.defaultTimeout);
    expect(p.defaultTimeout).toBeLessThanOrEqual(p.maxTimeout);
    for (const plan of p.plans) {
      expect(plan.minTimeout, plan.id).toBeLessThanOrEqual(plan.defaultTimeout);
      expect(plan.defaultTimeout, plan.id).toBeLessThanOrEqual(plan.maxTimeout);
    }
  });

  test.each(PLATFORMS.map((p) => [p.id, p] as const))("%s: cites https sources checked this month", (_, p) => {
    expect(p.sources.length).toBeGreaterThan(0);
    for (const s of p.sources) {
      expect(new URL(s.url).protocol).toBe("https:");
      expect(s.title.length).toBeGreaterThan(0);
      expect(["2026-11", "2026-12"]).toContain(s.checked);
    }
  });

  test.each(PLATFORMS.map((p) => [p.id, p] as const))("%s: describes itself", (_, p) => {
    expect(p.languages.length).toBeGreaterThan(0);
    expect(p.entry).not.toBe("");
    expect(p.notes).not.toBe("");
    expect(p.messageNote).not.toBe("");
    expect(p.initNote).not.toBe("");
    if (p.initTimeout !== undefined) expect(p.initTimeout).toBeGreaterThan(0);
    // a top-level field, or `plans.<plan id>.<field>` for one plan's figure
    const names = (name: string) => {
      const [head, id, field] = name.split(".");
      if (head !== "plans" || id === undefined || field === undefined) return Object.keys(p).includes(name);
      const plan = p.plans.find((candidate) => candidate.id === id);
      return plan !== undefined && Object.keys(plan).includes(field);
    };
    for (const name of p.unconfirmed) expect(names(name), name).toBe(true);
  });

  test.each(PLATFORMS.map((p) => [p.id, p] as const))("%s: message is deterministic and non-empty", (_, p) => {
    for (const kind of ["timeout", "error"] as const) {
      const c = ctx({ kind, timeout: 10, elapsed: 10 });
      expect(p.message(c)).not.toBe("");
      expect(p.message(c)).toBe(p.message(c));
    }
  });

  test("unconfirmed message text is flagged as such", () => {
    for (const p of PLATFORMS) {
      if (p.unconfirmed.includes("message")) expect(p.messageConfidence, p.id).toBe("unconfirmed");
    }
  });

  test("Netlify Edge and Cloudflare Workers measure CPU time by default", () => {
    expect(PLATFORMS.filter((p) => p.clock === "cpu").map((p) => p.id).sort()).toEqual(["cloudflare-workers", "netlify-edge"]);
  });
});

describe("getPlatform", () => {
  test("returns the preset for a known id", () => {
    expect(getPlatform("aws-lambda").defaultTimeout).toBe(3);
    expect(isPlatformId("runpod")).toBe(true);
    expect(isPlatformId("lambda")).toBe(false);
  });

  test("throws on an unknown id, listing the valid ones", () => {
    expect(() => getPlatform("lambda")).toThrowError(/Unknown platform "lambda"/);
    expect(() => getPlatform("lambda")).toThrowError(/aws-lambda, api-gateway/);
    let message = "";
    try {
      getPlatform("nope");
    } catch (e) {
      message = (e as Error).message;
    }
    for (const id of REQUIRED_IDS) expect(message).toContain(id);
  });
});

describe("resolveTimeout", () => {
  test("defaults to the preset's default and accepts values in range", () => {
    expect(resolveTimeout(getPlatform("runpod"))).toBe(600);
    expect(resolveTimeout(getPlatform("aws-lambda"), 900)).toBe(900);
    expect(resolveTimeout(getPlatform("gunicorn"), 3600)).toBe(3600);
  });

  test("rejects values the platform does not accept", () => {
    expect(() => resolveTimeout(getPlatform("aws-lambda"), 901)).toThrowError(/from 1 to 900/);
    expect(() => resolveTimeout(getPlatform("runpod"), 2)).toThrowError(/from 5 to 604800/);
    expect(() => resolveTimeout(getPlatform("aws-lambda"), 0)).toThrowError(/positive/);
  });

  test("requires an explicit timeout where the platform has none", () => {
    expect(() => resolveTimeout(getPlatform("celery"))).toThrowError(/no time limit/);
    expect(resolveTimeout(getPlatform("celery"), 30)).toBe(30);
  });
});

describe("messages", () => {
  test("aws-lambda: timestamp, request id and elapsed seconds with two decimals", () => {
    const lambda = getPlatform("aws-lambda");
    expect(lambda.message(ctx({ requestId: "f2704689-7aa3-4af3-ac88-857c01c4bd45" }))).toBe(
      "2026-11-01T00:00:03.000Z f2704689-7aa3-4af3-ac88-857c01c4bd45 Task timed out after 3.00 seconds",
    );
    expect(lambda.message(ctx({ elapsed: 5.0134 }))).toMatch(/ Task timed out after 5\.01 seconds$/);
    expect(lambda.message(ctx({ elapsed: 10, startedAt: Date.UTC(2019, 8, 18, 0, 2, 36, 542) }))).toBe(
      "2019-09-18T00:02:46.542Z req-1 Task timed out after 10.00 seconds",
    );
  });

  test("api-gateway: 504 with the JSON body clients receive", () => {
    expect(getPlatform("api-gateway").message(ctx({ timeout: 29, elapsed: 29 }))).toContain(
      '504 {"message": "Endpoint request timed out"}',
    );
  });

  test("vercel: runtime log with the configured duration, then the error page", () => {
    const text = getPlatform("vercel").message(ctx({ timeout: 300, elapsed: 300, requestId: "iad1::abc" }));
    expect(text.split("\n")).toEqual([
      "Vercel Runtime Timeout Error: Task timed out after 300 seconds",
      "504: GATEWAY_TIMEOUT",
      "Code: FUNCTION_INVOCATION_TIMEOUT",
      "ID: iad1::abc",
    ]);
    expect(getPlatform("vercel-edge").message(ctx())).toContain("Code: EDGE_FUNCTION_INVOCATION_TIMEOUT");
  });

  test("cloudflare-workers: wrangler tail outcome for the event's request, the exception, and the visitor's page", () => {
    const workers = getPlatform("cloudflare-workers");
    expect(workers.message(ctx({ timeout: 0.01, elapsed: 0.01 }))).toBe(
      "GET https://handler.example.workers.dev/ - Exceeded CPU Limit @ 11/1/2026, 12:00:00 AM\nError: Worker exceeded CPU time limit.\nError 1102: Worker exceeded resource limits",
    );
    const request = { method: "POST", url: "https://shop.example.com/export?x=1" };
    expect(workers.message(ctx({ timeout: 30, elapsed: 30, request })).split("\n")[0]).toBe("POST https://shop.example.com/export?x=1 - Exceeded CPU Limit @ 11/1/2026, 12:00:30 AM");
    const thrown = workers.message(ctx({ kind: "error", elapsed: 0, request, error: { type: "TypeError", message: "x is not a function" } })).split("\n");
    expect(thrown).toEqual(["POST https://shop.example.com/export?x=1 - Exception Thrown @ 11/1/2026, 12:00:00 AM", "✘ [ERROR] TypeError: x is not a function", "Error 1101: Worker threw exception"]);
    // the startup limit rejects the upload, in wrangler 4's words
    expect(workers.initTimeout).toBe(1);
    expect(workers.initRejection).toMatchObject({ type: "Error", message: "Script startup exceeded CPU time limit. [code: 10021]" });
    expect(workers.initRejection?.text).toContain("   - Error: Script startup exceeded CPU time limit. [code: 10021]");
  });

  test("nginx: 60 s proxy_read_timeout between reads; the error-log line names the phase, 504 only before the header", () => {
    const proxy = getPlatform("nginx");
    expect(proxy.defaultTimeout).toBe(60);
    expect(proxy.deadlineBetweenReads).toBe(true);
    const request = { method: "GET", url: "/reports/r1/export.csv" };
    const header = proxy.message(ctx({ timeout: 60, elapsed: 60, request }));
    expect(header).toContain(
      'upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: localhost, request: "GET /reports/r1/export.csv HTTP/1.1", upstream: "http://127.0.0.1:8000/reports/r1/export.csv", host: "localhost"',
    );
    expect(header).toMatch(/^2026\/11\/01 00:01:00 \[error\] /);
    expect(header).toContain("<center><h1>504 Gateway Time-out</h1></center>");
    const body = proxy.message(ctx({ timeout: 60, elapsed: 95, request, responseStarted: true }));
    expect(body).toContain("while reading upstream, client:");
    expect(body).not.toContain("504 Gateway Time-out");
  });

  test("cloudflare-proxy: the 524 page names the request's host; Enterprise goes up to 6,000 s", () => {
    const proxy = getPlatform("cloudflare-proxy");
    expect(proxy.message(ctx({ timeout: 125, elapsed: 125, request: { method: "POST", url: "https://reports.example.com/reports/export" } })).split("\n")).toEqual([
      "HTTP 524",
      "<title>reports.example.com | 524: A timeout occurred</title>",
      "A timeout occurred",
      "Error code 524",
    ]);
    expect(resolveTimeout(proxy)).toBe(125);
    expect(() => resolveTimeout(proxy, 300)).toThrowError(/accepts timeouts of 125 s only/);
    expect(proxy.deadlineBetweenReads).toBe(true);
    expect(proxy.plans.find((plan) => plan.id === "enterprise")).toMatchObject({ defaultTimeout: 125, maxTimeout: 6000 });
  });

  test("deno-deploy: Classic's CPU text with its URN and 502 TIME_LIMIT; the current platform has no limit of its own", () => {
    const deno = getPlatform("deno-deploy");
    const classic = deno.plans.find((plan) => plan.id === "classic-free");
    const lines = classic?.message?.(ctx({ timeout: 0.05, elapsed: 0.05, requestId: "8ed44b00-9a30-45ea-ae43-7347a428582d" })).split("\n");
    expect(lines?.[0]).toBe("CPU time limit exceeded, see https://docs.deno.com/deploy/manual/pricing-and-limits (urn:dd-time-limit:deno:8ed44b009a30:8ed44b00-9a30-45ea-ae43-7347a428582d)");
    expect(lines?.[1]).toBe("502 TIME_LIMIT");
    expect(deno.plans.filter((plan) => plan.onlyWhenNamed).map((plan) => [plan.id, plan.clock, plan.defaultTimeout])).toEqual([
      ["classic-free", "cpu", 0.05],
      ["classic-pro", "cpu", 0.2],
    ]);
    expect(() => resolveTimeout(deno)).toThrowError(/no time limit unless one is configured/);
    expect(deno.message(ctx())).toMatch(/sets no per-request limit/);
  });

  test("slack-deno: the deployed text with the limit, slack run's activity log with the function's title", () => {
    const slack = getPlatform("slack-deno");
    expect(slack.message(ctx({ timeout: 15, elapsed: 15 }))).toBe("error: function execution exceeded 15.0s timeout");
    const local = slack.plans.find((plan) => plan.id === "local");
    expect(local?.message?.(ctx({ timeout: 15, elapsed: 15, entryName: "Post pipeline report" })).split("\n").slice(0, 2)).toEqual([
      "[error] Function 'Post pipeline report' (app function) failed",
      "\tevent_dispatch_failed",
    ]);
    expect(slack.plans.map((plan) => [plan.id, plan.defaultTimeout])).toEqual([
      ["deployed", 60],
      ["local", 15],
      ["interactivity", 10],
      ["deployed-2023", 15],
    ]);
  });

  test("cloud-run espv2: 15 s by default and ESPv2's own 504 body", () => {
    const run = getPlatform("cloud-run");
    const espv2 = run.plans.find((plan) => plan.id === "espv2");
    expect(espv2?.defaultTimeout).toBe(15);
    expect(espv2?.message?.(ctx({ timeout: 15, elapsed: 15 }))).toBe('HTTP 504 Gateway Timeout\n{"code":504,"message":"upstream request timeout"}');
  });

  test("azure-functions: the text names the registered function, Functions.handler without one", () => {
    const azure = getPlatform("azure-functions");
    expect(azure.message(ctx({ timeout: 300, elapsed: 300, requestId: "r1", entryName: "nightlyInvoiceSync" }))).toContain("Timeout value of 00:05:00 exceeded by function 'Functions.nightlyInvoiceSync' (Id: 'r1')");
    expect(azure.message(ctx({ timeout: 300, elapsed: 300, requestId: "r1" }))).toContain("was exceeded by function: Functions.handler");
  });

  test("supabase-edge: the 546 WORKER_LIMIT response and log line for the CPU limit", () => {
    const text = getPlatform("supabase-edge").plans.find((plan) => plan.id === "free")?.cpuLimit?.message?.(ctx({ timeout: 2, elapsed: 2 }));
    expect(text?.split("\n")).toEqual([
      "546 Resource Limit",
      "sb-error-code: WORKER_LIMIT",
      '{"code":"WORKER_LIMIT","message":"Function failed due to not having enough compute resources (please check logs)"}',
      "CPU Time exceeded",
    ]);
  });

  test("heroku: H12 router line with service time in ms", () => {
    const text = getPlatform("heroku").message(ctx({ timeout: 30, elapsed: 30.001 }));
    expect(text).toMatch(/^2026-11-01T00:00:30\.001000\+00:00 heroku\[router\]: at=error code=H12 desc="Request timeout" /);
    expect(text).toContain("service=30001ms status=503 bytes=0");
    expect(text).toContain('method=GET path="/"');
    // The request's own method and path, when the run says which request it was (a full URL too).
    expect(getPlatform("heroku").message(ctx({ request: { method: "PUT", url: "https://myapp.example/a/b?c=1" } }))).toContain('method=PUT path="/a/b?c=1" host=');
    expect(getPlatform("heroku").message(ctx({ timeout: 30, elapsed: 30, request: { method: "POST", url: "/reports?month=11" } }))).toContain(
      'method=POST path="/reports?month=11" host=',
    );
  });

  test("gunicorn: CRITICAL WORKER TIMEOUT with the worker pid", () => {
    const lines = getPlatform("gunicorn").message(ctx({ timeout: 30, elapsed: 30 })).split("\n");
    expect(lines[0]).toBe("[2026-11-01 00:00:30 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:7)");
    expect(lines).toContain("[2026-11-01 00:00:30 +0000] [8] [INFO] Booting worker with pid: 8");
    expect(lines).toContain("[2026-11-01 00:00:30 +0000] [1] [ERROR] Worker (pid:7) exited with code 1.");
    // UvicornWorker leaves SIGABRT at its default: the worker dies of it, no exit code, no "Worker exiting".
    const uvicorn = getPlatform("gunicorn").message(ctx({ timeout: 30, elapsed: 30, workerClass: "uvicorn" })).split("\n");
    expect(uvicorn).toEqual([
      "[2026-11-01 00:00:30 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:7)",
      "[2026-11-01 00:00:30 +0000] [1] [WARNING] Worker (pid:7) was sent SIGABRT!",
      "[2026-11-01 00:00:30 +0000] [8] [INFO] Booting worker with pid: 8",
    ]);
    expect(getPlatform("gunicorn").name).toBe("gunicorn");
    expect(findPlan(getPlatform("gunicorn"), "uvicorn")?.id).toBe("uvicorn");
    expect(findPlan(getPlatform("gunicorn"), "gevent")?.id).toBe("async-workers");
  });

  test("celery: hard limit log line and TimeLimitExceeded repr", () => {
    const text = getPlatform("celery").message(ctx({ timeout: 30, elapsed: 30, requestId: "abc" }));
    expect(text).toBe(
      "[2026-11-01 00:00:30,000: ERROR/MainProcess] Task handler raised error: TimeLimitExceeded(30.0)\n" +
        "Traceback (most recent call last):\n" +
        '  File "/usr/local/lib/python3.12/site-packages/billiard/pool.py", line 684, in on_hard_timeout\n' +
        "    raise TimeLimitExceeded(job._timeout)\n" +
        "billiard.exceptions.TimeLimitExceeded: TimeLimitExceeded(30.0,)\n" +
        "[2026-11-01 00:00:30,000: ERROR/MainProcess] Hard time limit (30.0s) exceeded for tasks.handler[abc]\n" +
        "[2026-11-01 00:00:30,000: ERROR/MainProcess] Process 'ForkPoolWorker-1' pid:8 exited with 'signal 9 (SIGKILL)'",
    );
    expect(celerySoftLimitMessage(ctx({ timeout: 2.5, elapsed: 2.5, requestId: "abc" }))).toContain(
      "WARNING/MainProcess] Soft time limit (2.5s) exceeded for tasks.handler[abc]",
    );
  });

  test("gcp-functions: execution time in whole milliseconds", () => {
    expect(getPlatform("gcp-functions").message(ctx({ timeout: 60, elapsed: 60.003 }))).toBe(
      "Function execution took 60003 ms, finished with status: 'timeout'",
    );
  });

  test("cloud-run: the documented 504 text", () => {
    expect(getPlatform("cloud-run").message(ctx({ timeout: 300, elapsed: 300 }))).toMatch(
      /^HTTP 504\nThe request has been terminated because it has reached the maximum request timeout\./,
    );
  });

  test("azure-functions: configured timeout as a .NET TimeSpan", () => {
    const text = getPlatform("azure-functions").message(ctx({ timeout: 300, elapsed: 300 }));
    expect(text).toContain("Timeout value of 00:05:00 was exceeded by function: Functions.handler");
    expect(text).toContain("(Id: 'req-1'). Initiating cancellation.");
  });

  test("modal: the timeout in whole seconds", () => {
    expect(getPlatform("modal").message(ctx({ timeout: 300, elapsed: 300 }))).toContain(
      "hit its timeout of 300s",
    );
  });

  test("runpod: status JSON, TIMED_OUT for a timeout and FAILED for an error", () => {
    const runpod = getPlatform("runpod");
    expect(JSON.parse(runpod.message(ctx()))).toEqual({ id: "req-1", status: "TIMED_OUT" });
    expect(JSON.parse(runpod.message(ctx({ kind: "error" })))).toEqual({ id: "req-1", status: "FAILED" });
  });

  test("startedAt defaults to the virtual epoch", () => {
    const lambda = getPlatform("aws-lambda");
    expect(lambda.message(ctx())).toBe(lambda.message(ctx({ startedAt: VIRTUAL_EPOCH_MS })));
  });
});

describe("formatters", () => {
  test("dotnetTimeSpan matches TimeSpan.ToString()", () => {
    expect(dotnetTimeSpan(300)).toBe("00:05:00");
    expect(dotnetTimeSpan(1800)).toBe("00:30:00");
    expect(dotnetTimeSpan(3.5)).toBe("00:00:03.5000000");
    expect(dotnetTimeSpan(90_061)).toBe("1.01:01:01");
  });

  test("pythonFloat matches str(float(x))", () => {
    expect(pythonFloat(30)).toBe("30.0");
    expect(pythonFloat(2.5)).toBe("2.5");
  });
});

describe("vercel route maxDuration", () => {
  test("reads the segment export and the config object, with their lines", () => {
    expect(routeMaxDuration("vercel", "// a route\nexport const maxDuration = 60; // seconds\n", "route.ts")).toEqual({ kind: "ok", seconds: 60, line: 2 });
    expect(routeMaxDuration("vercel", "export const maxDuration: number = 1_00\n", "route.ts")).toEqual({ kind: "ok", seconds: 100, line: 1 });
    expect(routeMaxDuration("vercel", "export const config = {\n  runtime: 'nodejs',\n  maxDuration: 30,\n};\n", "api/x.js")).toEqual({ kind: "ok", seconds: 30, line: 3 });
    expect(routeMaxDuration("vercel", "// export const maxDuration = 800\nexport const GET = () => 1;\n", "route.ts")).toEqual({ kind: "none" });
    expect(routeMaxDuration("vercel", "export const maxDuration = Math.min(env.MAX, 300);\n", "route.ts")).toEqual({ kind: "none" });
  });

  test("out of the Hobby + Fluid range (the default plan) fails with the builder's message", () => {
    const result = routeMaxDuration("vercel", "export const maxDuration = 800;\n", "src/app/api/cron/route.ts");
    expect(result).toMatchObject({ kind: "invalid", seconds: 800, line: 1 });
    expect(result.kind === "invalid" && result.message).toBe(
      'Builder returned invalid maxDuration value for Serverless Function "api/cron". Serverless Functions must have a maxDuration between 1 and 300 for plan hobby. : https://vercel.com/docs/concepts/limits/overview#serverless-function-execution-timeout',
    );
    expect(routeMaxDuration("vercel", "export const maxDuration = 2.5;\n", "route.ts").kind).toBe("invalid");
  });

  test("the Edge runtime and other platforms ignore it", () => {
    expect(routeMaxDuration("vercel-edge", "export const maxDuration = 800;\n", "route.ts")).toEqual({ kind: "none" });
    expect(routeMaxDuration("netlify", "export const maxDuration = 800;\n", "route.ts")).toEqual({ kind: "none" });
  });

  test("function names follow the route", () => {
    expect(functionName("app/(backend)/webapi/chat/[provider]/route.ts")).toBe("webapi/chat/[provider]");
    expect(functionName("app/(app)/reply-zero/page.tsx")).toBe("reply-zero");
    expect(functionName("pages/api/cron.ts")).toBe("api/cron");
    expect(functionName("api/hello.js")).toBe("api/hello");
    expect(functionName("broken.ts")).toBe("broken");
  });
});

describe("netlify-dev", () => {
  test("lambda-local's text with the configured limit, two decimals", () => {
    const preset = getPlatform("netlify-dev");
    expect(preset.message(ctx({ timeout: 30, elapsed: 30.004 }))).toBe("TimeoutError: Task timed out after 30.00 seconds");
    expect(resolveTimeout(preset)).toBe(30);
    expect(preset.countsInit).toBe(false);
  });
});
