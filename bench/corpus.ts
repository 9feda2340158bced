// Real handlers from the corpus (lib/runner/corpus), timed the way `deadline simulate` runs them:
// cold (a fresh worker: spawn, runtime load, first run) and warm (median and p95 of later runs in
// the same worker). With `--before <checkout>` the same handlers also go through an older
// checkout's simulator in the same process, so the two columns share the machine's noise; an
// older simulator that cannot run a handler is reported with the error it gave, not a time.
//   npx tsx bench/corpus.ts [--runs N] [--before /path/to/old/checkout] [case ...]
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createNodeSimulator } from "../lib/runner/node/simulator";
import { loadCorpus, requestFor } from "../lib/runner/corpus/corpus";
import type { SimulationRequest, SimulationResult } from "../lib/runner/types";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: "string", default: "15" }, before: { type: "string" } },
});
const RUNS = Number(values.runs);
const DEFAULT_CASES = ["runpod-comfyui-polling", "lambda-sqs-dynamodb-v3", "heroku-fastapi-sleep"];
const wanted = positionals.length ? positionals : DEFAULT_CASES;
const cases = loadCorpus().filter((c) => wanted.includes(c.id));
if (cases.length !== wanted.length) {
  const known = new Set(loadCorpus().map((c) => c.id));
  throw new Error(`unknown corpus case(s): ${wanted.filter((w) => !known.has(w)).join(", ")}`);
}

type Simulator = { simulate(r: SimulationRequest): Promise<SimulationResult>; close(): Promise<void> | void };
type Factory = () => Simulator;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

function outcome(result: SimulationResult): string {
  if (result.error) return `${result.verdict}: ${result.error.type}: ${result.error.message.split("\n")[0]!.slice(0, 90)}`;
  return `${result.verdict} at ${result.elapsedSeconds.toFixed(1)} s${result.line ? `, line ${result.line}` : ""}`;
}

async function measure(factory: Factory, request: SimulationRequest) {
  const simulator = factory();
  try {
    const t0 = performance.now();
    let result: SimulationResult;
    try {
      result = await simulator.simulate(request);
    } catch (error) {
      return { cold: performance.now() - t0, warm: [] as number[], outcome: `refused: ${(error as Error).message.split("\n")[0]}` };
    }
    const cold = performance.now() - t0;
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      result = await simulator.simulate(request);
      warm.push(performance.now() - t);
    }
    return { cold, warm, outcome: outcome(result) };
  } finally {
    await simulator.close();
  }
}

const factories: [string, Factory][] = [["now", () => createNodeSimulator({ hardLimitMs: 60_000 })]];
if (values.before) {
  const old = (await import(pathToFileURL(resolve(values.before, "lib/runner/node/simulator.ts")).href)) as {
    createNodeSimulator: (o?: { hardLimitMs?: number }) => Simulator;
  };
  factories.unshift(["before", () => old.createNodeSimulator({ hardLimitMs: 60_000 })]);
}

console.log(`corpus handlers: cold = fresh worker + first run; warm = ${RUNS} later runs, median / p95 (real ms)`);
for (const c of cases) {
  console.log(`\n${c.id} (${c.platform}, ${c.timeout === null ? "the preset's limit" : `${c.timeout} s`}; ${c.source.repo})`);
  for (const [label, factory] of factories) {
    const request = requestFor(c);
    const m = await measure(factory, request);
    const warm = m.warm.length ? `warm ${median(m.warm).toFixed(0)} / ${p95(m.warm).toFixed(0)} ms` : "no warm runs";
    console.log(`  ${label.padEnd(6)} cold ${m.cold.toFixed(0)} ms, ${warm} → ${m.outcome}`);
  }
}
