// Netlify: no setting changes a function's limit (synchronous 60 s, scheduled 30 s, background
// 15 min: docs.netlify.com/build/functions/configuration-options, lib/runner/platforms/SOURCES.md);
// what a deploy config decides is which kind a function is. A name ending in `-background` makes
// it a background function (docs.netlify.com/build/functions/background-functions); a `schedule`
// in netlify.toml `[functions."<name>"]` or in the code's `export const config` makes it a
// scheduled one (docs.netlify.com/build/functions/scheduled-functions).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { findUp, shown } from "./files";
import { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";
import { isRecord } from "./yaml";

export const NETLIFY_FILES = ["netlify.toml"];

/** A function's name: its file's, or its folder's for `<name>/index.ts` and `<name>/<name>.ts`. */
export function netlifyFunctionName(file: string): string {
  const base = path.basename(file).replace(/\.(?:js|mjs|cjs|ts|mts|cts|go|rs)$/, "");
  const folder = path.basename(path.dirname(file));
  return base === "index" || base === folder ? folder : base;
}

export function readToml(file: string, where: string): Record<string, unknown> {
  try {
    return parseToml(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new DeployConfigError(where, "", `is not valid TOML: ${(error as Error).message.split("\n")[0]}`);
  }
}

const CODE_SCHEDULE = /export\s+const\s+config\b[^=]*=\s*\{[^}]*\bschedule\s*:/;

export function readNetlify(target: DeployTarget): DeployLimit {
  const name = netlifyFunctionName(target.file);
  if (name.endsWith("-background")) return { plan: "background", source: `${name} ends in -background: a background function` };
  const rel = shown(target.file, target.root);
  if (CODE_SCHEDULE.test(target.code)) return { plan: "scheduled", source: `${rel} exports a config with a schedule: a scheduled function` };
  const configFile = target.config ?? findUp(target.file, target.root, NETLIFY_FILES);
  if (configFile) {
    const where = shown(configFile, target.root);
    const data = readToml(configFile, where);
    const fns = isRecord(data.functions) ? data.functions : {};
    const own = fns[name];
    if (isRecord(own) && own.schedule !== undefined) {
      if (typeof own.schedule !== "string") throw new DeployConfigError(where, `functions.${name}.schedule`, "must be a cron expression or @hourly, @daily, ...");
      return { plan: "scheduled", source: `${where} functions.${name}.schedule: a scheduled function` };
    }
    return { plan: "synchronous", source: `${where} schedules no ${name}: a synchronous function` };
  }
  return { plan: "synchronous", source: `no netlify.toml schedules ${name}: a synchronous function` };
}
