// From a configuration to the runs `deadline check` makes: one per handler and event, each a
// SimulationRequest the simulator accepts (checked with prepare(), so a timeout no plan allows is
// a configuration error before anything runs, not a failed row).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { parseEnvText } from "../runner/env";
import { isPlatformId, PLATFORM_IDS } from "../runner/platforms";
import { inferPlatform, languageOfFile, prepare } from "../runner/prepare";
import type { SimulationRequest } from "../runner/types";
import { mergeWorld, type WorldRules } from "../runner/world";
import { ConfigError, type HandlerConfig, type LoadedConfig } from "./config";
import { DEPLOY_CONFIGS, DeployConfigError, readDeployLimit } from "./deploy";
import { shown, withoutExtension } from "./deploy/files";

/** Default --max-share: a run that uses more than this share of its limit fails the check. */
export const DEFAULT_MAX_SHARE = 0.8;

export type Job = {
  /** position in the run order, for stable output */
  index: number;
  handler: string;
  event: string;
  /** the handler file relative to the config's folder */
  file: string;
  /** absolute */
  path: string;
  request: SimulationRequest;
  maxShare: number;
  /** where the limit comes from, in words: a deploy config key, the flag, the plan's default */
  timeoutSource: string;
};

type Where = { file: string; key: string };

function fail(where: Where, reason: string): never {
  throw new ConfigError(where.file, where.key, reason);
}

function readEvent(value: unknown, root: string, where: Where): unknown {
  if (typeof value !== "string" || !value.startsWith("@")) return value;
  const file = path.resolve(root, value.slice(1));
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return fail(where, `cannot read ${value.slice(1)}`);
  }
  const yaml = /\.ya?ml$/i.test(file);
  try {
    return yaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    return fail(where, `${value.slice(1)} is not valid ${yaml ? "YAML" : "JSON"}: ${(error as Error).message.split("\n")[0]}`);
  }
}

function worldOf(h: Partial<HandlerConfig>): WorldRules {
  return {
    ...(h.latency ? { latency: h.latency } : {}),
    ...(h.responses ? { responses: h.responses } : {}),
    ...(h.model ? { model: h.model } : {}),
    ...(h.cost ? { cost: h.cost } : {}),
  };
}

/** The name a handler is reported by: its own, else its file without extension (and entry). */
function nameOf(h: HandlerConfig, entry: string | undefined): string {
  return h.name ?? `${withoutExtension(h.file.replace(/\\/g, "/").replace(/^\.\//, ""))}${h.handler && entry ? `:${entry}` : ""}`;
}

export type JobOptions = {
  /** --max-share: over the configuration's own, under a handler's */
  maxShare?: number;
};

export function buildJobs(loaded: LoadedConfig, options: JobOptions = {}): Job[] {
  const { config, root, prefix, file: configFile } = loaded;
  const defaults: Partial<HandlerConfig> = config.defaults ?? {};
  const jobs: Job[] = [];
  const names = new Map<string, number>();
  config.handlers.forEach((own, i) => {
    const h: HandlerConfig = { ...defaults, ...own };
    const at = (key: string): Where => ({ file: configFile, key: `${prefix}handlers[${i}]${key ? `.${key}` : ""}` });
    const abs = path.resolve(root, h.file);
    const language = languageOfFile(abs);
    if (!language) fail(at("file"), `cannot tell the language of ${h.file}: use .py, .js, .mjs, .cjs or .ts`);
    let code: string;
    try {
      code = readFileSync(abs, "utf8");
    } catch {
      return fail(at("file"), `cannot read ${h.file}`);
    }
    const platform = h.platform ?? inferPlatform(code, language);
    if (!isPlatformId(platform)) fail(at("platform"), `unknown platform "${platform}"; choose one of ${PLATFORM_IDS.join(", ")}`);

    let timeout: number | undefined = typeof h.timeout === "number" ? h.timeout : undefined;
    let plan = h.plan;
    let entry = h.handler;
    let timeoutSource = typeof h.timeout === "number" ? `${configFile} ${at("timeout").key}` : "the plan's default";
    if (h.timeout === "deploy-config") {
      let limit;
      try {
        limit = readDeployLimit(platform, { file: abs, root, code, ...(entry ? { entry } : {}), ...(plan ? { plan } : {}), ...(h.deployConfig ? { config: path.resolve(root, h.deployConfig) } : {}) });
      } catch (error) {
        if (error instanceof DeployConfigError) throw new ConfigError(error.file, error.key, `${error.reason} (read for ${configFile} ${at("timeout").key})`);
        throw error;
      }
      if (!limit) {
        const readers = Object.keys(DEPLOY_CONFIGS).join(", ");
        fail(at("timeout"), `"deploy-config": ${platform} has no deploy config the check reads (it reads them for ${readers}); give the timeout in seconds`);
      }
      timeout = limit.timeout;
      plan ??= limit.plan;
      entry ??= limit.entry;
      timeoutSource = limit.source;
    }

    const world = mergeWorld(worldOf(defaults), worldOf(own));
    const env: Record<string, string> = {};
    if (h.envFile) {
      let text: string;
      try {
        text = readFileSync(path.resolve(root, h.envFile), "utf8");
      } catch {
        return fail(at("envFile"), `cannot read ${h.envFile}`);
      }
      try {
        Object.assign(env, parseEnvText(text, h.envFile));
      } catch (error) {
        fail(at("envFile"), (error as Error).message);
      }
    }
    Object.assign(env, defaults.env, own.env);
    if (h.pythonPath && h.project === false) fail(at("pythonPath"), 'needs the project: drop "project": false');
    const pythonPath = (h.pythonPath ?? []).map((dir) => path.resolve(root, dir));

    const base: SimulationRequest = {
      language,
      code,
      filename: path.basename(abs),
      platform,
      ...(timeout !== undefined ? { timeout } : {}),
      ...world,
      latency: world.latency ?? {},
      ...(Object.keys(env).length ? { env } : {}),
      ...(entry ? { handler: entry } : {}),
      ...(plan ? { plan } : {}),
      ...(h.concurrency !== undefined ? { concurrency: h.concurrency } : {}),
      ...(h.project === false ? {} : { project: { root: path.dirname(abs), ...(pythonPath.length ? { pythonPath } : {}) } }),
    };
    try {
      prepare(base);
    } catch (error) {
      fail(at(typeof h.timeout === "number" ? "timeout" : ""), `${(error as Error).message}${h.timeout === "deploy-config" ? ` (the limit from ${timeoutSource})` : ""}`);
    }

    let name = nameOf(h, entry);
    const seen = names.get(name) ?? 0;
    names.set(name, seen + 1);
    if (seen) name = `${name} (${seen + 1})`;
    const maxShare = own.maxShare ?? options.maxShare ?? defaults.maxShare ?? config.maxShare ?? DEFAULT_MAX_SHARE;
    const events: [string, unknown][] = h.events && Object.keys(h.events).length ? Object.entries(h.events) : [["default", undefined]];
    for (const [event, value] of events) {
      const payload = readEvent(value, root, at(`events.${event}`));
      jobs.push({
        index: jobs.length,
        handler: name,
        event,
        file: shown(abs, root),
        path: abs,
        request: { ...base, ...(payload !== undefined ? { event: payload } : {}) },
        maxShare,
        timeoutSource,
      });
    }
  });
  return jobs;
}
