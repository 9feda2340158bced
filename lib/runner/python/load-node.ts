// Node only (tests, the CLI, benchmarks): loads Pyodide from node_modules. Never from a CDN: the
// index URL points at the installed package, and the engine needs no packages beyond core stdlib.
//
// Booting Pyodide takes 2–3 s; restoring a memory snapshot of a freshly booted interpreter takes
// about 0.2 s. The first load on a machine writes one beside the package
// (node_modules/.cache/deadline), later ones restore it. A snapshot that fails to load is ignored.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadPyodide, type PyodideInterface } from "pyodide";
import { createPythonEngine, type PythonEngine, type PythonEngineOptions } from "./engine";

const quiet = { stdout: () => {}, stderr: () => {} };

function locate(): { indexURL: string; snapshot: string } {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("pyodide/package.json");
  const { version } = require(packageJson) as { version: string };
  const root = dirname(packageJson);
  return { indexURL: `${root}/`, snapshot: join(root, "..", ".cache", "deadline", `pyodide-${version}-${process.version}.snapshot`) };
}

export async function loadPyodideFromNodeModules({ snapshot: useSnapshot = process.env.DEADLINE_PYODIDE_SNAPSHOT !== "0" } = {}): Promise<PyodideInterface> {
  const { indexURL, snapshot } = locate();
  if (!useSnapshot) return loadPyodide({ indexURL, ...quiet });
  const saved = await readFile(snapshot).catch(() => null);
  if (saved) {
    try {
      return await loadPyodide({ indexURL, ...quiet, _loadSnapshot: saved });
    } catch {
      // A stale or damaged snapshot: boot normally and write a new one.
    }
  }
  const pyodide = await loadPyodide({ indexURL, ...quiet, _makeSnapshot: true });
  try {
    const bytes = pyodide.makeMemorySnapshot();
    await mkdir(dirname(snapshot), { recursive: true });
    // Written whole, then renamed: a concurrent reader never sees half a snapshot.
    const partial = `${snapshot}.${process.pid}.tmp`;
    await writeFile(partial, bytes);
    await rename(partial, snapshot);
  } catch {
    // Read-only node_modules or no room: every load just boots from scratch.
  }
  return pyodide;
}

export async function createNodePythonEngine(options?: PythonEngineOptions): Promise<PythonEngine> {
  return createPythonEngine(await loadPyodideFromNodeModules(), options);
}
