// `deadline check`'s configuration: deadline.config.json, or a "deadline" key in package.json,
// in the folder it runs in. One zod schema; every error names the file, the key and the reason.
//
//   {
//     "maxShare": 0.8,                       a run using more of its limit fails the check
//     "defaults": { "latency": { "*": 0.2 } },   merged under every handler
//     "handlers": [{
//       "name": "resize",                    optional; the file's name otherwise
//       "file": "api/resize.py",
//       "platform": "aws-lambda", "plan": "standard", "handler": "resize",
//       "timeout": 10 | "deploy-config",     read from serverless.yml, vercel.json, host.json, ...
//       "events": { "small": { "size": 1 }, "large": "@events/large.json" },
//       "latency": {...}, "responses": [...], "model": [...], "cost": {...},   world rules
//       "env": { "MODE": "batch" }, "envFile": ".env.test", "pythonPath": [".venv/lib/python3.12/site-packages"]
//     }]
//   }
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { MAX_CONCURRENCY } from "../runner/types";
import { worldSchema } from "../runner/world";

export const CONFIG_FILE = "deadline.config.json";

/** A configuration that cannot be used as written. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${file}: ${key ? `${key}: ` : ""}${reason}`);
    this.name = "ConfigError";
  }
}

/** A share of the limit: 0.8, or "80%" as people say it. */
export const shareSchema = z.union([
  z.number({ error: 'must be a share of the limit such as 0.8 or "80%"' }).gt(0, "must be more than 0").max(1, "must be at most 1 (100 % of the limit)"),
  z
    .string()
    .regex(/^\d+(?:\.\d+)?\s*%$/, 'must be a share of the limit such as 0.8 or "80%"')
    .transform((text) => Number(text.replace("%", "")) / 100)
    .refine((n) => n > 0 && n <= 1, "must be more than 0 % and at most 100 %"),
]);

const handlerFields = {
  name: z.string().trim().min(1, "must not be empty").optional(),
  platform: z.string().trim().min(1).optional(),
  plan: z.string().trim().min(1).optional(),
  /** the entry point, as a deploy config names it */
  handler: z.string().trim().min(1).optional(),
  timeout: z
    .union([z.number().positive('must be a number of seconds, or "deploy-config" to read it from the platform\'s deploy config'), z.literal("deploy-config")], {
      error: 'must be a number of seconds, or "deploy-config" to read it from the platform\'s deploy config',
    })
    .optional(),
  /** the deploy config to read (relative to the config's folder); found from the handler's folder up otherwise */
  deployConfig: z.string().min(1).optional(),
  /** named events: the value itself, or "@file" (JSON or YAML, relative to the config's folder) */
  events: z.record(z.string().trim().min(1, "event names must not be empty"), z.unknown()).optional(),
  ...worldSchema.shape,
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "environment variable names are letters, digits and _"), z.string({ error: "environment values are strings" })).optional(),
  envFile: z.string().min(1).optional(),
  pythonPath: z.array(z.string().min(1)).optional(),
  /** false: run the file alone, without its folder's modules (the CLI's --no-project) */
  project: z.boolean().optional(),
  maxShare: shareSchema.optional(),
  /** simultaneous copies of each event (servers: gunicorn, heroku; request.concurrency) */
  concurrency: z.number().int("must be a whole number of simultaneous requests").min(1, "must be 1 or more").max(MAX_CONCURRENCY, `must be at most ${MAX_CONCURRENCY}`).optional(),
};

export const handlerSchema = z.strictObject({ file: z.string({ error: "is required: the handler's file, relative to the config" }).trim().min(1, "must name the handler's file"), ...handlerFields });

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  maxShare: shareSchema.optional(),
  /** worker threads (default: one per core, at most one per run) */
  workers: z.number().int("must be a whole number").positive("must be 1 or more").optional(),
  /** fields every handler gets unless it sets its own (world rules are merged, the handler's winning) */
  defaults: z.strictObject(handlerFields).omit({ name: true }).optional(),
  handlers: z.array(handlerSchema, { error: "must be a list of handlers, each with a file" }).min(1, "must list at least one handler"),
});

export type CheckConfig = z.output<typeof configSchema>;
export type HandlerConfig = z.output<typeof handlerSchema>;

export type LoadedConfig = {
  config: CheckConfig;
  /** the file it came from, as shown in messages (deadline.config.json, package.json) */
  file: string;
  /** where errors point inside it: "" for deadline.config.json, "deadline." for package.json */
  prefix: string;
  /** the folder paths in it are relative to */
  root: string;
};

function keyOf(issuePath: PropertyKey[]): string {
  return issuePath.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

function describe(error: z.ZodError, file: string, prefix: string): ConfigError {
  const issue = error.issues[0]!;
  const key = `${prefix}${keyOf(issue.path)}`;
  let reason = issue.message;
  if (issue.code === "unrecognized_keys") reason = `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  else if (issue.code === "invalid_type" && /received undefined/.test(reason)) reason = "is required";
  // a record's key: zod nests the key's own issue
  else if (issue.code === "invalid_key" && issue.issues[0]) reason = issue.issues[0].message;
  return new ConfigError(file, key.replace(/\.$/, ""), reason);
}

/** Validates a configuration object; `file` and `prefix` say where it came from, for messages. */
export function parseConfig(input: unknown, file = CONFIG_FILE, prefix = ""): CheckConfig {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw describe(parsed.error, file, prefix);
  return parsed.data;
}

function readJson(file: string, shownAs: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(shownAs, "", "cannot be read");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(shownAs, "", `is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The configuration for `dir`: `explicit` (a --config file), else deadline.config.json, else the
 * "deadline" key of package.json. Throws ConfigError when none exists or it does not validate.
 */
export function loadConfig(dir: string, explicit?: string): LoadedConfig {
  if (explicit) {
    const file = path.resolve(dir, explicit);
    const shownAs = path.relative(dir, file) || explicit;
    const data = readJson(file, shownAs);
    if (path.basename(file) === "package.json") {
      if (!data || typeof data !== "object" || !("deadline" in data)) throw new ConfigError(shownAs, "deadline", 'is missing: add a "deadline" key with your handlers, or run deadline check --init');
      return { config: parseConfig((data as { deadline: unknown }).deadline, shownAs, "deadline."), file: shownAs, prefix: "deadline.", root: path.dirname(file) };
    }
    return { config: parseConfig(data, shownAs), file: shownAs, prefix: "", root: path.dirname(file) };
  }
  const own = path.join(dir, CONFIG_FILE);
  try {
    readFileSync(own);
    return { config: parseConfig(readJson(own, CONFIG_FILE)), file: CONFIG_FILE, prefix: "", root: dir };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
  }
  const pkg = path.join(dir, "package.json");
  let data: unknown = null;
  try {
    readFileSync(pkg);
    data = readJson(pkg, "package.json");
  } catch (error) {
    if (error instanceof ConfigError) throw error;
  }
  if (data && typeof data === "object" && "deadline" in data) {
    return { config: parseConfig((data as { deadline: unknown }).deadline, "package.json", "deadline."), file: "package.json", prefix: "deadline.", root: dir };
  }
  throw new ConfigError(CONFIG_FILE, "", `not found in ${dir} (nor a "deadline" key in package.json): run deadline check --init to write a starter config`);
}
