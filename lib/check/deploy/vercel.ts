// Vercel: vercel.json `functions` maps glob patterns (relative to the project, e.g. `api/*.ts`,
// `app/api/**/route.ts`) to settings, `maxDuration` among them (a number of seconds, or "max" for
// the plan's maximum: vercel.com/docs/project-configuration/vercel-json#functions). A route's own
// `export const maxDuration` wins over vercel.json (vercel/vercel packages/next/src/utils.ts,
// lib/runner/platforms/SOURCES.md), and the simulator's JS engine applies it itself, so it is only
// named here as the source. Without either, the plan's default applies.
import { readFileSync } from "node:fs";
import path from "node:path";
import { defaultPlanOf, findPlan } from "../../runner/platforms";
import { routeMaxDuration, vercel } from "../../runner/platforms/vercel";
import { findUp, shown } from "./files";
import { globMatches } from "./glob";
import { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";
import { isRecord } from "./yaml";

export const VERCEL_FILES = ["vercel.json"];

export function readVercel(target: DeployTarget, platform: string): DeployLimit {
  const rel = shown(target.file, target.root);
  if (platform === "vercel-edge") return { source: "the Edge runtime has no configurable duration: the plan's limit" };
  const own = routeMaxDuration(platform, target.code, path.basename(target.file), target.plan);
  if (own.kind !== "none") return { timeout: own.seconds, source: `${rel}:${own.line} export const maxDuration` };
  const configFile = target.config ?? findUp(target.file, target.root, VERCEL_FILES);
  if (!configFile) return { source: `no vercel.json and no export const maxDuration in ${rel}: the plan's default` };
  const where = shown(configFile, target.root);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(configFile, "utf8"));
  } catch (error) {
    throw new DeployConfigError(where, "", `is not valid JSON: ${(error as Error).message}`);
  }
  const functions = isRecord(data) && isRecord(data.functions) ? data.functions : {};
  const file = path.relative(path.dirname(configFile), target.file).split(path.sep).join("/");
  for (const [pattern, settings] of Object.entries(functions)) {
    if (!globMatches(pattern, file) || !isRecord(settings) || settings.maxDuration === undefined) continue;
    const key = `functions["${pattern}"].maxDuration`;
    const value = settings.maxDuration;
    if (value === "max") {
      const plan = (target.plan ? findPlan(vercel, target.plan) : null) ?? defaultPlanOf(vercel);
      return { timeout: plan.maxTimeout, source: `${where} ${key} ("max": the ${plan.id} plan's ${plan.maxTimeout} s)` };
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new DeployConfigError(where, key, `must be a whole number of seconds or "max", got ${JSON.stringify(value)}`);
    return { timeout: value, source: `${where} ${key}` };
  }
  return { source: `${where} sets no maxDuration for ${file}: the plan's default` };
}
