// Build-time job: puts every runtime file the editor needs on our own origin (no CDN, ever), under
// versioned paths that never change content, each precompressed once (brotli and gzip), so a
// browser keeps them for a year and a second visit fetches none of them (issue 16).
//
//   public/runtime/pyodide/<hash>/   Pyodide's runtime, from the npm package
//   public/runtime/monaco/<hash>/vs  Monaco's AMD build, loaded by @monaco-editor/react
//   public/runtime/runner/<hash>/    simulator.worker.js (bundled from lib/runner) and frame.html,
//                                    the sandbox that runs it (lib/runner/browser/frame.ts, inline:
//                                    the frame may load nothing; next.config.mjs hashes the script)
//   public/runtime-br/..., public/runtime-gz/...   the same files, brotli- and gzip-encoded
//   .runtime/manifest.json           each group's URL (/runtime/<group>/<hash>/), read by
//                                    next.config.mjs and inlined into the client bundle
//   .runtime/simulator.worker.js.map the worker's source map, for DevTools to be pointed at by hand
//                                    (the worker runs from a blob: URL, where a map cannot resolve)
//
// <hash> is a digest of the group's files, so a new Pyodide or a changed worker gets a new URL and
// an unchanged one keeps its cache. next.config.mjs serves /runtime/** with `Cache-Control: public,
// max-age=31536000, immutable`, and rewrites a request that accepts br (else gzip) to the twin
// with that encoding, labelled so. A group whose folder is already complete is not compressed
// again, so only the first build after a change pays for brotli's highest quality.
// Runs before `next build` and `next dev` (npm's prebuild / predev). Generated files are not committed.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".runtime");
const pub = path.join(root, "public");
/** Each encoding's tree under public/: the same paths, the same names, the bytes in that encoding. */
const TREES = { identity: "runtime", br: "runtime-br", gzip: "runtime-gz" } as const;
const modules = path.join(root, "node_modules");

const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
/** Older versions of a group kept beside the current one, for pages rendered before a deploy. */
const KEEP_OLD = 1;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

type Group = { name: "pyodide" | "monaco" | "runner"; files: Map<string, Buffer> };

async function walk(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...(await walk(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) names.push(rel);
  }
  return names;
}

async function pyodide(): Promise<Group> {
  const from = path.join(modules, "pyodide");
  const files = new Map<string, Buffer>();
  for (const name of PYODIDE_FILES) files.set(name, await readFile(path.join(from, name)));
  return { name: "pyodide", files };
}

async function monaco(): Promise<Group> {
  const from = path.join(modules, "monaco-editor", "min", "vs");
  const files = new Map<string, Buffer>();
  // Its .d.ts files are typings for bundlers; the browser never asks for them.
  for (const name of (await walk(from)).sort()) if (!name.endsWith(".d.ts")) files.set(`vs/${name}`, await readFile(path.join(from, name)));
  return { name: "monaco", files };
}

async function runner(): Promise<Group> {
  const worker = await build({
    entryPoints: [path.join(root, "lib/runner/browser/simulator.worker.ts")],
    outfile: "simulator.worker.js",
    write: false,
    bundle: true,
    // A classic worker: Chromium refuses module workers from blob: URLs in an opaque-origin
    // frame (import() inside a classic worker is fine, and is how Pyodide's modules load).
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    // It runs from a blob: URL, where a sourceMappingURL could not resolve (see the top).
    sourcemap: "external",
    legalComments: "none",
    logLevel: "warning",
    // Pyodide is loaded at run time from bytes the page hands over, not bundled.
    external: ["pyodide"],
  });
  const frame = await build({
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
  const script = (frame.outputFiles[0]?.text ?? "").trim().replace(/<\/script/gi, "<\\/script");
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Deadline simulator sandbox</title><script>${script}</script></head><body></body></html>\n`;
  const files = new Map<string, Buffer>([["frame.html", Buffer.from(html)]]);
  for (const file of worker.outputFiles) {
    if (file.path.endsWith(".map")) await writeFile(path.join(out, "simulator.worker.js.map"), file.contents);
    else files.set(path.basename(file.path), Buffer.from(file.contents));
  }
  return { name: "runner", files };
}

function digest(group: Group): string {
  const hash = createHash("sha256");
  for (const [name, bytes] of [...group.files].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  return hash.digest("hex").slice(0, 16);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes the group's files and their compressed twins, unless this version is already complete.
 * Every file gets both twins, even one that hardly shrinks (python_stdlib.zip is already
 * deflated): the rewrite to a twin is decided by the request alone, so the twin must exist.
 */
async function write(group: Group): Promise<{ hash: string; fresh: boolean }> {
  const hash = digest(group);
  const dirs = Object.values(TREES).map((tree) => path.join(pub, tree, group.name, hash));
  const complete = path.join(dirs[0]!, ".complete");
  if (await exists(complete)) return { hash, fresh: false };
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  await Promise.all(
    [...group.files].map(async ([name, bytes]) => {
      const [br, gzipped] = await Promise.all([
        brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        gz(bytes, { level: 9 }),
      ]);
      for (const [tree, body] of [
        [TREES.identity, bytes],
        [TREES.br, br],
        [TREES.gzip, gzipped],
      ] as const) {
        const file = path.join(pub, tree, group.name, hash, name);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, body);
      }
    }),
  );
  await writeFile(complete, new Date().toISOString());
  return { hash, fresh: true };
}

/** Keeps the current version of a group and the KEEP_OLD most recent others, in every tree. */
async function prune(name: Group["name"], current: string) {
  const dir = path.join(pub, TREES.identity, name);
  const versions = await Promise.all(
    (await readdir(dir)).filter((v) => v !== current).map(async (v) => ({ v, at: (await stat(path.join(dir, v))).mtimeMs })),
  );
  for (const { v } of versions.sort((a, b) => b.at - a.at).slice(KEEP_OLD)) {
    await Promise.all(Object.values(TREES).map((tree) => rm(path.join(pub, tree, name, v), { recursive: true, force: true })));
  }
}

const started = performance.now();
await mkdir(out, { recursive: true });
const groups = await Promise.all([pyodide(), monaco(), runner()]);
const manifest: Record<string, string> = {};
const report: string[] = [];
// One group at a time: brotli's highest quality already keeps both cores busy through libuv's pool.
for (const group of groups) {
  const { hash, fresh } = await write(group);
  await prune(group.name, hash);
  manifest[group.name] = `/runtime/${group.name}/${hash}/`;
  report.push(`${group.name} ${hash}${fresh ? " (compressed)" : ""}`);
}
await writeFile(path.join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
// Earlier builds copied these into public/ unversioned, where they would be served uncached.
await Promise.all(["vendor", "runner"].map((dir) => rm(path.join(pub, dir), { recursive: true, force: true })));
console.log(`runtime assets ready in ${Math.round(performance.now() - started)} ms: ${report.join(", ")}`);
