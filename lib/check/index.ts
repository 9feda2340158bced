// `deadline check`: every handler of a project's config, against every named event, in parallel
// across worker threads; the margin rule decides; reporters print. bin/check.ts is the command.
import { availableParallelism } from "node:os";
import { loadConfig, type LoadedConfig } from "./config";
import { buildJobs } from "./jobs";
import { runJobs } from "./pool";
import { buildReport, type Report } from "./report";

export { ConfigError, loadConfig, parseConfig, type CheckConfig, type LoadedConfig } from "./config";
export { DEFAULT_MAX_SHARE } from "./jobs";
export type { Report, Row } from "./report";

export type CheckOptions = {
  /** the folder to run in: its deadline.config.json or package.json */
  dir: string;
  /** --config */
  config?: string;
  /** --max-share */
  maxShare?: number;
  /** --workers; else the config's, else one per core */
  workers?: number;
};

export type CheckRun = { loaded: LoadedConfig; report: Report };

/** Loads, validates (throws ConfigError), runs and judges. */
export async function runCheck(options: CheckOptions): Promise<CheckRun> {
  const loaded = loadConfig(options.dir, options.config);
  const jobs = buildJobs(loaded, options.maxShare !== undefined ? { maxShare: options.maxShare } : {});
  const workers = Math.max(1, Math.min(options.workers ?? loaded.config.workers ?? availableParallelism(), jobs.length));
  const started = performance.now();
  const outcomes = await runJobs(jobs, { workers });
  return { loaded, report: buildReport(outcomes, workers, performance.now() - started) };
}

/** 0 when every run passed the check; 1 when any timed out, failed or went over its share. */
export function exitCodeOf(report: Report): 0 | 1 {
  return report.counts.failed > 0 ? 1 : 0;
}
