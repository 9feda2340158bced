import type { EngineLimit, EnginePreset } from "./engine";
import {
  getPlatform,
  isPlatformId,
  PLATFORM_IDS,
  defaultPlanOf,
  findPlan,
  resolvePlan,
  type ExtraLimit,
  type MessageContext,
  type PlanResolution,
  type PlanLimits,
  type PlatformId,
  type PlatformPreset,
} from "./platforms";
import { MAX_CONCURRENCY, type Language, type Note, type SimulationRequest, type SimulationResult } from "./types";

/** A request the simulator cannot run as given: the caller's mistake, not the handler's. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const EXTENSIONS: Record<string, Language> = { py: "python", js: "javascript", mjs: "javascript", cjs: "javascript", ts: "typescript", mts: "typescript", cts: "typescript" };

export function languageOfFile(name: string): Language | null {
  return EXTENSIONS[name.slice(name.lastIndexOf(".") + 1).toLowerCase()] ?? null;
}

/**
 * The platform a handler was most likely written for, from its entry convention, for runs that
 * name none. Articles and the editor always name one; this only spares the command line a flag.
 */
export function inferPlatform(code: string, language: Language): PlatformId {
  if (language === "python") {
    if (/\brunpod\.serverless\.start\s*\(/.test(code)) return "runpod";
    if (/^\s*(from\s+cog\s+import|import\s+cog\b)/m.test(code)) return "replicate";
    if (/@\s*(app|stub)\.(function|cls)\b|\bimport\s+modal\b|\bfrom\s+modal\s+import\b/.test(code)) return "modal";
    if (/\bcelery\b/i.test(code) && /@\s*(\w+\.task|shared_task)\b|\(\s*(\w+\.)?Task\s*\)\s*:/.test(code)) return "celery";
    // The platforms' own Python runtimes (lib/runner/python/shims/stubs/RUNTIMES.md).
    if (/\bimport\s+functions_framework\b|\bfrom\s+functions_framework\b/.test(code)) return "gcp-functions";
    if (/\bimport\s+azure\.functions\b|\bfrom\s+azure\s+import\s+functions\b/.test(code)) return "azure-functions";
    if (/^class\s+[Hh]andler\s*\(\s*(http\.server\.)?BaseHTTPRequestHandler\s*\)/m.test(code)) return "vercel";
    return "aws-lambda";
  }
  if (/deno[-_]slack[-_]sdk|jsr:@slack\/sdk|\bSlackFunction\s*\(/.test(code)) return "slack-deno";
  // Test files: the runner is the platform. Mocha's hooks are before/after, Jest's beforeAll/afterAll.
  if (/from\s+["'](@playwright\/test|playwright\/test)["']|require\(\s*["']@playwright\/test["']\s*\)/.test(code)) return "playwright-test";
  const tests = /^\s*(describe|it|test)\s*\(/m.test(code);
  if (/["']@jest\/globals["']|\bjest\.(fn|mock|spyOn|setTimeout|useFakeTimers)\s*\(/.test(code) || (tests && /^\s*(beforeAll|afterAll)\s*\(/m.test(code))) return "jest";
  if (/require\(\s*["'](mocha|chai)["']\s*\)|from\s+["'](mocha|chai)["']|\bthis\.timeout\s*\(/.test(code) || (tests && /^\s*(before|after)\s*\(/m.test(code))) return "mocha";
  if (tests && /\bexpect\s*\(/.test(code)) return "jest";
  if (/\bDeno\.serve\s*\(/.test(code)) return "supabase-edge";
  if (/export\s+default\s*\{[\s\S]*\bfetch\b/.test(code)) return "cloudflare-workers";
  if (/export\s+(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b|export\s+const\s+(GET|POST|PUT|PATCH|DELETE)\b/.test(code)) {
    return /export\s+const\s+runtime\s*=\s*["']edge["']/.test(code) ? "vercel-edge" : "vercel";
  }
  return "aws-lambda";
}

export function findPlatform(id: string): PlatformPreset {
  if (!isPlatformId(id)) throw new UsageError(`unknown platform "${id}"; choose one of ${PLATFORM_IDS.join(", ")}`);
  return getPlatform(id);
}

/**
 * The request an event describes, for texts that name it (wrangler tail's `GET <url>`, the 524
 * page's host): `{ method, url }` or API Gateway's shapes; absent when the event is not a request.
 */
export function eventRequest(event: unknown): MessageContext["request"] {
  if (typeof event !== "object" || event === null) return undefined;
  const e = event as { method?: unknown; httpMethod?: unknown; url?: unknown; rawPath?: unknown; path?: unknown; rawQueryString?: unknown; headers?: unknown; requestContext?: { http?: { method?: unknown } } };
  const method = e.method ?? e.httpMethod ?? e.requestContext?.http?.method;
  let url: string | undefined;
  if (typeof e.url === "string") url = e.url;
  else {
    const path = typeof e.rawPath === "string" ? e.rawPath : typeof e.path === "string" ? e.path : undefined;
    if (path === undefined) return undefined;
    const headers = (typeof e.headers === "object" && e.headers !== null ? e.headers : {}) as Record<string, unknown>;
    const host = typeof headers.host === "string" ? headers.host : typeof headers.Host === "string" ? headers.Host : "example.com";
    const query = typeof e.rawQueryString === "string" && e.rawQueryString ? `?${e.rawQueryString}` : "";
    url = `https://${host}${path.startsWith("/") ? "" : "/"}${path}${query}`;
  }
  try {
    url = new URL(url, "https://example.com").href;
  } catch {
    return undefined;
  }
  return { method: typeof method === "string" ? method.toUpperCase() : "GET", url };
}

/** What a platform's text knows of the run beyond what the engine reports: the request the event describes and when it started. */
type RunFacts = Pick<MessageContext, "request" | "startedAt">;

/** A text that names the request and carries the run's start, given them: the engines only know the run, prepare knows the event. */
function withRequest(message: (ctx: MessageContext) => string, facts: RunFacts): (ctx: MessageContext) => string {
  const known = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as RunFacts;
  if (Object.keys(known).length === 0) return message;
  return (ctx) => message({ ...known, ...ctx });
}

function engineLimit(limit: ExtraLimit | undefined, facts: RunFacts): EngineLimit | undefined {
  if (!limit) return undefined;
  return {
    seconds: limit.seconds,
    note: limit.note,
    ...(limit.message ? { message: withRequest(limit.message, facts) } : {}),
    ...(limit.only ? { only: limit.only } : {}),
  };
}

export type Prepared = {
  preset: PlatformPreset;
  /** the plan the run is simulated on: the request's, the default, or the one its timeout needs */
  plan: PlanLimits;
  engine: EnginePreset;
  /** notes for the result (kind "plan"): why this plan, and what it changes; empty when nothing to say */
  notes: Note[];
};

/**
 * Checks a request and resolves what the engine needs: the preset, the plan and its deadline.
 * Throws UsageError for an unknown platform or plan, a language the platform does not run, or a
 * timeout no plan (or not the named plan) allows.
 */
export function prepare(request: SimulationRequest): Prepared {
  const preset = findPlatform(request.platform);
  if (!preset.languages.includes(request.language)) {
    throw new UsageError(`${preset.name} does not run ${request.language}; it runs ${preset.languages.join(", ")}`);
  }
  checkConcurrency(request, preset);
  if (request.startedAt !== undefined && !(typeof request.startedAt === "number" && Number.isFinite(request.startedAt) && request.startedAt >= 0)) {
    throw new UsageError(`startedAt must be the run's start in epoch milliseconds (a number such as Date.now()), got ${JSON.stringify(request.startedAt)}`);
  }
  let resolved: PlanResolution;
  let noLimit: string | undefined;
  try {
    resolved = resolvePlan(preset, { plan: request.plan, timeout: request.timeout });
  } catch (error) {
    const message = (error as Error).message;
    const plan = request.plan === undefined ? defaultPlanOf(preset) : findPlan(preset, request.plan);
    if (request.timeout !== undefined || !preset.limitInCode || !plan || Number.isFinite(plan.defaultTimeout)) throw new UsageError(message);
    // No limit unless configured, and none given: the handler's code may set it (a task's
    // time_limit); the engine fails the run with this text when it does not.
    resolved = { plan, clock: plan.clock, timeout: Number.POSITIVE_INFINITY };
    noLimit = `${message.replace(/: pass a timeout in seconds\.$/, "")}: set it in the code (${preset.limitInCode}) or pass a timeout in seconds.`;
  }
  const { plan, clock, timeout, note } = resolved;
  const facts: RunFacts = { request: eventRequest(request.event), startedAt: request.startedAt };
  const responseStart = engineLimit(plan.responseStart, facts);
  const cpuLimit = engineLimit(plan.cpuLimit, facts);
  return {
    preset,
    plan,
    engine: {
      id: preset.id,
      plan: plan.id,
      clock,
      timeout,
      countsInit: preset.countsInit,
      env: { ...(preset.env ?? {}), ...(request.env ?? {}) },
      ...(preset.initTimeout !== undefined ? { initTimeout: preset.initTimeout } : {}),
      ...(preset.initRejection ? { initRejection: preset.initRejection } : {}),
      ...(preset.deadlineBetweenReads ? { deadlineBetweenReads: true } : {}),
      ...(noLimit ? { noLimit } : {}),
      message: withRequest(plan.message ?? preset.message, facts),
      ...(responseStart ? { responseStart } : {}),
      ...(cpuLimit ? { cpuLimit } : {}),
    },
    notes: note ? [{ kind: "plan", text: note }] : [],
  };
}

/** Platforms whose servers take simultaneous requests in the simulator (the Python engine's serving.py). */
const CONCURRENT_PLATFORMS: readonly string[] = ["gunicorn", "heroku"];

function checkConcurrency(request: SimulationRequest, preset: PlatformPreset): void {
  const n = request.concurrency;
  if (n === undefined || n === 1) return;
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
    throw new UsageError(`concurrency must be a whole number of simultaneous requests from 1 to ${MAX_CONCURRENCY}, got ${n}`);
  }
  if (request.language !== "python" || !CONCURRENT_PLATFORMS.includes(preset.id)) {
    throw new UsageError(
      `${n} simultaneous requests are simulated for Python servers (WSGI or ASGI apps) on ${CONCURRENT_PLATFORMS.join(" and ")}, ` +
        `where requests share workers and queue; ${preset.name} runs ${request.language === "python" ? "each request on an instance of its own, so one request shows what each would" : `${request.language} one request at a time here`}: drop the concurrency`,
    );
  }
}

/** The result with the plan notes first (they frame everything else the verdict rests on). */
export function withPlanNotes(result: SimulationResult, notes: readonly Note[]): SimulationResult {
  if (notes.length === 0) return result;
  return { ...result, notes: [...notes, ...(result.notes ?? [])] };
}
