import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { parseEnvLine, parseEnvText } from "../lib/runner/env";
import { parseLatencyRule } from "../lib/runner/latency";
import { mergeWorld, parseCostRule, parseModelList, parseResponseRule, parseWorld, type WorldRules } from "../lib/runner/world";
import { createNodeSimulator } from "../lib/runner/node/simulator";
import { PLATFORMS, platformSummary } from "../lib/runner/platforms";
import { findPlatform, inferPlatform, languageOfFile, UsageError } from "../lib/runner/prepare";
import type { SimulationRequest } from "../lib/runner/types";
import { SITE_URL } from "../lib/site";
import { formatTimeline, formatVerdict } from "./format";

export const EXIT = { ok: 0, timeout: 1, error: 2, usage: 64 } as const;

const USAGE = `usage:
  deadline simulate <file> [options]     run a handler on a platform's simulated clock
    --platform <id>                      preset (see deadline platforms); inferred from the code when absent
    --plan <id>                          the platform's plan or mode, e.g. pro-fluid, paid, background
    --timeout <seconds>                  the limit, in seconds of the platform's clock
    --handler <name>                     the entry point a deploy config names (endpoint, handler.endpoint)
    --event <json>|@<file>               the event / job input; @file takes sample-event files as they are
    --latency <host>=<seconds>           how long a host takes to answer (*.example.com, * for the rest)
    --respond '<METHOD url> => <answers>'  what a URL answers: 200 {"ok": true}; 3x 503; from 45s 200 ...
    --model <module>[,<module>]          modules present but not run: their calls are modelled
    --cost <pattern>=<seconds>           how long a modelled call takes: diffusers.*.from_pretrained=40
    --rules <json>|@<file.json|yaml>     latency, responses, model and cost rules in one file
    --env KEY=VALUE                      an environment variable (a secret, a setting); repeatable
    --env-file <file>                    KEY=VALUE lines, as a .env file holds them
    --python-path <dir>                  a virtualenv's site-packages, for pure-Python packages
    --no-project                         do not load sibling modules or node_modules from the file's folder
    --json                               print the result as one JSON object
  deadline platforms [--json]            the presets, their plans and limits
  deadline search [<query>] [--limit <n>] [--json]      reads the query from stdin when none is given
  deadline notes export > f.jsonl | import [<file>] [--dry-run]   the community notes store as JSON Lines
exit codes: 0 finished, 1 timed out, 2 the handler failed, 64 a usage error`;

/** `deadline search` found no article: exit 1, like grep. */
const NO_MATCH = 1;
const MAX_SEARCH_LIMIT = 50;

type Parsed = { positional: string[]; flags: Map<string, string[]>; bools: Set<string> };

function parseArgs(argv: string[], valued: string[], booleans: string[]): Parsed {
  const parsed: Parsed = { positional: [], flags: new Map(), bools: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (booleans.includes(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      parsed.bools.add(name);
    } else if (valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.flags.set(name, [...(parsed.flags.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown flag --${name}`);
    }
  }
  return parsed;
}

async function readJsonOrFile(value: string, flag: string): Promise<unknown> {
  let text = value;
  let yamlAllowed = false;
  if (value.startsWith("@")) {
    const file = value.slice(1);
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new UsageError(`cannot read ${flag} file ${file}`);
    }
    yamlAllowed = /\.ya?ml$/i.test(file);
  }
  try {
    return yamlAllowed ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new UsageError(`${flag} is not valid ${yamlAllowed ? "YAML" : "JSON"}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Turns a thrown parse error into a usage error, keeping its message. */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function worldFromFlags(args: Parsed): Promise<WorldRules> {
  const layers: WorldRules[] = [];
  for (const value of args.flags.get("rules") ?? []) {
    const input = await readJsonOrFile(value, "--rules");
    layers.push(usage(() => parseWorld(input, "--rules")));
  }
  const flags: WorldRules = {};
  for (const rule of args.flags.get("latency") ?? []) {
    const [host, seconds] = usage(() => parseLatencyRule(rule));
    (flags.latency ??= {})[host] = seconds;
  }
  for (const names of args.flags.get("model") ?? []) (flags.model ??= []).push(...usage(() => parseModelList(names)));
  for (const rule of args.flags.get("cost") ?? []) {
    const [pattern, seconds] = usage(() => parseCostRule(rule));
    (flags.cost ??= {})[pattern] = seconds;
  }
  const merged = mergeWorld(...layers, flags);
  // --respond rules are tried in the order typed, before any from a --rules file.
  const typed = (args.flags.get("respond") ?? []).map((rule) => usage(() => parseResponseRule(rule)));
  if (typed.length) merged.responses = [...typed, ...(merged.responses ?? [])];
  return merged;
}

async function envFromFlags(args: Parsed): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const file of args.flags.get("env-file") ?? []) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new UsageError(`cannot read --env-file ${file}`);
    }
    Object.assign(env, usage(() => parseEnvText(text, file)));
  }
  for (const item of args.flags.get("env") ?? []) {
    const pair = usage(() => parseEnvLine(item, "--env"));
    if (!pair) throw new UsageError(`--env needs KEY=VALUE, got "${item}"`);
    env[pair[0]] = pair[1];
  }
  return env;
}

async function simulate(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const args = parseArgs(argv, ["platform", "plan", "timeout", "handler", "event", "latency", "respond", "model", "cost", "rules", "python-path", "env", "env-file"], ["json", "no-project", "help"]);
  if (args.bools.has("help")) {
    out.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (args.positional.length !== 1) throw new UsageError("simulate takes exactly one file");
  const file = args.positional[0]!;
  const language = languageOfFile(file);
  if (!language) throw new UsageError(`cannot tell the language of ${file}: use .py, .js, .mjs, .cjs or .ts`);
  let code: string;
  try {
    code = await readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const platform = args.flags.get("platform")?.at(-1) ?? inferPlatform(code, language);
  findPlatform(platform);
  const timeoutText = args.flags.get("timeout")?.at(-1);
  const timeout = timeoutText === undefined ? undefined : Number(timeoutText);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got "${timeoutText}"`);
  const eventText = args.flags.get("event")?.at(-1);
  const world = await worldFromFlags(args);
  const env = await envFromFlags(args);
  const handler = args.flags.get("handler")?.at(-1);
  const plan = args.flags.get("plan")?.at(-1);
  const pythonPath = (args.flags.get("python-path") ?? []).map((dir) => path.resolve(dir));
  if (pythonPath.length && args.bools.has("no-project")) throw new UsageError("--python-path needs the project: drop --no-project");
  const request: SimulationRequest = {
    language,
    code,
    filename: path.basename(file),
    platform,
    ...(timeout !== undefined ? { timeout } : {}),
    ...(eventText !== undefined ? { event: await readJsonOrFile(eventText, "--event") } : {}),
    ...world,
    latency: world.latency ?? {},
    ...(Object.keys(env).length ? { env } : {}),
    ...(handler ? { handler } : {}),
    ...(plan ? { plan } : {}),
    ...(args.bools.has("no-project") ? {} : { project: { root: path.resolve(path.dirname(file)), ...(pythonPath.length ? { pythonPath } : {}) } }),
  };
  const simulator = createNodeSimulator();
  try {
    const { realMs: _realMs, ...result } = await simulator.simulate(request);
    if (args.bools.has("json")) out.write(`${JSON.stringify(result)}\n`);
    else {
      const preset = findPlatform(platform);
      out.write(`${formatVerdict(result, preset, path.basename(file))}\n${formatTimeline(result, preset.countsInit)}\n`);
    }
    return EXIT[result.verdict];
  } finally {
    await simulator.close();
  }
}

function platforms(argv: string[], out: NodeJS.WritableStream): number {
  const args = parseArgs(argv, [], ["json", "help"]);
  if (args.bools.has("help")) {
    out.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (args.positional.length) throw new UsageError("platforms takes no arguments");
  const rows = PLATFORMS.map(platformSummary);
  if (args.bools.has("json")) {
    out.write(`${JSON.stringify(rows)}\n`);
    return EXIT.ok;
  }
  const fmt = (n: number | null) => (n === null ? "none" : `${n} s`);
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    out.write(`${r.id.padEnd(width)}  ${r.clock === "cpu" ? "CPU " : "wall"}  default ${fmt(r.defaultTimeout).padEnd(9)} max ${fmt(r.maxTimeout).padEnd(10)} ${r.name}\n`);
  }
  return EXIT.ok;
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function search(argv: string[], out: NodeJS.WritableStream, input: NodeJS.ReadableStream): Promise<number> {
  const args = parseArgs(argv, ["limit"], ["json", "help"]);
  if (args.bools.has("help")) {
    out.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const limitText = args.flags.get("limit")?.at(-1);
  const limit = limitText === undefined ? 5 : Number(limitText);
  if (limitText !== undefined && !(/^\d+$/.test(limitText) && limit >= 1 && limit <= MAX_SEARCH_LIMIT)) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got "${limitText}"`);
  }
  let query = args.positional.join(" ");
  if (!query) {
    if ((input as NodeJS.ReadStream).isTTY) throw new UsageError("search needs a query: pass it as an argument or pipe it on stdin");
    query = await readAll(input);
  }
  if (!query.trim()) throw new UsageError("search needs a query: the text is empty");
  // Loaded here, not at the top: `simulate` should not pay for reading every article.
  const { serverEngine } = await import("../lib/search/documents.server");
  const { hits, verdict, contrast, recognised } = (await serverEngine()).search(query, { limit });
  if (args.bools.has("json")) {
    out.write(`${JSON.stringify(hits.map(({ slug, title, url, platform, score }) => ({ slug, title, url: `${SITE_URL}${url}`, platform, score })))}\n`);
    return hits.length ? EXIT.ok : NO_MATCH;
  }
  if (verdict === "not-covered") {
    const found = [...recognised.exceptions, ...recognised.codes].slice(0, 6);
    out.write(`Deadline has no article for this error${found.length ? ` (recognised: ${found.join(", ")})` : ""}.${hits.length ? " The closest:" : ""}\n`);
  } else if (verdict === "ambiguous" && contrast) {
    out.write("The first two fit equally well. What would tell them apart:\n");
    for (const c of contrast) out.write(`   ${c.slug}: ${c.lookFor.length ? c.lookFor.join(" or ") : `it ran on ${c.platformName}`}\n`);
  }
  hits.forEach((hit, i) => {
    out.write(`${i + 1}. ${hit.title}  [${hit.platformName}, ${hit.score.toFixed(2)}]\n   ${SITE_URL}${hit.url}${hit.cause ? `  (cause ${hit.cause.n}: ${hit.cause.title})` : ""}\n`);
  });
  return hits.length ? EXIT.ok : NO_MATCH;
}

export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "simulate") return await simulate(rest, out);
    if (command === "platforms") return platforms(rest, out);
    if (command === "search") return await search(rest, out, input);
    if (command === "notes") return await (await import("./notes")).notesCommand(rest, out, err, input);
    if (command === "--help" || command === "-h" || command === "help") {
      out.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`deadline: ${error.message} (see deadline --help)\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
