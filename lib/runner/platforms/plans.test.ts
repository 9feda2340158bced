import { describe, expect, test } from "vitest";

import { PLATFORMS, getPlatform, platformSummary, resolvePlan, type MessageContext } from "./index";
import { defaultPlanOf, definePreset, findPlan, limitSeconds, rangeText, resolveSummaryPlan } from "./plans";
import { routeMaxDuration } from "./vercel";

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

const ctx = (overrides: Partial<MessageContext> = {}): MessageContext => ({ timeout: 30, elapsed: 30, requestId: "req-1", kind: "timeout", ...overrides });

describe("every plan of every preset", () => {
  test.each(PLATFORMS.map((p) => [p.id, p] as const))("%s: plans are consistent and the default is one of them", (_, p) => {
    expect(p.plans.length).toBeGreaterThan(0);
    const ids = p.plans.flatMap((plan) => [plan.id, ...(plan.aliases ?? [])]);
    expect(new Set(ids).size, "ids and aliases are unique").toBe(ids.length);
    for (const plan of p.plans) {
      expect(plan.id, "typeable: lower-case words, digits, dots and hyphens").toMatch(/^[a-z0-9][a-z0-9.-]*$/);
      for (const alias of plan.aliases ?? []) expect(alias).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
      expect(plan.name).not.toBe("");
      expect(plan.minTimeout, plan.id).toBeGreaterThanOrEqual(0);
      expect(plan.minTimeout, plan.id).toBeLessThanOrEqual(plan.defaultTimeout);
      expect(plan.defaultTimeout, plan.id).toBeLessThanOrEqual(plan.maxTimeout);
      expect(Number.isFinite(plan.minTimeout), plan.id).toBe(true);
      if (plan.responseStart) {
        expect(plan.responseStart.seconds).toBeGreaterThan(0);
        expect(plan.responseStart.note).not.toBe("");
      }
      if (plan.cpuLimit) {
        expect(plan.clock, "a separate CPU limit only makes sense on a wall-clock plan").toBe("wall");
        expect(plan.cpuLimit.seconds).toBeGreaterThan(0);
      }
      if (plan.message) expect(plan.message(ctx())).not.toBe("");
    }
    const def = defaultPlanOf(p);
    expect(def.id).toBe(p.defaultPlan);
    // the preset's top-level figures are its default plan's
    expect([p.clock, p.defaultTimeout, p.maxTimeout, p.minTimeout]).toEqual([def.clock, def.defaultTimeout, def.maxTimeout, def.minTimeout]);
  });

  test.each(PLATFORMS.map((p) => [p.id, p] as const))("%s: every plan resolves to its own default, or asks for a timeout", (_, p) => {
    for (const plan of p.plans) {
      if (Number.isFinite(plan.defaultTimeout)) {
        const resolved = resolvePlan(p, { plan: plan.id });
        expect(resolved).toMatchObject({ plan: { id: plan.id }, clock: plan.clock, timeout: plan.defaultTimeout });
      } else {
        expect(() => resolvePlan(p, { plan: plan.id })).toThrowError(/no time limit unless one is configured/);
      }
    }
  });

  test("definePreset refuses a default plan that is not listed", () => {
    const spec = { ...getPlatform("heroku"), defaultPlan: "nope" };
    expect(() => definePreset(spec)).toThrowError(/defaultPlan "nope" is not one of its plans/);
  });
});

describe("resolvePlan", () => {
  const vercel = getPlatform("vercel");

  test("without a plan or timeout: the default plan and its default", () => {
    expect(resolvePlan(vercel)).toEqual({ plan: defaultPlanOf(vercel), clock: "wall", timeout: 300 });
    expect(resolvePlan(getPlatform("aws-lambda"), { timeout: 60 })).toMatchObject({ plan: { id: "standard" }, timeout: 60 });
    expect(resolvePlan(getPlatform("aws-lambda"), { timeout: 60 }).note).toBeUndefined();
  });

  test("an explicit plan's limits are enforced, and the message names the plan, its range and the plans that fit", () => {
    expect(resolvePlan(vercel, { plan: "pro-fluid", timeout: 800 })).toMatchObject({ plan: { id: "pro-fluid" }, timeout: 800 });
    expect(resolvePlan(vercel, { plan: "pro-fluid" }).timeout).toBe(300);
    const message = errorOf(() => resolvePlan(vercel, { plan: "hobby", timeout: 800 }));
    expect(message).toBe(
      "Vercel Functions (Node.js / Python), Hobby with Fluid compute (plan hobby), accepts timeouts from 1 to 300 s, got 800. " +
        "800 s fits plan pro-fluid, pro-extended, enterprise-fluid, enterprise-no-fluid, enterprise-extended.",
    );
    expect(errorOf(() => resolvePlan(getPlatform("netlify"), { plan: "synchronous", timeout: 30 }))).toMatch(/accepts timeouts of 60 s only, got 30\. 30 s fits plan scheduled\.$/);
    expect(errorOf(() => resolvePlan(getPlatform("cloudflare-workers"), { plan: "free", timeout: 0.02 }))).toMatch(/accepts timeouts of 10 ms only, got 0\.02\. 20 ms fits plan paid\./);
  });

  test("plan ids are matched by alias, ignoring case and spaces", () => {
    expect(resolvePlan(vercel, { plan: " Pro " }).plan.id).toBe("pro-fluid");
    expect(resolvePlan(vercel, { plan: "hobby-legacy" }).plan.id).toBe("hobby-no-fluid");
    expect(findPlan(getPlatform("gcp-functions"), "gen2")?.id).toBe("2nd-gen");
    expect(findPlan(vercel, "platinum")).toBeNull();
  });

  test("an unknown plan lists the valid ones, the default marked", () => {
    expect(errorOf(() => resolvePlan(getPlatform("cloudflare-workers"), { plan: "business" }))).toBe(
      'unknown plan "business" for Cloudflare Workers; choose one of free (default), paid',
    );
  });

  test("a timeout only other plans allow selects the cheapest of them, with a note", () => {
    const cf = resolvePlan(getPlatform("cloudflare-workers"), { timeout: 120 });
    expect(cf).toMatchObject({ plan: { id: "paid" }, clock: "cpu", timeout: 120 });
    expect(cf.note).toBe(
      "A 120 s timeout is outside Workers Free (10 ms of CPU, not configurable): " +
        "simulated on Workers Paid (Standard usage model) (plan paid, 1 ms to 300 s of CPU, default 30 s). Choose a plan to simulate another.",
    );
    // Pro (800 s) comes before Enterprise in the list, though both allow it
    expect(resolvePlan(vercel, { timeout: 600 }).plan.id).toBe("pro-fluid");
    // only the extended duration goes past 800 s; Pro is cheaper than Enterprise without Fluid (900 s)
    expect(resolvePlan(vercel, { timeout: 900 }).plan.id).toBe("pro-extended");
    expect(resolvePlan(getPlatform("netlify"), { timeout: 900 })).toMatchObject({ plan: { id: "background" }, timeout: 900 });
    expect(resolvePlan(getPlatform("gcp-functions"), { timeout: 3600 }).plan.id).toBe("2nd-gen");
    expect(resolvePlan(getPlatform("supabase-edge"), { timeout: 2 })).toMatchObject({ plan: { id: "cpu" }, clock: "cpu" });
  });

  test("plans simulated only when named are pointed to, never switched to", () => {
    const lambda = getPlatform("aws-lambda");
    expect(errorOf(() => resolvePlan(lambda, { timeout: 2000 }))).toBe(
      "AWS Lambda, Standard (on-demand) Lambda function (plan standard), accepts timeouts from 1 to 900 s, got 2000. " +
        "2000 s fits plan managed-instances, simulated only when named: choose it to run there.",
    );
    expect(resolvePlan(lambda, { plan: "managed-instances", timeout: 2000 })).toMatchObject({ plan: { id: "managed-instances" }, timeout: 2000 });
    expect(errorOf(() => resolvePlan(getPlatform("netlify"), { timeout: 20 }))).toMatch(/20 s fits plan legacy-10s, simulated only when named/);
    expect(platformSummary(lambda).plans.map((p) => [p.id, p.onlyWhenNamed])).toEqual([["standard", false], ["managed-instances", true]]);
  });

  test("a timeout no plan allows is an error listing every plan's range", () => {
    expect(errorOf(() => resolvePlan(getPlatform("netlify"), { timeout: 120 }))).toBe(
      "No Netlify Functions plan allows a timeout of 120 s. Plans: synchronous (default): 60 s, not configurable; " +
        "scheduled: 30 s, not configurable; background: 900 s, not configurable; legacy-10s: 10 to 26 s, default 10 s.",
    );
    const message = errorOf(() => resolvePlan(vercel, { timeout: 5000 }));
    for (const plan of vercel.plans) expect(message).toContain(`${plan.id}${plan.id === "hobby" ? " (default)" : ""}: ${rangeText(plan)}`);
  });

  test("bad timeouts and missing limits are refused", () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resolvePlan(vercel, { timeout: bad })).toThrowError(/positive number of seconds/);
    }
    expect(() => resolvePlan(getPlatform("celery"))).toThrowError(/no time limit unless one is configured/);
    expect(resolvePlan(getPlatform("celery"), { timeout: 30 })).toMatchObject({ plan: { id: "hard" }, timeout: 30 });
  });

  test("a plan's caveat and a response limit before the deadline become the note", () => {
    const soft = resolvePlan(getPlatform("celery"), { plan: "soft", timeout: 30 });
    expect(soft.note).toMatch(/SoftTimeLimitExceeded is raised inside the task/);
    expect(soft.plan.message?.(ctx({ requestId: "abc" }))).toContain("Soft time limit (30.0s) exceeded for tasks.handler[abc]");
    // Azure: an HTTP trigger must answer within 230 s, a timer trigger need not: the engine says it
    // for HTTP entries only, so the plan alone has nothing to say
    expect(resolvePlan(getPlatform("azure-functions")).note).toBeUndefined();
    expect(getPlatform("azure-functions").plans.every((plan) => plan.responseStart?.only === "http")).toBe(true);
    expect(resolvePlan(getPlatform("supabase-edge"), { plan: "paid" }).note).toMatch(/150 s \(request idle timeout\)/);
    // a CPU-time plan with a wall-clock response limit: the engine preset carries it, no note
    expect(resolvePlan(getPlatform("netlify-edge")).note).toBeUndefined();
  });

  test("a plan may change the clock and the expiry text", () => {
    const edge = getPlatform("netlify-edge");
    expect(resolvePlan(edge)).toMatchObject({ clock: "cpu", timeout: 0.05 });
    expect(resolvePlan(edge, { timeout: 40 })).toMatchObject({ plan: { id: "response-header" }, clock: "wall" });
    const gen2 = resolvePlan(getPlatform("gcp-functions"), { plan: "2nd-gen" }).plan;
    expect(gen2.message?.(ctx())).toMatch(/^HTTP 504\nThe request has been terminated because it has reached the maximum request timeout\./);
  });
});

describe("limit formatting", () => {
  test("limitSeconds and rangeText read like the docs", () => {
    expect(limitSeconds(0.01)).toBe("10 ms");
    expect(limitSeconds(0.05)).toBe("50 ms");
    expect(limitSeconds(900)).toBe("900 s");
    expect(rangeText(defaultPlanOf(getPlatform("aws-lambda")))).toBe("1 to 900 s, default 3 s");
    expect(rangeText(defaultPlanOf(getPlatform("api-gateway")))).toBe("50 ms to 29 s, default 29 s");
    expect(rangeText(defaultPlanOf(getPlatform("gunicorn")))).toBe("1 s or more, default 30 s");
    expect(rangeText(defaultPlanOf(getPlatform("celery")))).toBe("0 s or more, no default");
  });
});

describe("vercel route maxDuration per plan", () => {
  const route = (seconds: number) => `export const maxDuration = ${seconds};\nexport async function GET() { return new Response("ok"); }\n`;

  test("checked against the chosen plan, with the builder's plan name", () => {
    expect(routeMaxDuration("vercel", route(800), "app/api/report/route.ts", "pro-fluid")).toEqual({ kind: "ok", seconds: 800, line: 1 });
    expect(routeMaxDuration("vercel", route(800), "app/api/report/route.ts", "pro")).toEqual({ kind: "ok", seconds: 800, line: 1 });
    expect(routeMaxDuration("vercel", route(1800), "app/api/report/route.ts", "enterprise-extended").kind).toBe("ok");
    const pro = routeMaxDuration("vercel", route(900), "app/api/report/route.ts", "pro-fluid");
    expect(pro.kind === "invalid" && pro.message).toMatch(/"api\/report"\. Serverless Functions must have a maxDuration between 1 and 800 for plan pro\. :/);
    const legacy = routeMaxDuration("vercel", route(120), "app/api/report/route.ts", "hobby-no-fluid");
    expect(legacy.kind === "invalid" && legacy.message).toMatch(/between 1 and 60 for plan hobby\./);
    const enterprise = routeMaxDuration("vercel", route(1000), "app/api/report/route.ts", "enterprise-no-fluid");
    expect(enterprise.kind === "invalid" && enterprise.message).toMatch(/between 1 and 900 for plan enterprise\./);
  });

  test("no plan, or one the preset does not have, is the default plan (Hobby, 1 to 300 s)", () => {
    expect(routeMaxDuration("vercel", route(300), "route.ts").kind).toBe("ok");
    const none = routeMaxDuration("vercel", route(800), "route.ts");
    expect(none.kind === "invalid" && none.message).toMatch(/between 1 and 300 for plan hobby\./);
    expect(routeMaxDuration("vercel", route(800), "route.ts", "platinum").kind).toBe("invalid");
  });
});

describe("platformSummary plans", () => {
  test("lists every plan as plain data, the default marked", () => {
    for (const preset of PLATFORMS) {
      const summary = platformSummary(preset);
      expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
      expect(summary.plans.map((p) => p.id)).toEqual(preset.plans.map((p) => p.id));
      expect(summary.plans.filter((p) => p.default).map((p) => p.id)).toEqual([preset.defaultPlan]);
      expect(summary.defaultPlan).toBe(preset.defaultPlan);
    }
    const azure = platformSummary(getPlatform("azure-functions"));
    expect(azure.plans.find((p) => p.id === "premium")).toMatchObject({ clock: "wall", defaultTimeout: 1800, maxTimeout: null, minTimeout: 1, default: false, responseStartTimeout: 230 });
    const edge = platformSummary(getPlatform("netlify-edge"));
    expect(edge.plans[0]).toMatchObject({ id: "cpu", clock: "cpu", defaultTimeout: 0.05, default: true, responseStartTimeout: 40, cpuLimit: null });
    expect(edge.plans[0]?.note).toMatch(/50 ms.*40 s/);
    const supabase = platformSummary(getPlatform("supabase-edge"));
    expect(supabase.plans.find((p) => p.id === "free")).toMatchObject({ cpuLimit: 2, responseStartTimeout: null });
    expect(platformSummary(getPlatform("vercel")).plans.find((p) => p.id === "pro-fluid")?.aliases).toEqual(["pro"]);
  });
});

describe("resolveSummaryPlan (the editor's copy of the choice)", () => {
  test("decides exactly as resolvePlan does, from the plain summary", async () => {
    const { PLATFORMS, platformSummary } = await import("./index");
    for (const preset of PLATFORMS) {
      const summary = platformSummary(preset);
      for (const timeout of [0.005, 1, 10, 30, 60, 120, 300, 800, 900, 3600, 100000]) {
        for (const plan of [undefined, ...preset.plans.map((p) => p.id)]) {
          const request = { ...(plan ? { plan } : {}), timeout };
          let expected: string;
          let got: string;
          try {
            const r = resolvePlan(preset, request);
            expected = `${r.plan.id} ${r.timeout}`;
          } catch (error) {
            expected = (error as Error).message;
          }
          try {
            const r = resolveSummaryPlan(summary, request);
            got = `${r.plan.id} ${r.timeout}`;
          } catch (error) {
            got = (error as Error).message;
          }
          expect(got, `${preset.id} ${plan ?? "auto"} ${timeout}`).toBe(expected);
        }
      }
    }
  });
});
