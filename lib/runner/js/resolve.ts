// Resolving a handler's own imports to files of its project: relative files (with or without
// extension, TypeScript's `./db.js` meaning `./db.ts`, index files) and bare packages from
// node_modules through package.json `exports` (a subset: subpaths, `*` patterns, condition
// objects, fallback arrays) or `main`. Pure: it reads through a ProjectFiles provider, which only
// Node hosts create (lib/runner/node/project-files.ts), so the same code runs in every worker.
//
// Node's algorithm: https://nodejs.org/docs/latest-v20.x/api/modules.html#all-together and
// https://nodejs.org/docs/latest-v20.x/api/packages.html#package-entry-points (Node 20).

/** Synchronous reads of a project on disk; every path is absolute and uses `/`. */
export type ProjectFiles = {
  /** the handler's folder */
  root: string;
  /** node_modules folders to search after the importer's own ancestors (the request's nodeModules) */
  nodeModules: string[];
  /** the file's text, or null when there is no such file; throws ProjectLimitError past the size cap */
  read(path: string): string | null;
  isFile(path: string): boolean;
  isDirectory(path: string): boolean;
};

export class ProjectLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectLimitError";
  }
}

export type Resolved =
  | { kind: "file"; path: string; packageName?: string }
  | { kind: "native"; packageName: string; reason: string }
  | { kind: "not-exported"; packageName: string; subpath: string }
  | { kind: "missing" };

/** Extensions tried for an import written without one, in Node's order, then TypeScript's. */
const EXTENSIONS = [".js", ".json", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx"];
/** TypeScript's ESM convention: `./db.js` in the source names `./db.ts` on disk. */
const TS_TWINS: Record<string, string[]> = { ".js": [".ts", ".tsx"], ".mjs": [".mts"], ".cjs": [".cts"], ".jsx": [".tsx"] };
/** Conditions a require or import in Node 20 matches; whichever a package lists first wins. */
const CONDITIONS = new Set(["node", "import", "require", "module-sync", "default"]);
/** Dependencies that mean the package loads a compiled addon. */
const NATIVE_HELPERS = new Set(["bindings", "node-gyp-build", "prebuild-install", "node-addon-api", "nan", "@mapbox/node-pre-gyp", "node-pre-gyp", "napi-build-utils"]);
/** Per-platform prebuilt packages (sharp's @img/sharp-linux-x64, @swc/core-linux-x64-gnu, ...). */
const PLATFORM_PACKAGE = /(^|[-/])(linux|darwin|win32|freebsd|android)-(x64|arm64|arm|ia32|x86_64|universal)/;

export function isRelative(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === ".." || specifier.startsWith("/") || specifier.startsWith("file://");
}

export function dirname(path: string): string {
  const at = path.lastIndexOf("/");
  return at <= 0 ? "/" : path.slice(0, at);
}

/** Joins and normalises POSIX paths; absolute when the first part is. */
export function join(...parts: string[]): string {
  const out: string[] = [];
  const absolute = parts[0]?.startsWith("/") ?? false;
  for (const part of parts.join("/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `${absolute ? "/" : ""}${out.join("/")}`;
}

/** `path` relative to `from` (both absolute), `../` where it lies outside. */
export function relative(from: string, path: string): string {
  const a = from.split("/").filter(Boolean);
  const b = path.split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/") || ".";
}

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot) : "";
}

/** `@scope/pkg/sub/path` → name `@scope/pkg`, subpath `sub/path`. */
export function splitPackage(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split("/");
  const count = specifier.startsWith("@") ? 2 : 1;
  return { name: parts.slice(0, count).join("/"), subpath: parts.slice(count).join("/") };
}

type PackageJson = {
  name?: string;
  main?: unknown;
  exports?: unknown;
  gypfile?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

export function createResolver(files: ProjectFiles) {
  const packageJsons = new Map<string, PackageJson | null>();

  const readPackageJson = (dir: string): PackageJson | null => {
    if (packageJsons.has(dir)) return packageJsons.get(dir) ?? null;
    let parsed: PackageJson | null = null;
    const text = files.read(join(dir, "package.json"));
    if (text !== null) {
      try {
        const value = JSON.parse(text) as unknown;
        parsed = typeof value === "object" && value !== null ? (value as PackageJson) : null;
      } catch {
        parsed = null;
      }
    }
    packageJsons.set(dir, parsed);
    return parsed;
  };

  const asFile = (path: string): string | null => {
    if (files.isFile(path)) return path;
    for (const ext of EXTENSIONS) if (files.isFile(path + ext)) return path + ext;
    const ext = extensionOf(path);
    for (const twin of TS_TWINS[ext] ?? []) {
      const candidate = path.slice(0, -ext.length) + twin;
      if (files.isFile(candidate)) return candidate;
    }
    return null;
  };

  const asDirectory = (dir: string): string | null => {
    if (!files.isDirectory(dir)) return null;
    const pkg = readPackageJson(dir);
    if (pkg && typeof pkg.main === "string" && pkg.main) {
      const main = join(dir, pkg.main);
      const found = asFile(main) ?? asIndex(main);
      if (found) return found;
    }
    return asIndex(dir);
  };

  const asIndex = (dir: string): string | null => {
    for (const ext of EXTENSIONS) if (files.isFile(join(dir, `index${ext}`))) return join(dir, `index${ext}`);
    return null;
  };

  const nativeReason = (dir: string, pkg: PackageJson | null): string | null => {
    if (pkg?.gypfile === true) return "its package.json says gypfile: true";
    if (files.isFile(join(dir, "binding.gyp"))) return "it has a binding.gyp";
    const dependencies = Object.keys({ ...pkg?.dependencies });
    const helper = dependencies.find((name) => NATIVE_HELPERS.has(name));
    if (helper) return `it loads a compiled addon through ${helper}`;
    const prebuilt = Object.keys({ ...pkg?.optionalDependencies }).find((name) => PLATFORM_PACKAGE.test(name));
    if (prebuilt) return `it loads a prebuilt binary from ${prebuilt}`;
    return null;
  };

  const resolvePackage = (dir: string, name: string, subpath: string): Resolved => {
    const pkg = readPackageJson(dir);
    const native = nativeReason(dir, pkg);
    if (native) return { kind: "native", packageName: name, reason: native };
    let path: string | null;
    if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
      const target = exportTarget(pkg.exports, subpath ? `./${subpath}` : ".");
      if (target === null) return { kind: "not-exported", packageName: name, subpath: subpath ? `./${subpath}` : "." };
      path = asFile(join(dir, target));
    } else if (subpath) {
      const full = join(dir, subpath);
      path = asFile(full) ?? asDirectory(full);
    } else {
      path = asDirectory(dir);
    }
    if (!path) return { kind: "missing" };
    if (path.endsWith(".node")) return { kind: "native", packageName: name, reason: `it loads ${relative(dir, path)}, a compiled addon` };
    return { kind: "file", path, packageName: name };
  };

  return {
    /** Where `specifier`, imported by a file in `fromDir`, is in the project. */
    resolve(specifier: string, fromDir: string): Resolved {
      if (isRelative(specifier)) {
        const spec = specifier.startsWith("file://") ? decodeURI(specifier.slice(7)) : specifier;
        const base = spec.startsWith("/") ? join(spec) : join(fromDir, spec);
        const path = asFile(base) ?? asDirectory(base);
        if (!path) return { kind: "missing" };
        if (path.endsWith(".node")) return { kind: "native", packageName: specifier, reason: "it is a compiled addon" };
        return { kind: "file", path };
      }
      const { name, subpath } = splitPackage(specifier);
      const searched = new Set<string>();
      const folders: string[] = [];
      for (let dir = fromDir; ; dir = dirname(dir)) {
        if (!dir.endsWith("/node_modules")) folders.push(join(dir, "node_modules"));
        if (dir === "/") break;
      }
      folders.push(...files.nodeModules);
      for (const folder of folders) {
        if (searched.has(folder)) continue;
        searched.add(folder);
        const dir = join(folder, name);
        if (files.isDirectory(dir)) return resolvePackage(dir, name, subpath);
      }
      return { kind: "missing" };
    },
  };
}

export type Resolver = ReturnType<typeof createResolver>;

/** The file a package's `exports` gives for a subpath ("." or "./x"), or null when it exports none. */
export function exportTarget(exports: unknown, subpath: string): string | null {
  const isSubpathMap = typeof exports === "object" && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((key) => key.startsWith("."));
  if (!isSubpathMap) return subpath === "." ? conditionTarget(exports, null) : null;
  const map = exports as Record<string, unknown>;
  if (subpath in map && !subpath.includes("*")) return conditionTarget(map[subpath], null);
  // the longest pattern whose prefix matches wins (Node's PATTERN_KEY_COMPARE)
  let best: { key: string; match: string } | null = null;
  for (const key of Object.keys(map)) {
    const star = key.indexOf("*");
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (!subpath.startsWith(prefix) || !subpath.endsWith(suffix) || subpath.length < key.length - 1) continue;
    if (!best || prefix.length > best.key.indexOf("*")) best = { key, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
  }
  return best ? conditionTarget(map[best.key], best.match) : null;
}

function conditionTarget(target: unknown, match: string | null): string | null {
  if (typeof target === "string") {
    if (!target.startsWith("./")) return null;
    return match === null ? target : target.replace(/\*/g, match);
  }
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = conditionTarget(item, match);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof target === "object" && target !== null) {
    for (const [condition, value] of Object.entries(target)) {
      if (!CONDITIONS.has(condition)) continue;
      const found = conditionTarget(value, match);
      if (found !== null) return found;
    }
  }
  return null;
}
