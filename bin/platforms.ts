// `deadline platforms`: the presets, their plans and limits.
import { PLATFORMS, platformSummary } from "../lib/runner/platforms";
import { UsageError } from "../lib/runner/prepare";
import { EXIT, parseArgs, FLAGS, usageOf } from "./args";

export function platforms(argv: string[], out: NodeJS.WritableStream): number {
  const args = parseArgs(argv, FLAGS.platforms.valued, FLAGS.platforms.booleans);
  if (args.bools.has("help")) {
    out.write(`${usageOf("platforms")}\n`);
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

