// `deadline simulate`: one handler on a platform's simulated clock.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseEnvLine, parseEnvText } from "../lib/runner/env";
import { parseLatencyRule } from "../lib/runner/latency";
import { createNodeSimulator } from "../lib/runner/node/simulator";
import { findPlatform, inferPlatform, languageOfFile, UsageError } from "../lib/runner/prepare";
import { MAX_CONCURRENCY, type SimulationRequest } from "../lib/runner/types";
import { mergeWorld, parseCostRule, parseModelList, parseResponseRule, parseWorld, type WorldRules } from "../lib/runner/world";
import { EXIT, parseArgs, readJsonOrFile, usage, FLAGS, usageOf, type Parsed } from "./args";
import { formatRequests, formatTimeline, formatVerdict } from "./format";

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

export async function simulate(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const commandAt = performance.now();
  const args = parseArgs(argv, FLAGS.simulate.valued, FLAGS.simulate.booleans);
  if (args.bools.has("help")) {
    out.write(`${usageOf("simulate")}\n`);
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
  const concurrencyText = args.flags.get("concurrency")?.at(-1);
  const concurrency = concurrencyText === undefined ? undefined : Number(concurrencyText);
  if (concurrencyText !== undefined && !(/^\d+$/.test(concurrencyText) && concurrency! >= 1 && concurrency! <= MAX_CONCURRENCY)) {
    throw new UsageError(`--concurrency must be a whole number of simultaneous requests from 1 to ${MAX_CONCURRENCY}, got "${concurrencyText}"`);
  }
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
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(args.bools.has("no-project") ? {} : { project: { root: path.resolve(path.dirname(file)), ...(pythonPath.length ? { pythonPath } : {}) } }),
  };
  const simulator = createNodeSimulator();
  try {
    // DEADLINE_TIMING=1: where the real time of this call went, on stderr (bench/cli.ts reads it).
    const timing = process.env.DEADLINE_TIMING === "1";
    const engineMs = timing ? await simulator.warm(language) : 0;
    const readyAt = performance.now();
    const { realMs: _realMs, ...result } = await simulator.simulate(request);
    if (timing) {
      const ms = (n: number) => `${n.toFixed(0)} ms`;
      err.write(`timing: node and the command's modules ${ms(commandAt)}, worker ${ms(readyAt - commandAt - engineMs)}, ${language} engine ${ms(engineMs)}, run ${ms(performance.now() - readyAt)}\n`);
    }
    if (args.bools.has("json")) out.write(`${JSON.stringify(result)}\n`);
    else {
      const preset = findPlatform(platform);
      const requests = formatRequests(result, path.basename(file));
      out.write(`${formatVerdict(result, preset, path.basename(file))}\n${requests ? `\n${requests}\n` : ""}${formatTimeline(result, preset.countsInit)}\n`);
    }
    return EXIT[result.verdict];
  } finally {
    await simulator.close();
  }
}

