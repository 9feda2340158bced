// Prints figures for the Python engine (not a test): cold load, first run, warm runs.
// Run: npx tsx bench/python-engine.ts
import { readFileSync } from "node:fs";
import { createPythonEngine, type PythonPreset } from "../lib/runner/python/engine";
import { loadPyodideFromNodeModules } from "../lib/runner/python/load-node";

const runpod: PythonPreset = { id: "runpod", clock: "wall", timeout: 600, countsInit: false, message: () => "job timed out" };

const cases: Record<string, string> = {
  "RunPod broken example (runpod-handler-timeout/broken.py)": readFileSync(new URL("../content/errors/runpod-handler-timeout/broken.py", import.meta.url), "utf8"),
  "sync handler, time.sleep(120)": "import time\ndef handler(event):\n    time.sleep(120)\n    return 'ok'\n",
  "runpod worker, 12 x time.sleep(10)":
    "import runpod, time\ndef handler(job):\n    for _ in range(12):\n        time.sleep(10)\n    return 'ok'\nrunpod.serverless.start({'handler': handler})\n",
  "async gather of 100 sleeps up to 120 s":
    "import asyncio\nasync def handler(event):\n    await asyncio.gather(*[asyncio.sleep(1.2 * i) for i in range(1, 101)])\n",
  "requests to a 120 s host": "import requests\ndef handler(event):\n    return requests.get('https://slow.example.com/').status_code\n",
  // The runtime stubs are large: their first import in an engine compiles them (see init below).
  "FastAPI app, one route": "from fastapi import FastAPI\napp = FastAPI()\n@app.get('/')\ndef index():\n    return {'ok': True}\n",
  "Modal function": "import modal\napp = modal.App('x')\n@app.function()\ndef f():\n    return 1\n",
  "Flask app, one route": "from flask import Flask\napp = Flask(__name__)\n@app.get('/')\ndef index():\n    return 'ok'\n",
};

/** Virtual seconds the run charged to module-level code (the init span). */
const initSeconds = (r: { timeline: { kind: string; start: number; end: number }[] }) => {
  const span = r.timeline.find((s) => s.kind === "init");
  return span ? span.end - span.start : 0;
};

const PLATFORMS: Record<string, { platform: string; preset: PythonPreset }> = {
  "FastAPI app, one route": { platform: "gunicorn", preset: { id: "gunicorn", clock: "wall", timeout: 30, countsInit: false, message: () => "timeout" } },
  "Flask app, one route": { platform: "gunicorn", preset: { id: "gunicorn", clock: "wall", timeout: 30, countsInit: false, message: () => "timeout" } },
  "Modal function": { platform: "modal", preset: { id: "modal", clock: "wall", timeout: 300, countsInit: false, initTimeout: 300, message: () => "timeout" } },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const loadStart = performance.now();
const pyodide = await loadPyodideFromNodeModules();
const loaded = performance.now();
const engine = createPythonEngine(pyodide);
const ready = performance.now();
console.log(`load Pyodide from node_modules: ${(loaded - loadStart).toFixed(0)} ms`);
console.log(`create engine (shims, warm-up): ${(ready - loaded).toFixed(0)} ms`);

for (const [name, code] of Object.entries(cases)) {
  const article = name.startsWith("RunPod broken example") ? { timeout: 60, event: { prompt: "a lighthouse at dusk" } } : {};
  const target = PLATFORMS[name] ?? { platform: "runpod", preset: runpod };
  const request = { language: "python" as const, code, platform: target.platform, latency: { "slow.example.com": 120 }, ...article };
  const firstStart = performance.now();
  const first = await engine.run(request, target.preset);
  const firstMs = performance.now() - firstStart;
  const times: number[] = [];
  const inits: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    const warm = await engine.run(request, target.preset);
    times.push(performance.now() - start);
    inits.push(initSeconds(warm));
  }
  console.log(
    `${name}: ${first.verdict} at ${first.elapsedSeconds.toFixed(3)} virtual s; first run ${firstMs.toFixed(1)} ms ` +
      `(init charged ${(initSeconds(first) * 1000).toFixed(0)} ms), warm median ${median(times).toFixed(1)} ms ` +
      `(init ${(median(inits) * 1000).toFixed(0)} ms), max ${Math.max(...times).toFixed(1)} ms (50 runs)`,
  );
}
