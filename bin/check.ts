// `deadline check`: every handler in the project's deadline.config.json (or package.json
// "deadline"), against its events, on worker threads; exit 1 when any run times out, fails or uses
// more than --max-share of its limit. The logic lives in lib/check; this reads flags and writes.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { exitCodeOf, runCheck, type Report } from "../lib/check";
import { coloursFor, formatHuman } from "../lib/check/reporters/human";
import { UsageError } from "../lib/runner/prepare";
import { EXIT, parseArgs, FLAGS, usageOf } from "./args";

const REPORTERS = ["human", "json", "junit", "github"] as const;
type ReporterName = (typeof REPORTERS)[number];

/** 80, 80%, 0.8: a share of the limit. */
export function parseShare(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  const share = m && (m[2] || n > 1) ? n / 100 : n;
  if (!(share > 0 && share <= 1)) throw new UsageError(`--max-share must be a share of the limit such as 80, 80% or 0.8 (more than 0, at most 100 %), got "${text}"`);
  return share;
}

function reporters(args: ReturnType<typeof parseArgs>): { name: ReporterName; file?: string }[] {
  const list = (args.flags.get("reporter") ?? []).map((value) => {
    const [name, file] = value.split(/=(.*)/s) as [string, string | undefined];
    if (!(REPORTERS as readonly string[]).includes(name)) throw new UsageError(`--reporter must be one of ${REPORTERS.join(", ")} (optionally =<file>), got "${value}"`);
    if (file === "") throw new UsageError(`--reporter ${name}= needs a file name after =`);
    return { name: name as ReporterName, ...(file ? { file } : {}) };
  });
  if (args.bools.has("json")) list.push({ name: "json" });
  return list.length ? list : [{ name: "human" }];
}

async function format(name: ReporterName, report: Report, root: string, colour: boolean, out: NodeJS.WritableStream): Promise<string> {
  if (name === "json") return (await import("../lib/check/reporters/json")).formatJson(report);
  if (name === "junit") return (await import("../lib/check/reporters/junit")).formatJunit(report);
  if (name === "github") return (await import("../lib/check/reporters/github")).formatGithub(report, { root });
  return formatHuman(report, colour ? coloursFor(out as { isTTY?: boolean }) : undefined);
}

export async function check(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, cwd = process.cwd()): Promise<number> {
  const args = parseArgs(argv, FLAGS.check.valued, FLAGS.check.booleans);
  if (args.bools.has("help")) {
    out.write(`${usageOf("check")}\n`);
    return EXIT.ok;
  }
  if (args.positional.length) throw new UsageError(`check takes no arguments (got "${args.positional[0]}"): it reads deadline.config.json, or --config <file>`);
  if (args.bools.has("init")) {
    const { writeStarterConfig } = await import("../lib/check/init");
    const written = await writeStarterConfig(cwd);
    out.write(`${written.message}\n`);
    return EXIT.ok;
  }
  const shareText = args.flags.get("max-share")?.at(-1);
  const workersText = args.flags.get("workers")?.at(-1);
  const workers = workersText === undefined ? undefined : Number(workersText);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) throw new UsageError(`--workers must be a whole number from 1 to 64, got "${workersText}"`);
  const wanted = reporters(args);
  const { report, loaded } = await runCheck({
    dir: cwd,
    ...(args.flags.get("config") ? { config: args.flags.get("config")!.at(-1)! } : {}),
    ...(shareText !== undefined ? { maxShare: parseShare(shareText) } : {}),
    ...(workers !== undefined ? { workers } : {}),
  });
  for (const { name, file } of wanted) {
    const text = await format(name, report, loaded.root, !file, out);
    if (file) {
      try {
        await writeFile(path.resolve(cwd, file), text);
      } catch (error) {
        err.write(`deadline: cannot write the ${name} report to ${file}: ${(error as Error).message}\n`);
        return EXIT.usage;
      }
    } else out.write(text);
  }
  return exitCodeOf(report);
}
