// The simulator's Web Worker. Bundled by scripts/prepare-runtime-assets.ts into
// /runner/simulator.worker.js; user code runs here, never on the page's main thread. The worker's
// own CSP (next.config.mjs, /runner/*) allows eval and wasm, which the page's does not.
import { createDispatcher, type Progress } from "../dispatch";
import type { Engine } from "../engine";
import { createJsEngine } from "../js/engine";
import type { ToWorker } from "../protocol";
import { createPythonEngine } from "../python/engine";

declare const self: DedicatedWorkerGlobalScope;

const PYODIDE_URL = new URL("/vendor/pyodide/", self.location.origin).href;
// The big files of the Python runtime; fetched first with progress, then served from the HTTP cache.
const PYODIDE_FILES = ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs", "pyodide-lock.json"];

let interrupt: Int32Array | undefined;

async function prefetch(progress: Progress): Promise<void> {
  const sizes = await Promise.all(
    PYODIDE_FILES.map(async (name) => Number((await fetch(PYODIDE_URL + name, { method: "HEAD" })).headers.get("content-length") ?? 0)),
  );
  const total = sizes.reduce((a, b) => a + b, 0);
  let loaded = 0;
  progress("Downloading the Python runtime", 0, total);
  await Promise.all(
    PYODIDE_FILES.map(async (name) => {
      const response = await fetch(PYODIDE_URL + name);
      if (!response.ok || !response.body) throw new Error(`cannot load ${name} from ${PYODIDE_URL} (${response.status})`);
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.byteLength;
        progress("Downloading the Python runtime", loaded, total);
      }
    }),
  );
}

async function loadPython(progress: Progress): Promise<Engine> {
  await prefetch(progress);
  progress("Starting Python");
  const { loadPyodide } = (await import(/* webpackIgnore: true */ PYODIDE_URL + "pyodide.mjs")) as typeof import("pyodide");
  const pyodide = await loadPyodide({ indexURL: PYODIDE_URL, stdout: () => {}, stderr: () => {} });
  progress("Preparing the simulator");
  return createPythonEngine(pyodide, interrupt ? { interruptBuffer: interrupt } : {});
}

const handle = createDispatcher(
  async (language, progress) => (language === "python" ? loadPython(progress) : createJsEngine()),
  (buffer) => {
    interrupt = new Int32Array(buffer);
  },
);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  void handle(event.data, (progress) => self.postMessage(progress)).then((answer) => self.postMessage(answer));
};
