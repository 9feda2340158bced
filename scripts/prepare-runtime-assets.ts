// Build-time job: puts every runtime asset the editor needs on our own origin (no CDN, ever).
//   public/vendor/pyodide/   Pyodide's runtime, from the npm package
//   public/vendor/monaco/vs  Monaco's AMD build, loaded by @monaco-editor/react from /vendor/monaco/vs
//   public/runner/simulator.worker.js  the simulator's Web Worker, bundled from lib/runner
//   public/runner/frame.html           the sandbox that runs it (lib/runner/browser/frame.ts, inline:
//                                      the frame may load nothing, next.config.mjs hashes the script)
// Runs before `next build` and `next dev` (npm's prebuild / predev). Generated files are not committed.
import { build } from "esbuild";
import { cp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const pub = path.join(root, "public");
const modules = path.join(root, "node_modules");

const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];

async function same(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.size === y.size && x.mtimeMs <= y.mtimeMs;
  } catch {
    return false;
  }
}

async function copyPyodide() {
  const from = path.join(modules, "pyodide");
  const to = path.join(pub, "vendor", "pyodide");
  await mkdir(to, { recursive: true });
  for (const file of PYODIDE_FILES) {
    if (!(await same(path.join(from, file), path.join(to, file)))) await cp(path.join(from, file), path.join(to, file));
  }
}

async function copyMonaco() {
  const from = path.join(modules, "monaco-editor", "min", "vs");
  const to = path.join(pub, "vendor", "monaco", "vs");
  const version = JSON.parse(await readFile(path.join(modules, "monaco-editor", "package.json"), "utf8")).version as string;
  const stamp = path.join(to, ".version");
  if ((await readFile(stamp, "utf8").catch(() => "")) === version) return;
  await rm(to, { recursive: true, force: true });
  await cp(from, to, { recursive: true });
  await writeFile(stamp, version);
}

async function bundleWorker() {
  await build({
    entryPoints: [path.join(root, "lib/runner/browser/simulator.worker.ts")],
    outfile: path.join(pub, "runner", "simulator.worker.js"),
    bundle: true,
    // A classic worker: Chromium refuses module workers from blob: URLs in an opaque-origin
    // frame (import() inside a classic worker is fine, and is how Pyodide's modules load).
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    // It runs from a blob: URL, where a sourceMappingURL could not resolve: the map is written
    // beside it for DevTools to be pointed at by hand.
    sourcemap: "external",
    legalComments: "none",
    logLevel: "warning",
    // Pyodide is loaded at run time from bytes the page hands over, not bundled.
    external: ["pyodide"],
  });
}

async function bundleFrame() {
  const result = await build({
    entryPoints: [path.join(root, "lib/runner/browser/frame.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const script = (result.outputFiles[0]?.text ?? "").trim().replace(/<\/script/gi, "<\\/script");
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Deadline simulator sandbox</title><script>${script}</script></head><body></body></html>\n`;
  await mkdir(path.join(pub, "runner"), { recursive: true });
  await writeFile(path.join(pub, "runner", "frame.html"), html);
}

const started = performance.now();
await Promise.all([copyPyodide(), copyMonaco(), bundleWorker(), bundleFrame()]);
console.log(`runtime assets ready in ${Math.round(performance.now() - started)} ms (public/vendor, public/runner)`);
