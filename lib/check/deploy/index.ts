// Reading a handler's limit from its platform's deploy config (deadline.config.json
// `"timeout": "deploy-config"`): one reader per platform that has such a file.
import path from "node:path";
import { readAzure } from "./azure";
import { findUp, shown } from "./files";
import { readModal } from "./modal";
import { readNetlify } from "./netlify";
import { readSam, SAM_FILES } from "./sam";
import { readServerless, SERVERLESS_FILES } from "./serverless";
import { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";
import { readVercel } from "./vercel";
import { readWrangler } from "./wrangler";

export { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";

/** Platforms whose limit a deploy config (or the code, for Modal) sets, and where it is read. */
export const DEPLOY_CONFIGS: Record<string, string> = {
  "aws-lambda": "serverless.yml functions.<name>.timeout / provider.timeout, or SAM template.yaml Timeout / Globals.Function.Timeout",
  vercel: "export const maxDuration in the route, or vercel.json functions[pattern].maxDuration",
  "vercel-edge": "not configurable",
  netlify: "netlify.toml functions.<name>.schedule and the -background suffix (the kind of function)",
  "azure-functions": "host.json functionTimeout",
  "cloudflare-workers": "wrangler.toml / wrangler.json limits.cpu_ms",
  modal: "timeout= of @app.function / @app.cls",
};

function readLambda(target: DeployTarget): DeployLimit {
  const file = target.config ?? findUp(target.file, target.root, [...SERVERLESS_FILES, ...SAM_FILES]);
  if (!file) {
    throw new DeployConfigError(shown(path.dirname(target.file), target.root) || ".", "", `has no serverless.yml or template.yaml in it or above it up to the project root: give the timeout in seconds, or "deployConfig" naming the file`);
  }
  return SAM_FILES.includes(path.basename(file)) || /template\.ya?ml$/i.test(file) ? readSam(target, file) : readServerless(target, file);
}

/** The limit a deploy config sets for this handler; null when the platform has no such file. */
export function readDeployLimit(platform: string, target: DeployTarget): DeployLimit | null {
  switch (platform) {
    case "aws-lambda":
      return readLambda(target);
    case "vercel":
    case "vercel-edge":
      return readVercel(target, platform);
    case "netlify":
      return readNetlify(target);
    case "azure-functions":
      return readAzure(target);
    case "cloudflare-workers":
      return readWrangler(target);
    case "modal":
      return readModal(target);
    default:
      return null;
  }
}
