// Cloudflare Workers: `limits.cpu_ms` in wrangler.toml / wrangler.json(c), CPU milliseconds per
// request, up to 300,000, on the Paid plan only (developers.cloudflare.com/workers/wrangler/configuration/#limits,
// lib/runner/platforms/SOURCES.md); without it the plan's default. Only the top-level setting is
// read, not an `[env.<name>]` override.
import { readFileSync } from "node:fs";
import { findUp, shown } from "./files";
import { readToml } from "./netlify";
import { DeployConfigError, type DeployLimit, type DeployTarget } from "./types";
import { isRecord } from "./yaml";

export const WRANGLER_FILES = ["wrangler.toml", "wrangler.json", "wrangler.jsonc"];

/** JSON with comments and trailing commas, as wrangler.jsonc allows; strings are left alone. */
export function parseJsonc(text: string): unknown {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      out += text.slice(start, i + 1);
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

export function readWranglerFile(configFile: string, where: string): Record<string, unknown> {
  if (configFile.endsWith(".toml")) return readToml(configFile, where);
  try {
    const data = parseJsonc(readFileSync(configFile, "utf8"));
    return isRecord(data) ? data : {};
  } catch (error) {
    throw new DeployConfigError(where, "", `is not valid JSON: ${(error as Error).message}`);
  }
}

export function readWrangler(target: DeployTarget): DeployLimit {
  const configFile = target.config ?? findUp(target.file, target.root, WRANGLER_FILES);
  if (!configFile) return { source: "no wrangler config: the plan's default" };
  const where = shown(configFile, target.root);
  const data = readWranglerFile(configFile, where);
  const limits = isRecord(data.limits) ? data.limits : {};
  if (limits.cpu_ms === undefined) return { source: `${where} sets no limits.cpu_ms: the plan's default` };
  const ms = limits.cpu_ms;
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) throw new DeployConfigError(where, "limits.cpu_ms", `must be a number of milliseconds, got ${JSON.stringify(ms)}`);
  return { timeout: ms / 1000, plan: "paid", source: `${where} limits.cpu_ms = ${ms} (Workers Paid)` };
}
