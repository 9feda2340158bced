// The module system of one run. Every import is answered, in this order, by: the simulator's own
// modules (Node built-ins it models, fetch clients, platform glue: modules.ts), a module declared
// modelled (request `model`: modelled.ts), the handler's own project (relative files and pure-JS
// packages from node_modules, on Node hosts only: resolve.ts), or, with `model: ["*"]`, an inert
// module; whatever is left is unavailable.
//
// Before any code runs, scan() follows every literal import of the handler and of each project
// file it reaches, transforming each file once (the same transform as the handler, so lines and
// the loop guard work alike), and lists every unavailable import at once. At run time require()
// uses the same answers and runs project files on the virtual clock like the handler.

import { createCostModel } from "../world";
import type { SimulationError, UnavailableImport } from "../types";
import { hintFor, NODE_BUILTINS, type Absence } from "./imports";
import type { ModelledModules } from "./modelled";
import { ModuleNotAvailableError, packageName, type ProvidedModules } from "./modules";
import { createResolver, dirname, isRelative, join, ProjectLimitError, relative, type ProjectFiles, type Resolver } from "./resolve";
import { transformUserCode, type TransformedCode } from "./transform";

/** Caps on what one run loads from disk, so a handler in a huge monorepo fails clearly, not slowly. */
export const PROJECT_LIMITS = { files: 2000, bytes: 50 * 1024 * 1024 };

type Answer =
  | { kind: "provided" }
  | { kind: "types" }
  | { kind: "modelled"; name: string }
  | { kind: "file"; path: string }
  | { kind: "unavailable"; absence: Absence };

type ModuleObject = { exports: unknown; id: string; filename: string; loaded: boolean; children: unknown[]; paths: string[] };

type FileRecord = {
  path: string;
  /** the file as people know it: lib/db.ts, node_modules/ms/index.js; also its sourceURL */
  display: string;
  code: TransformedCode | null;
  json?: unknown;
  module: ModuleObject | null;
};

/** Runs a project file's compiled body with its own module-local names. */
export type ModuleRunner = (code: TransformedCode, display: string, locals: { exports: unknown; require: unknown; module: ModuleObject; __filename: string; __dirname: string }) => void;

export type LoaderOptions = {
  provided: ProvidedModules;
  modelled: ModelledModules;
  /** the request's `model` list */
  model: string[];
  files: ProjectFiles | null;
  /** the handler's file name, for its place in the project */
  filename: string;
  /** the handler's module object: a project file importing the handler gets this one */
  handlerModule: { exports: unknown };
  run: ModuleRunner;
};

export class ScanFailure extends Error {
  constructor(readonly error: SimulationError) {
    super(error.message);
  }
}

export class ModuleLoader {
  private readonly resolver: Resolver | null;
  private readonly records = new Map<string, FileRecord>();
  private readonly answers = new Map<string, Answer>();
  private readonly explicit: ReturnType<typeof createCostModel>;
  private readonly everything: boolean;
  private readonly handlerPath: string | null;
  private loadedBytes = 0;

  constructor(private readonly options: LoaderOptions) {
    this.resolver = options.files ? createResolver(options.files) : null;
    const named = options.model.filter((name) => name !== "*");
    this.explicit = createCostModel({ model: named });
    this.everything = options.model.includes("*");
    this.handlerPath = options.files ? join(options.files.root, options.filename.slice(options.filename.lastIndexOf("/") + 1)) : null;
  }

  /**
   * Every unavailable import reachable from the handler, in line order, each once per file.
   * Throws ScanFailure when a project file cannot be loaded at all (syntax error, too large).
   */
  scan(handler: TransformedCode): UnavailableImport[] {
    const found: UnavailableImport[] = [];
    const visited = new Set<string>();
    const visit = (code: TransformedCode, fromDir: string, from: FileRecord | null, rootLine: number | null) => {
      const reported = new Set<string>();
      for (const item of code.imports) {
        if (item.guarded) continue;
        const line = rootLine ?? item.line;
        const answer = this.answer(item.specifier, fromDir);
        if (answer.kind === "unavailable") {
          if (reported.has(item.specifier) && from) continue;
          reported.add(item.specifier);
          const where = from ? `imported by ${from.display} line ${item.line}; ` : "";
          found.push({ module: item.specifier, line, hint: `${where}${hintFor(answer.absence)}` });
        } else if (answer.kind === "file" && !visited.has(answer.path) && answer.path !== this.handlerPath) {
          visited.add(answer.path);
          const record = this.record(answer.path, line);
          if (record.code) visit(record.code, dirname(record.path), record, line);
        }
      }
    };
    visit(handler, this.options.files?.root ?? "/", null, null);
    return found.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  }

  /** require() for the handler (fromPath null) or a project file. */
  requireFrom(fromPath: string | null): (specifier: string) => unknown {
    const fromDir = fromPath ? dirname(fromPath) : (this.options.files?.root ?? "/");
    const require = (specifier: unknown) => {
      const text = String(specifier);
      const answer = this.answer(text, fromDir);
      switch (answer.kind) {
        case "provided":
          return this.options.provided.load(text);
        case "types":
          return {};
        case "modelled":
          return this.options.modelled.load(answer.name);
        case "file":
          return this.load(answer.path);
        case "unavailable":
          throw new ModuleNotAvailableError(text, hintFor(answer.absence));
      }
    };
    return Object.assign(require, {
      resolve: (specifier: unknown) => {
        const answer = this.answer(String(specifier), fromDir);
        if (answer.kind === "file") return `/var/task/${this.displayOf(answer.path)}`;
        if (answer.kind === "unavailable") throw new ModuleNotAvailableError(String(specifier), hintFor(answer.absence));
        return String(specifier);
      },
      cache: {},
      main: undefined,
    });
  }

  private answer(specifier: string, fromDir: string): Answer {
    const key = `${fromDir}\0${specifier}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.classify(specifier, fromDir);
      this.answers.set(key, answer);
    }
    return answer;
  }

  private classify(specifier: string, fromDir: string): Answer {
    if (/\.d\.[cm]?ts$/.test(specifier)) return { kind: "types" };
    const relativeImport = isRelative(specifier);
    const provided = relativeImport ? null : this.options.provided.lookup(specifier);
    if (provided === "builtin" || provided === "types") return { kind: "provided" };
    const name = relativeImport ? specifier : packageName(specifier).replace(/^node:/, "");
    // A package declared modelled by name is inert even when the simulator has its own model of
    // it, as in the Python engine, where modelled modules come before the stubs.
    if (this.explicit.isModelled(name)) return { kind: "modelled", name };
    if (provided) return { kind: "provided" };
    const absence = this.findInProject(specifier, name, fromDir);
    if ("path" in absence) return { kind: "file", path: absence.path };
    // `*` models every import nothing else answers (a file that does not parse is still an error)
    if (this.everything) return { kind: "modelled", name };
    return { kind: "unavailable", absence };
  }

  private findInProject(specifier: string, name: string, fromDir: string): Absence | { path: string } {
    const bare = name.replace(/^node:/, "");
    if (!isRelative(specifier) && (specifier.startsWith("node:") || NODE_BUILTINS.has(bare))) return { kind: "builtin", name: bare };
    if (!this.resolver) {
      if (isRelative(specifier)) return { kind: "relative-editor", specifier };
      return { kind: "package", name: packageRoot(name), project: false };
    }
    // Deno's and CDN specifiers name the package; inside a project it is still a bare import
    const resolved = this.resolver.resolve(isRelative(specifier) ? specifier : name, fromDir);
    switch (resolved.kind) {
      case "file":
        return { path: resolved.path };
      case "native":
        return { kind: "native", name: resolved.packageName, reason: resolved.reason };
      case "not-exported":
        return { kind: "not-exported", name: resolved.packageName, subpath: resolved.subpath };
      case "missing":
        if (isRelative(specifier)) {
          const folder = this.displayOf(fromDir);
          return { kind: "relative-missing", specifier, from: folder === "." ? "the handler" : `${folder}/` };
        }
        return { kind: "package", name: packageRoot(name), project: true };
    }
  }

  /** The file as the person knows it: relative to the handler's folder, or from node_modules on. */
  private displayOf(path: string): string {
    const at = path.lastIndexOf("/node_modules/");
    if (at >= 0) return path.slice(at + 1);
    return relative(this.options.files?.root ?? "/", path);
  }

  /** Reads and transforms a project file once; `line` is the handler line the import chain starts on. */
  private record(path: string, line: number | null): FileRecord {
    const existing = this.records.get(path);
    if (existing) return existing;
    const files = this.options.files;
    if (!files) throw new ScanFailure({ type: "ImportError", message: `cannot read ${path}: no project`, line });
    const display = this.displayOf(path);
    if (this.records.size >= PROJECT_LIMITS.files) {
      throw new ScanFailure({ type: "ProjectTooLarge", message: `the handler imports more than ${PROJECT_LIMITS.files} files; the simulator loads at most ${PROJECT_LIMITS.files} per run (model the largest dependency instead)`, line });
    }
    let text: string | null;
    try {
      text = files.read(path);
    } catch (error) {
      if (error instanceof ProjectLimitError) throw new ScanFailure({ type: "ProjectTooLarge", message: `${display}: ${error.message}`, line });
      throw new ScanFailure({ type: "ImportError", message: `cannot read ${display}`, line });
    }
    if (text === null) throw new ScanFailure({ type: "ImportError", message: `cannot read ${display}`, line });
    this.loadedBytes += text.length;
    if (this.loadedBytes > PROJECT_LIMITS.bytes) {
      throw new ScanFailure({ type: "ProjectTooLarge", message: `the handler's imports add up to more than ${PROJECT_LIMITS.bytes / 1024 / 1024} MB of code; the simulator loads at most that per run (model the largest dependency instead)`, line });
    }
    let record: FileRecord;
    if (path.endsWith(".json")) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new ScanFailure({ type: "SyntaxError", message: `${display}: ${(error as Error).message}`, line });
      }
      record = { path, display, code: null, json, module: null };
    } else {
      const transformed = transformUserCode(text, { typescript: /\.(c|m)?tsx?$/.test(path), filename: display, guardLines: false });
      if (!transformed.ok) {
        const { error } = transformed;
        throw new ScanFailure({ type: "SyntaxError", message: `${display}:${error.line ?? "?"}:${error.column ?? "?"}: ${error.message.replace(/\s*\(\d+:\d+\)$/, "")}`, line });
      }
      record = { path, display, code: transformed, module: null };
    }
    this.records.set(path, record);
    return record;
  }

  /** Runs a project file (once) and gives its exports, like Node's require. */
  private load(path: string): unknown {
    if (path === this.handlerPath) return this.options.handlerModule.exports;
    let record: FileRecord;
    try {
      record = this.record(path, null);
    } catch (error) {
      // a file only reached by a dynamic require, found broken at run time
      if (error instanceof ScanFailure) throw Object.assign(new Error(error.error.message), { name: error.error.type });
      throw error;
    }
    if (record.module) return record.module.exports;
    const module: ModuleObject = { exports: {}, id: record.display, filename: `/var/task/${record.display}`, loaded: false, children: [], paths: [] };
    record.module = module;
    if (record.code === null) {
      module.exports = record.json;
    } else {
      this.options.run(record.code, record.display, {
        exports: module.exports,
        require: this.requireFrom(path),
        module,
        __filename: module.filename,
        __dirname: dirname(module.filename),
      });
    }
    module.loaded = true;
    return module.exports;
  }
}

function packageRoot(name: string): string {
  const parts = name.split("/");
  return parts.slice(0, name.startsWith("@") ? 2 : 1).join("/");
}
