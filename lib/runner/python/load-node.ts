// Node only (tests, the CLI, benchmarks): loads Pyodide from node_modules. Never from a CDN: the
// index URL points at the installed package, and the engine needs no packages beyond core stdlib.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { loadPyodide, type PyodideInterface } from "pyodide";
import { createPythonEngine, type PythonEngine, type PythonEngineOptions } from "./engine";

export async function loadPyodideFromNodeModules(): Promise<PyodideInterface> {
  const require = createRequire(import.meta.url);
  const indexURL = `${dirname(require.resolve("pyodide/package.json"))}/`;
  // Output outside a run (there should be none) is not the user's; runs capture their own.
  return loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
}

export async function createNodePythonEngine(options?: PythonEngineOptions): Promise<PythonEngine> {
  return createPythonEngine(await loadPyodideFromNodeModules(), options);
}
