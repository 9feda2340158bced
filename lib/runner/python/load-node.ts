// Node only (tests, the CLI, benchmarks): loads Pyodide from node_modules. Never from a CDN: the
// index URL points at the installed package, and the engine needs no packages beyond core stdlib.
//
// Booting Pyodide takes 2–3 s, and installing the shims and importing the standard library a
// handler commonly uses (warm_up) 1–4 s more; restoring a memory snapshot takes a fraction of
// that. The first load on a machine writes a snapshot beside the package
// (node_modules/.cache/deadline), later ones restore it. Two kinds:
//   pyodide-<version>-<node>.snapshot                 a freshly booted interpreter (the tests'
//                                                     engines, which install shims themselves)
//   pyodide-<version>-<node>-engine-<shims>.snapshot  the engine as createNodePythonEngine makes
//                                                     it, shims installed and warmed up, no user
//                                                     code run; named after the shims' hash, so a
//                                                     changed shim never restores an old one
// The browser takes its snapshot once per page, after createPythonEngine and before any run
// (lib/runner/browser/simulator.worker.ts): the warmed engine, without the server stubs this
// file adds, since every worker that restores it copies the whole heap. A snapshot that fails
// to load is ignored.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadPyodide, type PyodideInterface } from "pyodide";
import { createPythonEngine, type PythonEngine, type PythonEngineOptions } from "./engine";
import { SHIM_SOURCES } from "./shim-sources.generated";

const quiet = { stdout: () => {}, stderr: () => {} };

/** Engine snapshots kept per machine: a checkout and its bundle may run different shims. */
const ENGINE_SNAPSHOTS_KEPT = 3;

function locate(): { indexURL: string; cacheDir: string; base: string } {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("pyodide/package.json");
  const { version } = require(packageJson) as { version: string };
  const root = dirname(packageJson);
  return { indexURL: `${root}/`, cacheDir: join(root, "..", ".cache", "deadline"), base: `pyodide-${version}-${process.version}` };
}

// DEADLINE_PYODIDE_SNAPSHOT=0: never snapshot; =bare: engines start from the freshly booted
// interpreter's snapshot and set themselves up, as every load did before engine snapshots
// (bench/cli.ts measures the difference).
const useSnapshots = () => process.env.DEADLINE_PYODIDE_SNAPSHOT !== "0";

async function restore(indexURL: string, file: string): Promise<PyodideInterface | null> {
  const saved = await readFile(file).catch(() => null);
  if (!saved) return null;
  try {
    return await loadPyodide({ indexURL, ...quiet, _loadSnapshot: saved });
  } catch {
    // A stale or damaged snapshot: the caller boots normally and writes a new one.
    return null;
  }
}

async function save(pyodide: PyodideInterface, file: string): Promise<void> {
  try {
    const bytes = pyodide.makeMemorySnapshot();
    await mkdir(dirname(file), { recursive: true });
    // Written whole, then renamed: a concurrent reader never sees half a snapshot.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch {
    // Read-only node_modules or no room: every load just boots from scratch.
  }
}

export async function loadPyodideFromNodeModules({ snapshot: useSnapshot = useSnapshots() } = {}): Promise<PyodideInterface> {
  const { indexURL, cacheDir, base } = locate();
  if (!useSnapshot) return loadPyodide({ indexURL, ...quiet });
  const file = join(cacheDir, `${base}.snapshot`);
  const restored = await restore(indexURL, file);
  if (restored) return restored;
  const pyodide = await loadPyodide({ indexURL, ...quiet, _makeSnapshot: true });
  await save(pyodide, file);
  return pyodide;
}

/** The shims' identity: a snapshot holds them imported, so another version must not restore it. */
function shimsHash(): string {
  const hash = createHash("sha256");
  // What else the snapshot holds besides the shims: a changed recipe must not restore an old one.
  hash.update(`${compileServerStubs.toString()}${SNAPSHOT_STUBS.join(",")}\0`);
  for (const [path, source] of Object.entries(SHIM_SOURCES).sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${path}\0${source}\0`);
  return hash.digest("hex").slice(0, 16);
}

async function pruneEngineSnapshots(cacheDir: string, base: string): Promise<void> {
  const names = (await readdir(cacheDir).catch(() => [] as string[])).filter((n) => n.startsWith(`${base}-engine-`) && n.endsWith(".snapshot"));
  const dated = await Promise.all(names.map(async (n) => ({ n, at: (await stat(join(cacheDir, n)).catch(() => null))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.at - a.at);
  // A process still reading one it opened keeps its bytes: unlinking does not cut a read short.
  await Promise.all(dated.slice(ENGINE_SNAPSHOTS_KEPT).map(({ n }) => unlink(join(cacheDir, n)).catch(() => {})));
}

/**
 * The engine's warm_up compiles the HTTP stubs only (the browser pays for every one it adds, each
 * visit). A snapshot is paid for once per machine, so it also takes the servers' and the common
 * clients' stubs compiled, with the standard library they import: a restored engine's first Flask
 * or FastAPI run then costs what later ones do, instead of seconds of compiling in a wasm that has
 * not been optimised yet. Not every stub: with all of them the heap grew from 30 to 36 MiB, and
 * Pyodide 314.0.7 then failed to restore the snapshot ("offset is out of bounds"; restore() drops
 * it, so every load booted afresh). These 14 leave the heap at 30 MiB (HEAP8.length after each
 * import, measured), and the snapshot restores.
 */
const SNAPSHOT_STUBS = ["flask", "werkzeug", "fastapi", "starlette", "pydantic", "uvicorn", "sqlalchemy", "redis", "boto3", "openai", "celery", "modal", "psycopg2", "urllib3"];

function compileServerStubs(pyodide: PyodideInterface): void {
  pyodide.runPython(`
import gc, importlib, sys
from _deadline import imports
sys.meta_path.insert(0, imports.StubFinder)
try:
    for name in ${JSON.stringify(SNAPSHOT_STUBS)}:
        try:
            importlib.import_module(name)
        except Exception:
            pass
finally:
    sys.meta_path.remove(imports.StubFinder)
    imports.forget_stubs()
gc.collect()
gc.freeze()
`);
}

/**
 * A Python engine, restored from the engine snapshot when there is one for these shims; else
 * booted, set up, and saved as that snapshot for the next process. Options apply per run
 * (createPythonEngine reads them, not the interpreter), so one snapshot serves every host.
 */
export async function createNodePythonEngine(options?: PythonEngineOptions): Promise<PythonEngine> {
  if (!useSnapshots() || process.env.DEADLINE_PYODIDE_SNAPSHOT === "bare") return createPythonEngine(await loadPyodideFromNodeModules(), options);
  const { indexURL, cacheDir, base } = locate();
  const file = join(cacheDir, `${base}-engine-${shimsHash()}.snapshot`);
  const restored = await restore(indexURL, file);
  if (restored) return createPythonEngine(restored, { ...options, warmedUp: true });
  const pyodide = await loadPyodide({ indexURL, ...quiet, _makeSnapshot: true });
  const engine = createPythonEngine(pyodide, options);
  compileServerStubs(pyodide);
  await save(pyodide, file);
  await pruneEngineSnapshots(cacheDir, base);
  return engine;
}
