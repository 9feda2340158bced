// Azure Functions: host.json `functionTimeout`, a TimeSpan (`00:10:00`, `1.00:00:00` for a day),
// for every function of the app; -1 means unbounded on the plans that allow it
// (learn.microsoft.com/azure/azure-functions/functions-host-json#functiontimeout). Without it,
// the plan's default (Consumption 5 min, others 30 min: lib/runner/platforms/azure.ts).
import { readFileSync } from "node:fs";
import { findUp, shown } from "./files";
import { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";
import { isRecord } from "./yaml";

export const AZURE_FILES = ["host.json"];

const TIMESPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;

/** Seconds in a TimeSpan, Infinity for -1; null when it is not one. */
export function timespanSeconds(text: string): number | null {
  if (text.trim() === "-1") return Number.POSITIVE_INFINITY;
  const m = TIMESPAN.exec(text.trim());
  if (!m) return null;
  const [, days, hours, minutes, secs] = m;
  if (Number(minutes) > 59 || Number(secs) >= 60) return null;
  return Number(days ?? 0) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(secs);
}

export function readAzure(target: DeployTarget): DeployLimit {
  const configFile = target.config ?? findUp(target.file, target.root, AZURE_FILES);
  if (!configFile) return { source: "no host.json: the plan's default" };
  const where = shown(configFile, target.root);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(configFile, "utf8"));
  } catch (error) {
    throw new DeployConfigError(where, "", `is not valid JSON: ${(error as Error).message}`);
  }
  const value = isRecord(data) ? data.functionTimeout : undefined;
  if (value === undefined) return { source: `${where} sets no functionTimeout: the plan's default` };
  const seconds = typeof value === "string" ? timespanSeconds(value) : value === -1 ? Number.POSITIVE_INFINITY : null;
  if (seconds === null || seconds <= 0) throw new DeployConfigError(where, "functionTimeout", `must be a TimeSpan such as "00:10:00" or -1, got ${JSON.stringify(value)}`);
  if (!Number.isFinite(seconds)) {
    throw new DeployConfigError(where, "functionTimeout", "is -1 (no limit): a simulated run needs one, so give the handler a timeout in seconds in deadline's config (the longest a run may take)");
  }
  return { timeout: seconds, source: `${where} functionTimeout ${String(value)}` };
}
