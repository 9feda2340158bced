// Simulator speed, measured the way the CLI and verify:content use it: through the Node worker
// host. Prints cold start (worker + runtime load) and warm run times for Python and JS, and how
// many virtual seconds are simulated per real second on sleep-heavy handlers.
//   npx tsx bench/simulator.ts [runs]
import { readFileSync } from "node:fs";
import { createNodeSimulator } from "../lib/runner/node/simulator";
import type { SimulationRequest } from "../lib/runner/types";

const RUNS = Number(process.argv[2] ?? 30);

// The article example people open most: a RunPod handler that loads its model inside the job.
const RUNPOD_BROKEN = readFileSync(new URL("../content/errors/runpod-handler-timeout/broken.py", import.meta.url), "utf8");

const CASES: { name: string; request: SimulationRequest }[] = [
  {
    name: "python: RunPod broken example (runpod-handler-timeout/broken.py, 60 s)",
    request: { language: "python", platform: "runpod", timeout: 60, event: { prompt: "a lighthouse at dusk" }, code: RUNPOD_BROKEN },
  },
  {
    name: "python: sync time.sleep(120) under runpod 600 s",
    request: { language: "python", platform: "runpod", timeout: 600, code: 'import time, runpod\n\ndef handler(job):\n    time.sleep(120)\n    return "done"\n\nrunpod.serverless.start({"handler": handler})\n' },
  },
  {
    name: "python: asyncio.gather of 100 sleeps up to 120 s",
    request: {
      language: "python",
      platform: "aws-lambda",
      timeout: 900,
      code: "import asyncio\n\nasync def work(i):\n    await asyncio.sleep(1.2 * (i + 1))\n\ndef lambda_handler(event, context):\n    async def main():\n        await asyncio.gather(*(work(i) for i in range(100)))\n    asyncio.run(main())\n    return 'ok'\n",
    },
  },
  {
    name: "python: 120 × requests.get to a 1 s host",
    request: { language: "python", platform: "aws-lambda", timeout: 900, latency: { "api.example.com": 1 }, code: "import requests\n\ndef lambda_handler(event, context):\n    for _ in range(120):\n        requests.get('https://api.example.com/x', timeout=5)\n    return 'ok'\n" },
  },
  {
    name: "js: 120 sequential 1 s timers",
    request: { language: "javascript", platform: "aws-lambda", timeout: 900, code: "export const handler = async () => {\n  for (let i = 0; i < 120; i++) await new Promise((r) => setTimeout(r, 1000));\n  return 'ok';\n};\n" },
  },
  {
    name: "ts: fetch to a 45 s host, aborted at 10 s, on vercel",
    request: { language: "typescript", platform: "vercel", timeout: 60, latency: { "api.openai.com": 45 }, code: "export async function GET(request: Request) {\n  try {\n    await fetch('https://api.openai.com/v1', { signal: AbortSignal.timeout(10_000) });\n  } catch {}\n  return new Response('ok');\n}\n" },
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

for (const language of ["python", "javascript"] as const) {
  const simulator = createNodeSimulator();
  const started = performance.now();
  const engineMs = await simulator.warm(language);
  console.log(`${language} cold start: ${(performance.now() - started).toFixed(0)} ms real (worker spawn + runtime load; runtime alone ${engineMs.toFixed(0)} ms)`);
  await simulator.close();
}

const simulator = createNodeSimulator();
await simulator.warm("python");
await simulator.warm("javascript");
console.log(`\nwarm runs (${RUNS} each): real ms per run, median / p95; virtual seconds simulated per real second`);
for (const { name, request } of CASES) {
  const real: number[] = [];
  let virtual = 0;
  let verdict = "";
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const result = await simulator.simulate(request);
    real.push(performance.now() - t);
    virtual = result.elapsedSeconds;
    verdict = result.verdict;
  }
  const m = median(real);
  console.log(`  ${name}: ${m.toFixed(1)} / ${p95(real).toFixed(1)} ms, ${verdict} at ${virtual.toFixed(1)} virtual s → ${Math.round(virtual / (m / 1000)).toLocaleString("en")} virtual s per real s`);
}
await simulator.close();
