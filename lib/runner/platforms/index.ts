// Platform presets: the deadline, the clock it is measured on and the text each platform prints
// when it expires, every figure taken from a source listed on the preset (see sources / notes).

import { apiGateway, awsLambda } from "./aws";
import { azureFunctions } from "./azure";
import { celery } from "./celery";
import { cloudflareWorkers } from "./cloudflare";
import { cloudRun, gcpFunctions } from "./google";
import { gunicorn } from "./gunicorn";
import { heroku } from "./heroku";
import { modal } from "./modal";
import { netlify, netlifyDev } from "./netlify";
import { runpod } from "./runpod";
import { supabaseEdge } from "./supabase";
import type { PlatformId, PlatformPreset } from "./types";
import { vercel, vercelEdge } from "./vercel";

export type {
  MessageConfidence,
  MessageContext,
  PlanLimits,
  PlatformId,
  PlatformPreset,
  Source,
} from "./types";
export { VIRTUAL_EPOCH_MS } from "./format";
export { celerySoftLimitMessage } from "./celery";

export const PLATFORMS: readonly PlatformPreset[] = [
  runpod,
  awsLambda,
  apiGateway,
  vercel,
  vercelEdge,
  netlify,
  netlifyDev,
  cloudflareWorkers,
  gcpFunctions,
  cloudRun,
  azureFunctions,
  supabaseEdge,
  modal,
  heroku,
  gunicorn,
  celery,
];

export const PLATFORM_IDS: readonly PlatformId[] = PLATFORMS.map((p) => p.id);

export function isPlatformId(id: string): id is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(id);
}

/**
 * A preset as plain data (no message function, no Infinity): what the editor's client island and
 * `deadline platforms --json` show. Timeouts a platform leaves unlimited are null.
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
  plan: string;
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
    plan: p.plan,
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
 * The deadline to simulate, in seconds of the preset's clock: the requested timeout, or the
 * preset's default. Throws when the value is outside what the platform accepts, or when the
 * platform has no limit and none was given (celery), because a virtual run needs a finite one.
 */
export function resolveTimeout(preset: PlatformPreset, requested?: number): number {
  const timeout = requested ?? preset.defaultTimeout;
  if (Number.isNaN(timeout) || timeout <= 0) {
    throw new Error(`Timeout must be a positive number of seconds, got ${timeout}.`);
  }
  if (!Number.isFinite(timeout)) {
    throw new Error(`${preset.name} has no time limit unless one is configured: pass a timeout in seconds.`);
  }
  if (timeout < preset.minTimeout || timeout > preset.maxTimeout) {
    throw new Error(
      `${preset.name} accepts timeouts from ${preset.minTimeout} to ${preset.maxTimeout} s (${preset.plan}), got ${timeout}.`,
    );
  }
  return timeout;
}
