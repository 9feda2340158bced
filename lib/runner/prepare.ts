import type { EngineLimit, EnginePreset } from "./engine";
import {
  getPlatform,
  isPlatformId,
  PLATFORM_IDS,
  resolvePlan,
  type ExtraLimit,
  type PlanLimits,
  type PlatformId,
  type PlatformPreset,
} from "./platforms";
import type { Language, Note, SimulationRequest, SimulationResult } from "./types";

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
    if (/@\s*(app|stub)\.(function|cls)\b|\bimport\s+modal\b/.test(code)) return "modal";
    if (/\bcelery\b/i.test(code) && /@\s*\w+\.task\b/.test(code)) return "celery";
    return "aws-lambda";
  }
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

function engineLimit(limit: ExtraLimit | undefined): EngineLimit | undefined {
  if (!limit) return undefined;
  return { seconds: limit.seconds, ...(limit.message ? { message: limit.message } : {}) };
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
  let resolved;
  try {
    resolved = resolvePlan(preset, { plan: request.plan, timeout: request.timeout });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { plan, clock, timeout, note } = resolved;
  const responseStart = engineLimit(plan.responseStart);
  const cpuLimit = engineLimit(plan.cpuLimit);
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
      message: plan.message ?? preset.message,
      ...(responseStart ? { responseStart } : {}),
      ...(cpuLimit ? { cpuLimit } : {}),
    },
    notes: note ? [{ kind: "plan", text: note }] : [],
  };
}

/** The result with the plan notes first (they frame everything else the verdict rests on). */
export function withPlanNotes(result: SimulationResult, notes: readonly Note[]): SimulationResult {
  if (notes.length === 0) return result;
  return { ...result, notes: [...notes, ...(result.notes ?? [])] };
}
