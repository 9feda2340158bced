import type { EnginePreset } from "./engine";
import { getPlatform, isPlatformId, PLATFORM_IDS, resolveTimeout, type PlatformId, type PlatformPreset } from "./platforms";
import type { Language, SimulationRequest } from "./types";

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

/** Checks a request and resolves what the engine needs: the preset and its deadline. */
export function prepare(request: SimulationRequest): { preset: PlatformPreset; engine: EnginePreset } {
  const preset = findPlatform(request.platform);
  if (!preset.languages.includes(request.language)) {
    throw new UsageError(`${preset.name} does not run ${request.language}; it runs ${preset.languages.join(", ")}`);
  }
  let timeout: number;
  let noLimit: string | undefined;
  try {
    timeout = resolveTimeout(preset, request.timeout);
  } catch (error) {
    const message = (error as Error).message;
    if (request.timeout !== undefined || !preset.limitInCode || Number.isFinite(preset.defaultTimeout)) throw new UsageError(message);
    // No limit unless configured, and none given: the handler's code may set it (a task's
    // time_limit); the engine fails the run with this text when it does not.
    timeout = Number.POSITIVE_INFINITY;
    noLimit = `${message.replace(/: pass a timeout in seconds\.$/, "")}: set it in the code (${preset.limitInCode}) or pass a timeout in seconds.`;
  }
  return {
    preset,
    engine: {
      id: preset.id,
      clock: preset.clock,
      timeout,
      countsInit: preset.countsInit,
      ...(preset.initTimeout !== undefined ? { initTimeout: preset.initTimeout } : {}),
      ...(noLimit ? { noLimit } : {}),
      message: preset.message,
    },
  };
}
