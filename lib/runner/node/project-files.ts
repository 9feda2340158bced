// The handler's project on disk, read synchronously inside the worker: the JS engine's resolver
// (lib/runner/js/resolve.ts) asks it for files as the handler's imports need them. Node-only,
// so the browser engine never has one and reports a relative import as "the editor holds one file".
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ProjectLimitError, type ProjectFiles } from "../js/resolve";
import type { ProjectSpec } from "../types";

/** Larger files are generated bundles or data, not code a handler imports. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const posix = (p: string) => p.split(path.sep).join("/");

export function createProjectFiles(spec: ProjectSpec): ProjectFiles {
  const root = path.resolve(spec.root);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`the project folder ${spec.root} does not exist or is not a folder`);
  const nodeModules = spec.nodeModules ? [posix(path.resolve(spec.nodeModules))] : [];
  const stat = (p: string) => statSync(p, { throwIfNoEntry: false });
  return {
    root: posix(root),
    nodeModules,
    read(file) {
      const info = stat(file);
      if (!info?.isFile()) return null;
      if (info.size > MAX_FILE_BYTES) throw new ProjectLimitError(`${(info.size / 1024 / 1024).toFixed(1)} MB; the simulator reads files of up to ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      return readFileSync(file, "utf8");
    },
    isFile: (file) => stat(file)?.isFile() ?? false,
    isDirectory: (dir) => stat(dir)?.isDirectory() ?? false,
  };
}
