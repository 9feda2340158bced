// The `deadline` command's start-up cost, old path and new in the same run (the machine is noisy:
// compare the ratio, not the seconds across runs). Prints figures; asserts nothing.
//   npx tsx bench/cli.ts [warm runs per path, default 5]
//
//   old: TypeScript through tsx in the command and in the simulator's worker, the search index
//        built from every article's MDX, Python engines from a snapshot of a bare interpreter
//        that then install and warm up the shims (DEADLINE_CLI=tsx DEADLINE_PYODIDE_SNAPSHOT=bare:
//        what main ran before dist/cli existed)
//   new: the bundle in dist/cli (npm ci builds it), the prebuilt search index, Python from the
//        snapshot of the engine after warm-up
//
// cold: the first call with the caches that path writes emptied (tsx's transform cache, the
// Pyodide snapshot it restores, the rebuilt search index); warm: the median of the later calls.
// The last table is where a Python call's time goes on the new path (DEADLINE_TIMING=1).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "bin", "deadline.mjs");
const CACHE = path.join(ROOT, "node_modules", ".cache", "deadline");
const RUNS = Number(process.argv[2] ?? 5);
const work = mkdtempSync(path.join(tmpdir(), "deadline-bench-cli-"));

const PY = path.join(work, "sleeps.py");
writeFileSync(PY, 'import time\n\n\ndef lambda_handler(event, context):\n    time.sleep(5)\n    return {"ok": True}\n');
const JS = path.join(ROOT, "bin", "__fixtures__", "awaits-five-seconds.mjs");

// A copy of the articles with one changed: what `deadline search` meets after someone edits content.
const EDITED = path.join(work, "errors");
cpSync(path.join(ROOT, "content", "errors"), EDITED, { recursive: true });
const first = readdirSync(EDITED).sort()[0]!;
writeFileSync(path.join(EDITED, first, "index.mdx"), `${readFileSync(path.join(EDITED, first, "index.mdx"), "utf8")}\nEdited for the benchmark.\n`);

type Path = "old" | "new";
const ENV: Record<Path, Record<string, string>> = {
  old: { DEADLINE_CLI: "tsx", DEADLINE_PYODIDE_SNAPSHOT: "bare" },
  new: { DEADLINE_CLI: "bundle" },
};
// tsx keeps its transforms in os.tmpdir(): each path gets a folder of its own, emptied for cold.
const TMP: Record<Path, string> = { old: path.join(work, "tmp-old"), new: path.join(work, "tmp-new") };

type Case = { name: string; args: string[]; env?: Record<string, string>; cold: (p: Path) => void };
const clearTsx = (p: Path) => rmSync(TMP[p], { recursive: true, force: true });
const clearSnapshots = (kind: "bare" | "engine") => {
  for (const name of readdirSync(CACHE, { withFileTypes: true }).map((d) => d.name)) {
    const isEngine = name.includes("-engine-");
    if (name.endsWith(".snapshot") && (kind === "engine" ? isEngine : !isEngine)) rmSync(path.join(CACHE, name));
  }
};
const clearIndexCache = () => {
  for (const name of readdirSync(CACHE)) if (name.startsWith("search-index-")) rmSync(path.join(CACHE, name));
};

const CASES: Case[] = [
  { name: "deadline platforms", args: ["platforms"], cold: clearTsx },
  { name: 'deadline search "Task timed out after 3.00 seconds"', args: ["search", "Task timed out after 3.00 seconds"], cold: clearTsx },
  {
    name: "deadline search, after an article changed",
    args: ["search", "Task timed out after 3.00 seconds"],
    env: { DEADLINE_CONTENT_DIR: EDITED },
    cold: (p) => {
      clearTsx(p);
      clearIndexCache();
    },
  },
  { name: "deadline simulate JS handler, 5 s of timers", args: ["simulate", JS, "--timeout", "10"], cold: clearTsx },
  {
    name: "deadline simulate Python handler, time.sleep(5)",
    args: ["simulate", PY, "--platform", "aws-lambda", "--timeout", "10"],
    cold: (p) => {
      clearTsx(p);
      clearSnapshots(p === "old" ? "bare" : "engine");
    },
  },
];

function call(p: Path, c: Case, extra: Record<string, string> = {}): { ms: number; stderr: string; status: number | null } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [BIN, ...c.args], { cwd: ROOT, env: { ...process.env, ...ENV[p], ...c.env, ...extra, TMPDIR: TMP[p] }, encoding: "utf8" });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`${p} ${c.name}: exit ${child.status}\n${child.stderr}`);
  return { ms, stderr: child.stderr, status: child.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const version = spawnSync(process.execPath, [BIN, "--version"], { env: { ...process.env, DEADLINE_CLI: "bundle" }, encoding: "utf8" });
if (version.status !== 0) throw new Error(`the bundle is not fresh: ${version.stderr.trim()} (npm run build:cli)`);
console.log(`${version.stdout.trim()}\n${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the start; ${RUNS} warm runs per path\n`);

const floor: number[] = [];
const launcher: number[] = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  spawnSync(process.execPath, ["-e", ""]);
  floor.push(performance.now() - t);
  t = performance.now();
  spawnSync(process.execPath, [BIN, "--version"], { env: { ...process.env, DEADLINE_CLI: "bundle" } });
  launcher.push(performance.now() - t);
}
console.log(`floor: node -e "" ${s(median(floor))}; deadline --version (launcher, freshness check of dist/cli, bundle entry) ${s(median(launcher))}\n`);

const rows: string[][] = [["command", "old cold", "new cold", "cold ratio", "old warm", "new warm", "warm ratio", "new warm min"]];
for (const c of CASES) {
  const cold: Record<Path, number> = { old: 0, new: 0 };
  for (const p of ["old", "new"] as const) {
    c.cold(p);
    cold[p] = call(p, c).ms;
  }
  const warm: Record<Path, number[]> = { old: [], new: [] };
  for (let i = 0; i < RUNS; i++) for (const p of ["old", "new"] as const) warm[p].push(call(p, c).ms);
  const [wo, wn] = [median(warm.old), median(warm.new)];
  rows.push([c.name, s(cold.old), s(cold.new), `${(cold.old / cold.new).toFixed(1)}×`, s(wo), s(wn), `${(wo / wn).toFixed(1)}×`, s(Math.min(...warm.new))]);
  console.error(`  measured: ${c.name}`);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "));

// Where a Python call's time goes on the new path.
const python = CASES.at(-1)!;
const phases: Record<string, number[]> = {};
for (let i = 0; i < RUNS; i++) {
  const { stderr, ms } = call("new", python, { DEADLINE_TIMING: "1" });
  const line = stderr.split("\n").find((l) => l.startsWith("timing:")) ?? "";
  for (const m of line.matchAll(/(node and the command's modules|worker|python engine|run) (\d+) ms/g)) (phases[m[1]!] ??= []).push(Number(m[2]));
  (phases.total ??= []).push(ms);
}
console.log(`\nnew path, Python call (${RUNS} calls, medians; engine = snapshot restore + shim files): ${Object.entries(phases).map(([k, v]) => `${k} ${median(v).toFixed(0)} ms`).join(", ")}`);
console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
rmSync(work, { recursive: true, force: true });
