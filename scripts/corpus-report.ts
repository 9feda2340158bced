// Runs every corpus case (lib/runner/corpus/cases) through the Node simulator exactly as the CLI
// would, and prints expected against got for each, then the failures grouped by reason, so the
// features real handlers still need are visible at a glance. Not a test: most cases are expected
// to fail until the simulator grows the features they need.
//
//   npx tsx scripts/corpus-report.ts [case-id ...] [--json]
import { readdirSync } from "node:fs";
import { judge, loadCorpus, requestFor, type CorpusCase } from "../lib/runner/corpus/corpus";
import { createNodeSimulator } from "../lib/runner/node/simulator";
import type { SimulationResult } from "../lib/runner/types";

type Row = { c: CorpusCase; result: (SimulationResult & { realMs: number }) | null; usage: string | null; pass: boolean; mismatches: string[] };

const args = process.argv.slice(2);
const asJson = args.includes("--json");
const only = args.filter((a) => !a.startsWith("--"));
const corpus = loadCorpus().filter((c) => only.length === 0 || only.includes(c.id));

const fmtExpect = (c: CorpusCase) => `${c.expect.verdict} L${c.expect.line ?? "-"} ${c.expect.elapsed[0]}–${c.expect.elapsed[1]}s${c.expect.errorType ? ` ${c.expect.errorType}` : ""}`;
const fmtGot = (r: Row) => (r.result ? `${r.result.verdict} L${r.result.line ?? "-"} ${r.result.elapsedSeconds.toFixed(2)}s` : "UsageError");

const bareModule = (name: string) => name.replace(/^(jsr:|npm:|node:)/, "").replace(/(.)@[^/]*$/, "$1");

/** The file names a case folder holds, as module names (utils.py → utils, celery_proj/ → celery_proj). */
function siblingModules(c: CorpusCase): Set<string> {
  return new Set(readdirSync(c.root).map((name) => name.replace(/\.(py|js|mjs|cjs|ts|mts)$/, "")));
}

/**
 * Why a failing case failed, as a category and the part that varies least, so that cases needing
 * the same simulator feature group together: an import the simulator lacks (and whether the case's
 * model rule or project folder should have supplied it), a stub missing a name, an entry point not
 * found, a request refused, or a run that went wrong later.
 */
function reason(r: Row): string {
  if (r.usage) return `request refused: ${r.usage}`;
  const error = r.result?.error;
  if (error && (r.result?.verdict !== r.c.expect.verdict || r.c.expect.verdict === "error")) {
    const first = error.message.split("\n")[0]!;
    const missing = /^(ModuleNotFoundError|ModuleNotAvailableError|ImportsUnavailable)$/.test(error.type) ? /^(\S+) is not available/.exec(first)?.[1] ?? error.imports?.[0]?.module : undefined;
    if (missing) {
      const name = bareModule(missing);
      const top = name.split(/[./]/)[0]!;
      if ((r.c.world.model ?? []).some((m) => name === m || name.startsWith(`${m}.`) || name.startsWith(`${m}/`))) return `model rule not applied: ${name} is declared in model but the import fails`;
      if (siblingModules(r.c).has(top)) return `project module not loaded: ${name} is a file in the case folder (project.root)`;
      return `unknown import: ${name}`;
    }
    const lacks = /cannot import name '([^']+)' from '([^']+)'/.exec(first);
    if (lacks) return `stub lacks a name: ${lacks[2]}.${lacks[1]}`;
    if (/EntryPoint|HandlerNotFound/.test(error.type)) return `entry point not recognised (${r.c.kind}, handler ${r.c.handler ?? "not named"}): ${error.type}`;
    return `fails while running: ${error.type}: ${first.replace(/\d+(\.\d+)?/g, "N").slice(0, 120)}`;
  }
  return `wrong outcome: ${r.mismatches.map((m) => m.replace(/-?\d+(\.\d+)?/g, "N")).join("; ")}`;
}

const simulator = createNodeSimulator({ hardLimitMs: 30_000 });
const rows: Row[] = [];
for (const c of corpus) {
  let result: Row["result"] = null;
  let usage: string | null = null;
  try {
    result = await simulator.simulate(requestFor(c));
  } catch (error) {
    usage = (error as Error).message;
  }
  const verdict = result ? judge(c, result) : { pass: false, mismatches: ["the simulator refused the request"] };
  const row: Row = { c, result, usage, ...verdict };
  rows.push(row);
  if (!asJson) {
    const detail = row.pass ? "" : `  ${row.mismatches.join("; ")}${result?.error ? ` | ${result.error.type}: ${result.error.message.split("\n")[0]}` : usage ? ` | ${usage}` : ""}`;
    console.log(`${row.pass ? "PASS" : "FAIL"}  ${c.id.padEnd(36)} expected ${fmtExpect(c).padEnd(34)} got ${fmtGot(row).padEnd(22)}${detail}`);
  }
}
await simulator.close();

const failures = rows.filter((r) => !r.pass);
const groups = new Map<string, string[]>();
for (const r of failures) groups.set(reason(r), [...(groups.get(reason(r)) ?? []), r.c.id]);

if (asJson) {
  console.log(JSON.stringify({
    passed: rows.length - failures.length,
    failed: failures.length,
    cases: rows.map((r) => ({ id: r.c.id, pass: r.pass, expected: r.c.expect, got: r.result ? { verdict: r.result.verdict, line: r.result.line, elapsed: r.result.elapsedSeconds, error: r.result.error } : { usage: r.usage }, mismatches: r.mismatches })),
    groups: Object.fromEntries(groups),
  }, null, 2));
} else {
  console.log(`\n${rows.length - failures.length} passed, ${failures.length} failed (of ${rows.length})`);
  if (groups.size) console.log("\nFailures by reason:");
  for (const [why, ids] of [...groups].sort((a, b) => b[1].length - a[1].length)) console.log(`  ${ids.length} × ${why}\n      ${ids.join(", ")}`);
}
