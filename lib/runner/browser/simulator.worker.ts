// The simulator's worker: one per run, inside the runner frame (frame.ts says what that boundary
// guarantees). Bundled by scripts/prepare-runtime-assets.ts into /runtime/runner/<hash>/simulator.worker.js,
// which the page fetches and hands to the frame as bytes; the frame starts a data: worker that
// evaluates it.
//
// Life of a worker: `init` prepares one engine (JS, or Python restored from a memory snapshot
// taken before any user code ran) and answers `prepared`; then exactly one `run`. Before the
// run, the globals the browser does not already deny an opaque origin are removed, and the
// run's nonce is kept where only this file's code can read it. Everything after that shares the
// realm with the person's code, which is why the frame terminates the worker after the run.
import { createDispatcher } from "../dispatch";
import type { Engine } from "../engine";
import { createJsEngine } from "../js/engine";
import type { RunnerControl, RunnerMessage, ToRunner } from "../protocol";
import type { SimulationRequest } from "../types";
import { createPythonEngine } from "../python/engine";
import { prepare } from "../prepare";
import { limitResult } from "../result-limits";
import { createLiveOutput } from "../live-output";

declare const self: DedicatedWorkerGlobalScope;

// Captured before any user code runs: user code can replace the globals, not these references.
const post = self.postMessage.bind(self) as (message: RunnerMessage | RunnerControl, transfer?: Transferable[]) => void;
const now = performance.now.bind(performance);

/**
 * Real-time limits in the browser (the command line keeps the engines' own): every run answers
 * within a few seconds, so a runaway never holds the editor. The page stops a run that has not
 * answered 4.3 s after it started (client.ts), whatever happens in here; these leave the engines
 * time to say why themselves.
 */
const JS_BUDGET_MS = 3500;
const PYTHON_BUDGET_SECONDS = 3.5;

/** Pyodide's files resolve under this made-up URL; the fetch below answers them from memory. */
const INDEX_URL = "https://pyodide.invalid/";

let engine: Engine | undefined;
let ran = false;

/**
 * Our own runs in each fresh Python worker before it gets a person's, so that the code most runs
 * go through is compiled in this worker: the timeout and uncaught-error paths of a verdict, a
 * platform's start() loop, the common HTTP client, and a modelled library whose calls and chained
 * calls have costs. (With a warm-up of `return 1` alone, the worker's part of a warm run of the
 * RunPod article's example took 3–6 ms more: medians of 20 traced runs.)
 */
const PYTHON_WARM_UP: SimulationRequest[] = [
  {
    language: "python",
    platform: "aws-lambda",
    timeout: 3,
    code: "import json\nimport time\n\nimport requests\n\n\ndef handler(event, context):\n    print(json.dumps(event))\n    for _ in range(5):\n        time.sleep(1)\n    return {'statusCode': 200}\n",
  },
  {
    language: "python",
    platform: "runpod",
    timeout: 60,
    event: { input: { n: 1 } },
    model: ["torch"],
    cost: { "torch.load": 2, "torch.load().to": 1, "model()": 1 },
    code: "import base64\nimport io\nimport time\n\nimport runpod\nimport torch\n\n\ndef handler(job):\n    model = torch.load('model.pt').to('cuda')\n    out = model(job['input'])\n    buffer = io.BytesIO()\n    time.sleep(0.5)\n    if job['input']['n'] > 0:\n        raise ValueError(base64.b64encode(buffer.getvalue()).decode() + str(out))\n    return {'out': str(out)}\n\n\nrunpod.serverless.start({'handler': handler})\n",
  },
];

async function loadPython(init: Extract<ToRunner, { type: "init"; family: "python" }>): Promise<{ engine: Engine; snapshot?: Uint8Array }> {
  const files = new Map<string, ArrayBuffer | string>([
    [`${INDEX_URL}python_stdlib.zip`, init.stdlib],
    [`${INDEX_URL}pyodide-lock.json`, init.lock],
    // asked for, then never read: instantiateStreaming below uses the compiled module
    [`${INDEX_URL}pyodide.asm.wasm`, new ArrayBuffer(0)],
  ]);
  const realFetch = self.fetch;
  const realInstantiateStreaming = WebAssembly.instantiateStreaming;
  // The frame's CSP refuses every fetch (connect-src 'none'); Pyodide's loader asks for its
  // files by URL, so while it loads, fetch answers from the bytes the page handed over, and the
  // wasm module compiled once by the frame is instantiated instead of compiling it again.
  self.fetch = async (input: RequestInfo | URL) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const body = files.get(url);
    if (body === undefined) throw new TypeError(`the sandbox has no file ${url}`);
    return new Response(body);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    void Promise.resolve(source).catch(() => undefined);
    return { module: init.module, instance: await WebAssembly.instantiate(init.module, imports) };
  };
  const blobUrl = (bytes: ArrayBuffer) => URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
  try {
    const loader = (await import(/* webpackIgnore: true */ blobUrl(init.loader))) as typeof import("pyodide");
    const asm = (await import(/* webpackIgnore: true */ blobUrl(init.asm))) as { default: NonNullable<Parameters<typeof loader.loadPyodide>[0]>["createPyodideModule"] };
    const pyodide = await loader.loadPyodide({
      indexURL: INDEX_URL,
      lockFileContents: init.lock,
      createPyodideModule: asm.default,
      stdout: () => {},
      stderr: () => {},
      ...(init.snapshot ? { _loadSnapshot: init.snapshot } : { _makeSnapshot: true }),
    });
    const python = createPythonEngine(pyodide, { realBudgetSeconds: PYTHON_BUDGET_SECONDS });
    // The first worker boots Python and shares a snapshot of it, taken before any user code ran:
    // later workers restore it in a fraction of the time, in a state no run has touched.
    const snapshot = init.snapshot ? undefined : pyodide.makeMemorySnapshot();
    // Every run gets a worker of its own, whose code has never run: runs of our own here, as the
    // JS engine does (loadJs), so the person's run does not pay for the first pass through the
    // engine's code in this worker.
    for (const request of PYTHON_WARM_UP) await python.run(request, prepare(request).engine as Parameters<typeof python.run>[1]);
    return { engine: python, ...(snapshot ? { snapshot } : {}) };
  } finally {
    self.fetch = realFetch;
    WebAssembly.instantiateStreaming = realInstantiateStreaming;
  }
}

async function loadJs(): Promise<Engine> {
  const js = createJsEngine({ budgetMs: JS_BUDGET_MS });
  // A first run compiles the engine's own code (its warm-up runs inside): done now, not in the
  // person's run, whose CPU time would otherwise include it.
  const request = { language: "javascript" as const, code: "export const handler = async () => 1;\n", platform: "aws-lambda" };
  await js.run(request, prepare(request).engine);
  return js;
}

/**
 * What the browser does not already refuse this worker under connect-src 'none': starting nested
 * workers from data: URLs (the frame needs worker-src data: for this very worker), which would
 * outlive nothing but could still exhaust the browser. BroadcastChannel has no peer here (this
 * worker's opaque origin is its own) and goes too. Interface objects exist only as globals, so
 * deleting them takes them away for good in this realm.
 */
function lockDown(): void {
  for (const name of ["Worker", "SharedWorker", "BroadcastChannel", "ServiceWorkerContainer"]) {
    try {
      delete (self as unknown as Record<string, unknown>)[name];
    } catch {
      // not configurable: left to the CSP
    }
  }
}

self.onmessage = async (event: MessageEvent<ToRunner>) => {
  const message = event.data;
  if (message.type === "init") {
    if (engine) return;
    try {
      if (message.family === "python") {
        const loaded = await loadPython(message);
        engine = loaded.engine;
        post({ type: "prepared", ...(loaded.snapshot ? { snapshot: loaded.snapshot } : {}) });
      } else {
        engine = await loadJs();
        post({ type: "prepared" });
      }
    } catch (error) {
      post({ type: "prepare-failed", message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (message.type !== "run" || ran || !engine) return;
  ran = true;
  const { id, nonce, request } = message;
  const ready = engine;
  lockDown();
  const handle = createDispatcher(async () => ready);
  const started = now();
  post({ type: "started", id, nonce });
  const live = createLiveOutput((text) => post({ type: "output", id, nonce, text }), now);
  const answer = await handle({ type: "run", id, request }, undefined, { onOutput: live.write });
  if (answer.type === "result") {
    const { json } = limitResult(answer.result);
    post({ type: "result", id, nonce, json, realMs: now() - started });
  } else if (answer.type === "failure") {
    post({ type: "failure", id, nonce, message: answer.error.message.slice(0, 4000) });
  }
};
