// AWS SAM and CloudFormation templates (template.yaml): a function resource's `Handler`
// (`app.lambda_handler`, module path relative to `CodeUri`) names the file and export; the limit
// is the resource's `Timeout`, else SAM's `Globals.Function.Timeout`, else 3 s, the default of
// both AWS::Serverless::Function and AWS::Lambda::Function
// (docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-timeout,
// docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html#cfn-lambda-function-timeout).
// `!Ref Param` resolves to the parameter's Default; other intrinsics are reported, not guessed.
import path from "node:path";
import { shown, withoutExtension } from "./files";
import { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";
import { isRecord, readYaml } from "./yaml";

export const SAM_FILES = ["template.yaml", "template.yml"];
export const SAM_DEFAULT_TIMEOUT = 3;
const FUNCTION_TYPES = new Set(["AWS::Serverless::Function", "AWS::Lambda::Function"]);

type Template = { parameters: Record<string, unknown>; where: string };

function seconds(value: unknown, template: Template, key: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (isRecord(value) && typeof value.Ref === "string") {
    const param = template.parameters[value.Ref];
    if (!isRecord(param)) throw new DeployConfigError(template.where, key, `is !Ref ${value.Ref}, which is not one of the template's Parameters`);
    if (param.Default === undefined) throw new DeployConfigError(template.where, key, `is !Ref ${value.Ref}, a parameter with no Default: give the handler's timeout in seconds in deadline's config`);
    return seconds(param.Default, template, `Parameters.${value.Ref}.Default`);
  }
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (Number.isFinite(n) && n > 0) return n;
  const intrinsic = isRecord(value) ? Object.keys(value)[0] : undefined;
  throw new DeployConfigError(
    template.where,
    key,
    intrinsic ? `is ${intrinsic}, which the check does not evaluate: give the handler's timeout in seconds in deadline's config` : `must be a whole number of seconds, got ${JSON.stringify(value)}`,
  );
}

/** `timeout` is evaluated only for the function a handler matches: another's !If must not fail it. */
export type SamFunction = { name: string; module: string; entry: string; timeout: () => number | undefined; key: string };

export function samFunctions(configFile: string, root: string): { functions: SamFunction[]; globalTimeout?: number; where: string } {
  const where = shown(configFile, root);
  const data = readYaml(configFile, where);
  if (!isRecord(data) || !isRecord(data.Resources)) throw new DeployConfigError(where, "Resources", "is missing: not a CloudFormation or SAM template");
  const template: Template = { parameters: isRecord(data.Parameters) ? data.Parameters : {}, where };
  const globals = isRecord(data.Globals) && isRecord(data.Globals.Function) ? data.Globals.Function : {};
  const globalTimeout = seconds(globals.Timeout, template, "Globals.Function.Timeout");
  const codeUriGlobal = typeof globals.CodeUri === "string" ? globals.CodeUri : "";
  const functions: SamFunction[] = [];
  for (const [name, resource] of Object.entries(data.Resources)) {
    if (!isRecord(resource) || typeof resource.Type !== "string" || !FUNCTION_TYPES.has(resource.Type)) continue;
    const props = isRecord(resource.Properties) ? resource.Properties : {};
    const handler = typeof props.Handler === "string" ? props.Handler : typeof globals.Handler === "string" ? globals.Handler : null;
    if (!handler) continue;
    const dot = handler.lastIndexOf(".");
    if (dot <= 0) continue;
    // CodeUri: the function's folder (a local path; an s3:// location holds no source to match)
    const codeUri = typeof props.CodeUri === "string" ? props.CodeUri : codeUriGlobal;
    const base = codeUri && !/^s3:\/\//.test(codeUri) ? codeUri : "";
    const key = `Resources.${name}.Properties.Timeout`;
    functions.push({ name, module: path.posix.normalize(path.posix.join(base.replace(/\\/g, "/"), handler.slice(0, dot))), entry: handler.slice(dot + 1), key, timeout: () => seconds(props.Timeout, template, key) });
  }
  return { functions, where, ...(globalTimeout !== undefined ? { globalTimeout } : {}) };
}

export function readSam(target: DeployTarget, configFile: string): DeployLimit {
  const { functions, globalTimeout, where } = samFunctions(configFile, target.root);
  const module = withoutExtension(path.relative(path.dirname(configFile), target.file).split(path.sep).join("/"));
  let matches = functions.filter((fn) => fn.module === module);
  if (target.entry) {
    const entry = target.entry.slice(target.entry.lastIndexOf(".") + 1);
    matches = matches.filter((fn) => fn.entry === entry);
  }
  if (matches.length === 0) throw new DeployConfigError(where, "Resources", `no function's CodeUri and Handler point at ${module}${target.entry ? ` with ${target.entry}` : ""}`);
  if (matches.length > 1) throw new DeployConfigError(where, "Resources", `${matches.map((fn) => fn.name).join(", ")} all point at ${module}: name the export with "handler" in deadline's config`);
  const fn = matches[0]!;
  const own = fn.timeout();
  if (own !== undefined) return { timeout: own, entry: fn.entry, source: `${where} ${fn.key}` };
  if (globalTimeout !== undefined) return { timeout: globalTimeout, entry: fn.entry, source: `${where} Globals.Function.Timeout` };
  return { timeout: SAM_DEFAULT_TIMEOUT, entry: fn.entry, source: `${where} sets no Timeout for ${fn.name}: AWS's default ${SAM_DEFAULT_TIMEOUT} s` };
}
