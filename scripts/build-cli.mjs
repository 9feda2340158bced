// Build-time job: bundles the `deadline` command line into dist/cli (not committed), so a call
// starts Node on plain JavaScript instead of compiling TypeScript with tsx first:
//   dist/cli/cli.mjs            bin/cli.ts and the parts of lib/ each command imports (split into
//                               chunks, loaded per command: `platforms` never reads the simulator)
//   dist/cli/worker-entry.mjs   the simulator's worker_thread (lib/runner/node/worker.ts); the
//                               simulator asks for ./worker-entry.mjs beside itself, which is this
//   dist/cli/search-index.json  the search index with the hash of the articles it was built from
//   dist/cli/manifest.json      every source file the bundle was built from (bin/bundle.mjs)
// Runs as npm's `prepare` (npm ci and npm install run it), as `npm run build:cli`, and from the
// unit tests' global setup when the bundle is stale. Plain JavaScript so it needs no loader.
// As a command it also writes the Python engine's snapshot (--no-python-snapshot skips that).
//   node scripts/build-cli.mjs [--if-stale] [--no-python-snapshot]
import { build } from "esbuild";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleState, DIST, fingerprint, MANIFEST, MANIFEST_VERSION, ROOT, sha256 } from "../bin/bundle.mjs";

// Loaded from node_modules at run time, never bundled: Pyodide finds its wasm and stdlib beside
// its own module; better-sqlite3 is native code; pg optionally requires pg-native; esbuild is a
// native binary; the rest are the site's MDX and highlighting, which only a search index rebuild
// after content changed needs.
const EXTERNAL = ["pyodide", "better-sqlite3", "pg", "pg-native", "esbuild", "next", "next/*", "react", "react-dom", "react-dom/*", "shiki", "shiki/*", "@shikijs/*", "mdx-bundler", "mdx-bundler/*"];

async function bundle(outdir) {
  return build({
    absWorkingDir: ROOT,
    entryPoints: {
      cli: "bin/cli.ts",
      "worker-entry": "lib/runner/node/worker.ts",
      "search-index": "lib/search/prebuilt.server.ts",
    },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Some dependencies are CommonJS that call require(): give ESM chunks one.
    banner: { js: "import { createRequire as __deadlineRequire } from 'node:module'; const require = __deadlineRequire(import.meta.url);" },
    external: EXTERNAL,
    metafile: true,
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
  });
}

export async function buildCli() {
  const started = performance.now();
  // Built beside dist/cli, then swapped in: a `deadline` running meanwhile never sees half a bundle.
  const next = `${DIST}.${process.pid}.tmp`;
  await rm(next, { recursive: true, force: true });
  await mkdir(next, { recursive: true });
  const result = await bundle(next);
  const sources = Object.keys(result.metafile.inputs)
    .filter((file) => !file.split("/").includes("node_modules"))
    .concat(["package-lock.json", "scripts/build-cli.mjs", "bin/bundle.mjs"])
    .sort();
  const inputs = Object.fromEntries(sources.map((file) => [file, fingerprint(file)]));
  const id = sha256(JSON.stringify(Object.entries(inputs).map(([file, [, , hash]]) => [file, hash]))).slice(0, 16);
  const { writePrebuiltIndex } = await import(pathToFileURL(path.join(next, "search-index.mjs")).href);
  // An article that does not load must not fail `npm ci`: without a prebuilt index, `deadline
  // search` builds it at its first call and reports the article's error there, as the site's build does.
  const index = await writePrebuiltIndex(path.join(next, "search-index.json"), path.join(ROOT, "content", "errors"), id).catch((error) => {
    console.warn(`dist/cli: no prebuilt search index: ${error instanceof Error ? error.message : String(error)}`);
    return { articles: 0 };
  });
  const manifest = { version: MANIFEST_VERSION, id, node: process.versions.node.split(".")[0], builtAt: new Date().toISOString(), inputs };
  await writeFile(path.join(next, path.basename(MANIFEST)), `${JSON.stringify(manifest, null, 1)}\n`);
  const old = `${DIST}.${process.pid}.old`;
  await rename(DIST, old).catch(() => {});
  await rename(next, DIST);
  await rm(old, { recursive: true, force: true });
  return { id, files: Object.keys(result.metafile.outputs).length, sources: sources.length, articles: index.articles, ms: performance.now() - started };
}

/**
 * Writes the Python engine's memory snapshot (lib/runner/python/load-node.ts) by running one
 * trivial handler through the bundle just built, so the first Python call after `npm ci` restores
 * it (about a second) instead of booting and warming up Pyodide (10 s and more). Best effort: a
 * failure here only means the first call writes the snapshot instead.
 */
async function writePythonSnapshot() {
  const { spawnSync } = await import("node:child_process");
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(path.join(tmpdir(), "deadline-snapshot-"));
  const started = performance.now();
  try {
    writeFileSync(path.join(dir, "handler.py"), "def lambda_handler(event, context):\n    return 1\n");
    const child = spawnSync(process.execPath, [path.join(ROOT, "bin", "deadline.mjs"), "simulate", path.join(dir, "handler.py"), "--platform", "aws-lambda", "--no-project"], {
      env: { ...process.env, DEADLINE_CLI: "bundle" },
      encoding: "utf8",
      timeout: 300_000,
    });
    return child.status === 0 ? { ms: performance.now() - started } : { error: (child.stderr || `exit ${child.status}`).trim().split("\n")[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--if-stale") && bundleState().state === "fresh") process.exit(0);
  const built = await buildCli();
  console.log(`dist/cli: ${built.files} files from ${built.sources} sources, search index of ${built.articles} articles, in ${(built.ms / 1000).toFixed(1)} s (build ${built.id})`);
  // DEADLINE_PYODIDE_SNAPSHOT=0 turns snapshots off altogether; then there is nothing to write.
  if (!process.argv.includes("--no-python-snapshot") && process.env.DEADLINE_PYODIDE_SNAPSHOT !== "0") {
    const snapshot = await writePythonSnapshot();
    console.log(snapshot.ms !== undefined ? `Python engine snapshot ready in ${(snapshot.ms / 1000).toFixed(1)} s` : `no Python engine snapshot yet (${snapshot.error}): the first Python run writes it`);
  }
}
