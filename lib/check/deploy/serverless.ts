// serverless.yml (Serverless Framework, AWS provider): `functions.<name>.handler` names the file
// and export (`src/orders.create` → src/orders.{js,ts,py,...}, export create); the limit is
// `functions.<name>.timeout`, else `provider.timeout`, else the Framework's own 6 s, which it
// deploys instead of Lambda's 3 s: serverless/serverless lib/plugins/aws/package/compile/functions.js
// (`Number(functionObject.timeout) || Number(provider.timeout) || 6`, v1 to v4).
import path from "node:path";
import { shown, withoutExtension } from "./files";
import { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";
import { isRecord, readYaml } from "./yaml";

export const SERVERLESS_FILES = ["serverless.yml", "serverless.yaml"];
export const SERVERLESS_DEFAULT_TIMEOUT = 6;

/** A timeout value as written: a number, a numeric string, or a variable the check cannot resolve. */
function seconds(value: unknown, file: string, key: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (Number.isFinite(n) && n > 0) return n;
  const variable = typeof value === "string" && value.includes("${");
  throw new DeployConfigError(
    file,
    key,
    variable ? `is ${value}, a variable the check does not resolve: give the handler's timeout in seconds in deadline's config` : `must be a number of seconds, got ${JSON.stringify(value)}`,
  );
}

/** `timeout` is evaluated only for the function a handler matches: another's variable must not fail it. */
export type ServerlessFunction = { name: string; module: string; entry: string; timeout: () => number | undefined };

export function serverlessFunctions(configFile: string, root: string): { functions: ServerlessFunction[]; providerTimeout?: number } {
  const where = shown(configFile, root);
  const data = readYaml(configFile, where);
  if (!isRecord(data)) throw new DeployConfigError(where, "", "is not a mapping of settings");
  const provider = isRecord(data.provider) ? data.provider : {};
  const providerTimeout = seconds(provider.timeout, where, "provider.timeout");
  const functions: ServerlessFunction[] = [];
  for (const [name, fn] of Object.entries(isRecord(data.functions) ? data.functions : {})) {
    if (!isRecord(fn) || typeof fn.handler !== "string") continue;
    // `src/orders.create`: everything up to the last dot is the module path (dots in folder names stay)
    const dot = fn.handler.lastIndexOf(".");
    if (dot <= 0) continue;
    const raw = fn.timeout;
    functions.push({ name, module: path.posix.normalize(fn.handler.slice(0, dot)), entry: fn.handler.slice(dot + 1), timeout: () => seconds(raw, where, `functions.${name}.timeout`) });
  }
  return { functions, ...(providerTimeout !== undefined ? { providerTimeout } : {}) };
}

export function readServerless(target: DeployTarget, configFile: string): DeployLimit {
  const where = shown(configFile, target.root);
  const { functions, providerTimeout } = serverlessFunctions(configFile, target.root);
  const module = withoutExtension(path.relative(path.dirname(configFile), target.file).split(path.sep).join("/"));
  let matches = functions.filter((fn) => fn.module === module);
  if (target.entry) {
    const entry = target.entry.slice(target.entry.lastIndexOf(".") + 1);
    matches = matches.filter((fn) => fn.entry === entry);
  }
  if (matches.length === 0) throw new DeployConfigError(where, "functions", `no function's handler points at ${module}${target.entry ? ` with ${target.entry}` : ""}`);
  if (matches.length > 1) {
    throw new DeployConfigError(where, "functions", `${matches.map((fn) => fn.name).join(", ")} all point at ${module}: name the export with "handler" in deadline's config`);
  }
  const fn = matches[0]!;
  const own = fn.timeout();
  if (own !== undefined) return { timeout: own, entry: fn.entry, source: `${where} functions.${fn.name}.timeout` };
  if (providerTimeout !== undefined) return { timeout: providerTimeout, entry: fn.entry, source: `${where} provider.timeout` };
  return { timeout: SERVERLESS_DEFAULT_TIMEOUT, entry: fn.entry, source: `${where} sets no timeout for ${fn.name}: the Serverless Framework deploys ${SERVERLESS_DEFAULT_TIMEOUT} s` };
}
