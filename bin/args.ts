// What the commands share: flag parsing and values given inline or as @file.
import { readFile } from "node:fs/promises";
import { UsageError } from "../lib/runner/prepare";

export { EXIT, FLAGS, launchInfo, USAGE, usageOf, type Launch } from "./launch";

export type Parsed = { positional: string[]; flags: Map<string, string[]>; bools: Set<string> };

export function parseArgs(argv: string[], valued: readonly string[], booleans: readonly string[]): Parsed {
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

export async function readJsonOrFile(value: string, flag: string): Promise<unknown> {
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
    // yaml is loaded only for a .yaml file: most calls never need it.
    return yamlAllowed ? ((await import("yaml")).parse(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new UsageError(`${flag} is not valid ${yamlAllowed ? "YAML" : "JSON"}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Turns a thrown parse error into a usage error, keeping its message. */
export function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}
