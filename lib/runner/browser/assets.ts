// The runtime files the sandbox needs, fetched by the page (the runner frame may fetch nothing,
// frame.ts) from our own origin and handed over as bytes.
import type { PythonAssets } from "../protocol";

export const WORKER_URL = "/runner/simulator.worker.js";
export const FRAME_URL = "/runner/frame.html";
const PYODIDE_URL = "/vendor/pyodide/";

export type DownloadProgress = (loaded: number, total: number) => void;

async function download(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`cannot load ${url} (${response.status})`);
  return response;
}

export async function loadWorkerSource(): Promise<ArrayBuffer> {
  return (await download(WORKER_URL)).arrayBuffer();
}

/** The Python runtime's files, with download progress (the first load is ~13 MB). */
export async function loadPythonAssets(progress: DownloadProgress): Promise<PythonAssets> {
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
