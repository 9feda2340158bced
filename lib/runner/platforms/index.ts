// Platform presets: the deadline, the clock it is measured on and the text each platform prints
// when it expires, every figure taken from a source listed on the preset (see sources / notes).

import { apiGateway, awsLambda } from "./aws";
import { azureFunctions } from "./azure";
import { celery } from "./celery";
import { cloudflareWorkers } from "./cloudflare";
import { cloudflareProxy } from "./cloudflare-proxy";
import { denoDeploy } from "./deno-deploy";
import { cloudRun, gcpFunctions } from "./google";
import { gunicorn } from "./gunicorn";
import { heroku } from "./heroku";
import { modal } from "./modal";
import { netlify, netlifyDev, netlifyEdge } from "./netlify";
import { nginx } from "./nginx";
import { planSummary, resolvePlan, type PlanSummary } from "./plans";
import { replicate } from "./replicate";
import { runpod } from "./runpod";
import { slackDeno } from "./slack";
import { supabaseEdge } from "./supabase";
import { jest, mocha, playwrightTest } from "./test-runners";
import type { PlatformId, PlatformPreset } from "./types";
import { vercel, vercelEdge } from "./vercel";

export type {
  ExtraLimit,
  InitRejection,
  MessageConfidence,
  MessageContext,
  PlanLimits,
  PlatformId,
  PlatformPreset,
  Source,
} from "./types";
export { VIRTUAL_EPOCH_MS } from "./format";
export { celeryHardLimitMessage, celerySoftLimitMessage } from "./celery";
export { defaultPlanOf, findPlan, limitSeconds, planSummary, rangeText, resolvePlan, type PlanRequest, type PlanResolution, type PlanSummary } from "./plans";

export const PLATFORMS: readonly PlatformPreset[] = [
  runpod,
  awsLambda,
  apiGateway,
  vercel,
  vercelEdge,
  netlify,
  netlifyDev,
  netlifyEdge,
  cloudflareWorkers,
  cloudflareProxy,
  nginx,
  gcpFunctions,
  cloudRun,
  azureFunctions,
  supabaseEdge,
  denoDeploy,
  slackDeno,
  modal,
  replicate,
  heroku,
  gunicorn,
  celery,
  jest,
  mocha,
  playwrightTest,
];

export const PLATFORM_IDS: readonly PlatformId[] = PLATFORMS.map((p) => p.id);

export function isPlatformId(id: string): id is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(id);
}

/**
 * A preset as plain data (no message function, no Infinity): what the editor's client island and
 * `deadline platforms --json` show. Timeouts a platform leaves unlimited are null. The top-level
 * clock and limits are the default plan's; `plans` lists every plan, cheapest first, for a plan picker.
 */
export type PlatformSummary = {
  id: PlatformId;
  name: string;
  clock: PlatformPreset["clock"];
  defaultTimeout: number | null;
  maxTimeout: number | null;
  minTimeout: number;
  languages: PlatformPreset["languages"][number][];
  countsInit: boolean;
  /** id of the plan a request without one runs on */
  defaultPlan: string;
  plans: PlanSummary[];
  /** where the code itself can set the limit (Celery's task options), so no timeout is needed; null otherwise */
  limitInCode: string | null;
};

export function platformSummary(p: PlatformPreset): PlatformSummary {
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return {
    id: p.id,
    name: p.name,
    clock: p.clock,
    defaultTimeout: finite(p.defaultTimeout),
    maxTimeout: finite(p.maxTimeout),
    minTimeout: p.minTimeout,
    languages: [...p.languages],
    countsInit: p.countsInit,
    defaultPlan: p.defaultPlan,
    plans: p.plans.map((plan) => planSummary(p, plan)),
    limitInCode: p.limitInCode ?? null,
  };
}

export function getPlatform(id: string): PlatformPreset {
  const preset = PLATFORMS.find((p) => p.id === id);
  if (!preset) {
    throw new Error(`Unknown platform "${id}". Valid platforms: ${PLATFORM_IDS.join(", ")}.`);
  }
  return preset;
}

/**
 * The deadline to simulate on the preset's default plan, in seconds of its clock: the requested
 * timeout, or the plan's default. Throws when the value is outside what that plan accepts, or when
 * it has no limit and none was given (celery), because a virtual run needs a finite one. Requests
 * go through resolvePlan(), which may choose another plan; this is the strict default-plan form.
 */
export function resolveTimeout(preset: PlatformPreset, requested?: number): number {
  return resolvePlan(preset, { plan: preset.defaultPlan, timeout: requested }).timeout;
}
