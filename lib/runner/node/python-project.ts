// Node only: read-only, synchronous access to a handler's project for the Python engine (the JS
// engine's is project-files.ts: it resolves files and node_modules, this one Python modules)
// (request.project: the handler's folder and --python-path site-packages). Runs in the
// simulator's worker thread, called from inside Pyodide when the handler imports a module the
// standard library and the stubs do not provide, so reads are lazy and synchronous.
//
// THE BOUNDARY: user code can only import through this provider. It reads nothing outside the
// project's folders (symlinks resolved first), never writes, and stops at the caps below with an
// error that names the file and the cap. It is not a sandbox for the file system as a whole: the
// engine gives user code no other way to reach the host's files.
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, join, sep } from "node:path";
import type { ProjectEntry, ProjectFiles } from "../python/engine";
import type { ProjectSpec } from "../types";

export type ProjectLimits = {
  /** bytes of one file */
  fileBytes: number;
  /** bytes of all files read in one run */
  totalBytes: number;
  /** files read in one run */
  files: number;
};

export const PROJECT_LIMITS: ProjectLimits = { fileBytes: 5 * 1024 * 1024, totalBytes: 100 * 1024 * 1024, files: 20_000 };

const NATIVE = /\.(so|pyd|dylib)$/;
/** Entries looked at when searching a package folder for native code. */
const NATIVE_SCAN_ENTRIES = 5000;

const amount = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** Why a project spec cannot be used (a folder that is not there), or null. */
export function projectProblem(spec: ProjectSpec): string | null {
  if (!statOf(spec.root)?.isDirectory()) return `the handler's folder ${spec.root} is not a folder`;
  for (const dir of spec.pythonPath ?? []) {
    if (!statOf(dir)?.isDirectory()) return `--python-path ${dir} is not a folder (give a virtualenv's site-packages, e.g. .venv/lib/python3.12/site-packages)`;
  }
  return null;
}

export function createPythonProjectFiles(spec: ProjectSpec, limits: ProjectLimits = PROJECT_LIMITS): ProjectFiles {
  const roots = [spec.root, ...(spec.pythonPath ?? [])].map((dir) => real(dir)).filter((dir): dir is string => dir !== null);
  const sitePackages = new Set((spec.pythonPath ?? []).map((dir) => real(dir)).filter((dir): dir is string => dir !== null));
  const listings = new Map<string, string[]>();
  let files = 0;
  let bytes = 0;

  const inside = (path: string): string | null => {
    const resolved = real(path);
    if (!resolved) return null;
    return roots.some((root) => resolved === root || resolved.startsWith(root + sep)) ? resolved : null;
  };
  const list = (dir: string): string[] => {
    let names = listings.get(dir);
    if (!names) {
      try {
        names = readdirSync(dir);
      } catch {
        names = [];
      }
      listings.set(dir, names);
    }
    return names;
  };

  /** A native file inside a package folder, breadth first, within a bounded number of entries. */
  const nativeInside = (dir: string): string | undefined => {
    const queue = [dir];
    let seen = 0;
    while (queue.length > 0 && seen < NATIVE_SCAN_ENTRIES) {
      const current = queue.shift()!;
      for (const name of list(current)) {
        seen++;
        const path = join(current, name);
        if (NATIVE.test(name)) return path.slice(dir.length - basename(dir).length);
        if (name !== "__pycache__" && !name.includes(".") && statOf(path)?.isDirectory()) queue.push(path);
      }
    }
    return undefined;
  };

  /** A native file that a dist-info RECORD in `dir` lists for the top-level name `name`. */
  const nativeInRecord = (dir: string, name: string): string | undefined => {
    const wanted = name.toLowerCase().replace(/[-_.]+/g, "_");
    for (const entry of list(dir)) {
      if (!entry.endsWith(".dist-info")) continue;
      const dist = entry.slice(0, entry.indexOf("-") > 0 ? entry.indexOf("-") : -".dist-info".length).toLowerCase().replace(/[-_.]+/g, "_");
      const topLevel = readSmall(join(dir, entry, "top_level.txt"));
      if (dist !== wanted && !(topLevel ?? "").split(/\r?\n/).includes(name)) continue;
      const record = readSmall(join(dir, entry, "RECORD"));
      for (const row of (record ?? "").split(/\r?\n/)) {
        const file = row.split(",")[0] ?? "";
        if ((file.startsWith(`${name}/`) || file.startsWith(`${name}.`)) && NATIVE.test(file)) return file;
      }
    }
    return undefined;
  };
  const readSmall = (path: string): string | null => {
    const stat = statOf(path);
    if (!stat?.isFile() || stat.size > limits.fileBytes) return null;
    try {
      return readFileSync(path, "utf8");
    } catch {
      return null;
    }
  };

  const rootInit = statOf(join(spec.root, "__init__.py"))?.isFile() ?? false;

  return {
    package: rootInit ? basename(real(spec.root) ?? spec.root) : null,

    lookup(dir, name): ProjectEntry | null {
      const folder = inside(dir);
      if (!folder || !/^[A-Za-z_]\w*$/.test(name)) return null;
      const inSitePackages = sitePackages.has(folder);
      const path = join(folder, name);
      const stat = statOf(path);
      if (stat?.isDirectory() && name !== "__pycache__") {
        const native = nativeInside(path) ?? (inSitePackages ? nativeInRecord(folder, name) : undefined);
        const kind = statOf(join(path, "__init__.py"))?.isFile() ? "package" : "namespace";
        return { kind, path, ...(native ? { native } : {}) };
      }
      if (statOf(`${path}.py`)?.isFile()) return { kind: "module", path: `${path}.py` };
      const single = list(folder).find((entry) => entry.startsWith(`${name}.`) && NATIVE.test(entry));
      if (single) return { kind: "module", path: join(folder, single), native: single };
      return null;
    },

    read(path) {
      const file = inside(path);
      if (!file) throw new Error(`${path} is outside the handler's folder and the --python-path folders`);
      const size = statOf(file)?.size ?? 0;
      if (size > limits.fileBytes) {
        throw new Error(`${path} is ${amount(size)}: the simulator reads project files up to ${amount(limits.fileBytes)} each; model the module instead (--model)`);
      }
      if (files + 1 > limits.files) {
        throw new Error(`reading ${path} would pass ${limits.files.toLocaleString("en")} project files in one run, the simulator's cap; model the largest packages instead (--model)`);
      }
      if (bytes + size > limits.totalBytes) {
        throw new Error(`reading ${path} would pass ${amount(limits.totalBytes)} of project files in one run, the simulator's cap; model the largest packages instead (--model)`);
      }
      files++;
      bytes += size;
      return readFileSync(file, "utf8");
    },
  };
}
