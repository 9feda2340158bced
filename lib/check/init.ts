// `deadline check --init`: a starter deadline.config.json from what the repository holds. Deploy
// configs name their handlers (serverless.yml, SAM template.yaml, wrangler.toml `main`); folders
// the platforms route by convention hold the rest (api/ and app/**/route.ts for Vercel,
// netlify/functions for Netlify); Python files are recognised by their entry (runpod's start,
// Modal's decorators, lambda_handler). Every handler gets a `default` event to edit, and
// "deploy-config" for its timeout where its platform has a deploy config the check reads.
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { inferPlatform, languageOfFile } from "../runner/prepare";
import { CONFIG_FILE, ConfigError } from "./config";
import { DEPLOY_CONFIGS } from "./deploy";
import { shown } from "./deploy/files";
import { netlifyFunctionName } from "./deploy/netlify";
import { samFunctions, SAM_FILES } from "./deploy/sam";
import { serverlessFunctions, SERVERLESS_FILES } from "./deploy/serverless";
import { readWranglerFile, WRANGLER_FILES } from "./deploy/wrangler";

const SKIP = new Set(["node_modules", ".git", "dist", "build", "out", ".next", ".vercel", ".netlify", ".serverless", ".aws-sam", ".venv", "venv", "env", "__pycache__", "coverage", "site-packages", ".wrangler"]);
/** Enough for any repository a person would point this at; a monorepo of thousands stops here. */
const MAX_FILES = 20_000;
const MAX_SOURCE_BYTES = 512 * 1024;

async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const queue = [root];
  while (queue.length && files.length < MAX_FILES) {
    const dir = queue.shift()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".") && entry.name !== ".") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) queue.push(full);
      } else if (entry.isFile()) files.push(full);
    }
  }
  return files;
}

export type Found = { file: string; platform: string; handler?: string; deployConfig: boolean; why: string };

function resolveModule(base: string, module: string): string | null {
  for (const ext of [".py", ".ts", ".mts", ".js", ".mjs", ".cjs"]) {
    const file = path.join(base, `${module}${ext}`);
    if (existsSync(file)) return file;
  }
  return null;
}

/** The handlers in a repository, each once, in a stable order. */
export async function findHandlers(root: string): Promise<Found[]> {
  const files = await walk(root);
  const found = new Map<string, Found>();
  const add = (item: Found) => {
    const key = `${item.file}#${item.handler ?? ""}`;
    if (!found.has(key)) found.set(key, item);
  };
  // A file a deploy config names is that platform's: the folder conventions below do not claim it again.
  const claimed = (file: string) => [...found.values()].some((f) => f.file === file);
  const names = (file: string) => path.basename(file);
  for (const file of files) {
    const base = names(file);
    const dir = path.dirname(file);
    try {
      if (SERVERLESS_FILES.includes(base)) {
        for (const fn of serverlessFunctions(file, root).functions) {
          const target = resolveModule(dir, fn.module);
          if (target) add({ file: target, platform: "aws-lambda", handler: fn.entry, deployConfig: true, why: `${shown(file, root)} functions.${fn.name}` });
        }
      } else if (SAM_FILES.includes(base)) {
        for (const fn of samFunctions(file, root).functions) {
          const target = resolveModule(dir, fn.module);
          if (target) add({ file: target, platform: "aws-lambda", handler: fn.entry, deployConfig: true, why: `${shown(file, root)} Resources.${fn.name}` });
        }
      } else if (WRANGLER_FILES.includes(base)) {
        const main = readWranglerFile(file, shown(file, root)).main;
        if (typeof main === "string" && existsSync(path.join(dir, main))) add({ file: path.join(dir, main), platform: "cloudflare-workers", deployConfig: true, why: `${shown(file, root)} main` });
      }
    } catch {
      // A deploy config the readers cannot parse: its handlers are still found by convention below.
    }
  }
  for (const file of files) {
    const language = languageOfFile(file);
    if (!language || claimed(file) || /\.(test|spec|d)\.[cm]?[jt]s$|_test\.py$|^test_.*\.py$/.test(path.basename(file))) continue;
    const rel = shown(file, root);
    let code: string;
    try {
      const text = await readFile(file);
      if (text.length > MAX_SOURCE_BYTES) continue;
      code = text.toString("utf8");
    } catch {
      continue;
    }
    if (language !== "python" && /^(?:.*\/)?netlify\/functions\//.test(rel)) {
      add({ file, platform: "netlify", deployConfig: true, why: `netlify/functions (${netlifyFunctionName(file)})` });
    } else if (/^(?:.*\/)?(?:app\/(?:.*\/)?route\.[cm]?[jt]s|pages\/api\/.+|api\/.+)$/.test(rel) && !rel.split("/").includes("lib")) {
      const platform = inferPlatform(code, language);
      const vercelish = platform === "vercel" || platform === "vercel-edge" || /^(?:.*\/)?api\//.test(rel);
      if (vercelish) add({ file, platform: platform === "vercel-edge" ? "vercel-edge" : "vercel", deployConfig: platform !== "vercel-edge", why: "a Vercel function by its folder" });
    } else if (language === "python") {
      const platform = inferPlatform(code, language);
      if (platform === "runpod" || platform === "modal" || platform === "celery" || platform === "azure-functions" || platform === "gcp-functions") {
        add({ file, platform, deployConfig: platform in DEPLOY_CONFIGS, why: `its code (${platform})` });
      } else if (/^def\s+lambda_handler\s*\(/m.test(code)) add({ file, platform: "aws-lambda", deployConfig: false, why: "def lambda_handler" });
    }
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Writes deadline.config.json in `root` from the handlers found; refuses to replace one. */
export async function writeStarterConfig(root: string): Promise<{ file: string; handlers: number; message: string }> {
  const file = path.join(root, CONFIG_FILE);
  if (existsSync(file)) throw new ConfigError(CONFIG_FILE, "", "exists already: edit it, or remove it to start again with --init");
  const found = await findHandlers(root);
  if (found.length === 0) {
    throw new ConfigError(CONFIG_FILE, "", "not written: no handlers found here (no serverless.yml, template.yaml, wrangler config, api/, app/**/route.ts, netlify/functions, nor Python handlers); write one by hand (README: Use in CI)");
  }
  const lambdaWithoutConfig = (f: Found) => f.platform === "aws-lambda" && !f.deployConfig;
  const config = {
    maxShare: 0.8,
    handlers: found.map((f) => ({
      file: shown(f.file, root),
      platform: f.platform,
      ...(f.handler ? { handler: f.handler } : {}),
      // Lambda's own default (3 s) is what runs when nothing sets a limit: say so explicitly.
      ...(f.deployConfig ? { timeout: "deploy-config" } : lambdaWithoutConfig(f) ? { timeout: 3 } : {}),
      events: { default: {} },
    })),
  };
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  const lines = found.map((f) => `  ${shown(f.file, root)}  ${f.platform}${f.handler ? ` (${f.handler})` : ""}  — ${f.why}`);
  return {
    file,
    handlers: found.length,
    message: [`wrote ${CONFIG_FILE} with ${found.length} handler${found.length === 1 ? "" : "s"}:`, ...lines, "give each one the events it gets (inline, or \"@file.json\"), then run deadline check"].join("\n"),
  };
}
