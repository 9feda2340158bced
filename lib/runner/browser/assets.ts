// The runtime files the sandbox needs, fetched by the page (the runner frame may fetch nothing,
// frame.ts) from our own origin and handed over as bytes. Their URLs carry a digest of their
// content (scripts/prepare-runtime-assets.ts, inlined by next.config.mjs), so the browser keeps
// them for a year: a second visit fetches none of them.
import type { PythonAssets } from "../protocol";

const RUNNER_URL = process.env.DEADLINE_RUNNER_URL || "/runtime/runner/unbuilt/";
const PYODIDE_URL = process.env.DEADLINE_PYODIDE_URL || "/runtime/pyodide/unbuilt/";
/** Monaco's AMD base (the folder holding loader.js), for @monaco-editor/react's loader. */
export const MONACO_VS_URL = `${process.env.DEADLINE_MONACO_URL || "/runtime/monaco/unbuilt/"}vs`;
export const WORKER_URL = `${RUNNER_URL}simulator.worker.js`;
export const FRAME_URL = `${RUNNER_URL}frame.html`;

export type DownloadProgress = (loaded: number, total: number) => void;

/**
 * Fetched at low priority: these downloads usually start while the person is reading (see
 * prefetch in client.ts), and the article's own images and fonts come first.
 */
async function download(url: string): Promise<Response> {
  const response = await fetch(url, { priority: "low" } as RequestInit);
  if (!response.ok || !response.body) throw new Error(`cannot load ${url} (${response.status})`);
  return response;
}

// One download per page, whichever simulator (or a replaced frame) asks: the bytes stay here.
let workerSource: Promise<ArrayBuffer> | undefined;
let pythonAssets: Promise<PythonAssets> | undefined;
const pythonListeners = new Set<DownloadProgress>();
let pythonProgress: [number, number] | undefined;
let pythonArrived = false;

export function loadWorkerSource(): Promise<ArrayBuffer> {
  workerSource ??= download(WORKER_URL).then((r) => r.arrayBuffer());
  workerSource.catch(() => (workerSource = undefined));
  return workerSource;
}

/**
 * The Python runtime's files (the first load is ~13 MB, ~6 MB on the wire). `progress` hears the
 * download from where it is now, even when it was started earlier by a prefetch.
 */
export function loadPythonAssets(progress?: DownloadProgress): Promise<PythonAssets> {
  // Files already here need no progress bar.
  if (progress && !pythonArrived) {
    pythonListeners.add(progress);
    if (pythonProgress) progress(...pythonProgress);
  }
  pythonAssets ??= fetchPythonAssets((loaded, total) => {
    pythonProgress = [loaded, total];
    for (const listener of pythonListeners) listener(loaded, total);
  }).then((files) => {
    pythonArrived = true;
    return files;
  });
  const assets = pythonAssets;
  assets.then(
    () => progress && pythonListeners.delete(progress),
    () => {
      if (progress) pythonListeners.delete(progress);
      if (pythonAssets === assets) pythonAssets = undefined;
      pythonProgress = undefined;
    },
  );
  return assets;
}

/** Stops telling this listener about the download (its run ended before the files arrived). */
export function unlistenPythonAssets(progress: DownloadProgress): void {
  pythonListeners.delete(progress);
}

async function fetchPythonAssets(progress: DownloadProgress): Promise<PythonAssets> {
  const names = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"] as const;
  const responses = await Promise.all(names.map((name) => download(PYODIDE_URL + name)));
  // Content-Length is the size on the wire; a compressed body reads longer, so progress is capped.
  const total = responses.reduce((sum, r) => sum + Number(r.headers.get("content-length") ?? 0), 0);
  let loaded = 0;
  progress(0, total);
  const bodies = await Promise.all(
    responses.map(async (response) => {
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.byteLength;
        loaded += value.byteLength;
        if (total) progress(Math.min(loaded, total), total);
      }
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes.buffer;
    }),
  );
  const [loader, asm, wasm, stdlib, lock] = bodies as [ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer];
  return { loader, asm, wasm, stdlib, lock: new TextDecoder().decode(lock) };
}
