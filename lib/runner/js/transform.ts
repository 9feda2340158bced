// One transform for the browser worker and Node alike: sucrase strips TypeScript and turns ESM
// into CommonJS while keeping every statement on its original line, so a line in a V8 stack is a
// line of the user's file. acorn then re-parses the output to catch the early errors sucrase does
// not check, and to inject the loop guard without adding a single newline.

import { parse, type Node as AcornNode } from "acorn";
import { transform } from "sucrase";

/** Names the injected guard uses; parameters of the module wrapper (see engine.ts). */
export const GUARD_COUNTER = "__dl$n";
export const GUARD_CHECK = "__dl$c";
/** `{ s: number }`: where each loop's local counter starts; the engine raises it to stop code. */
export const GUARD_STATE = "__dl$g";
const LOOP_COUNTER = "__dl$k";
/**
 * `await X` becomes `await __dl$w(__dl$a(line), X)`: the loop notes where each await started (before
 * X runs, so an inner await starts after the outer one) and what it waits for, so that a handler
 * stuck on a promise nothing will ever settle can be shown on the line it is stuck at.
 */
export const AWAIT_START = "__dl$a";
export const AWAIT_VALUE = "__dl$w";
/** Iterations between two real-time checks at most; the check itself adapts downwards. */
export const GUARD_PERIOD = 65536;

export type FunctionRange = { start: number; end: number; oneLine: boolean };

/** A module the code loads by a literal name: static import, export-from, require("x"), import("x"). */
export type FoundImport = {
  specifier: string;
  /** 1-based line in the source file */
  line: number;
  /** inside a `try` block: the code is ready for it to fail, so its absence is not an error */
  guarded: boolean;
};

/** A name the module exports, and the line that exports it. */
export type FoundExport = { name: string; line: number };

export type TransformedCode = {
  ok: true;
  code: string;
  /** every module loaded by a literal name, in source order (import type and type-only imports are gone) */
  imports: FoundImport[];
  /** the exports the code assigns by name (`exports.x =`, `module.exports = { x }`), with their lines */
  exports: FoundExport[];
  /** true when the file used import/export (or dynamic import): it then runs in strict mode */
  esm: boolean;
  /** every function of the final code, for telling one-line helpers from call sites */
  functions: FunctionRange[];
  lineStarts: number[];
};

export type TransformFailure = {
  ok: false;
  error: { type: "SyntaxError"; message: string; line: number | null; column: number | null };
};

type Loc = { line: number; column: number };
type Walkable = AcornNode & {
  loc?: { start: Loc; end: Loc };
  body?: Walkable | Walkable[];
  params?: Walkable[];
  expression?: Walkable;
  directive?: string;
  [key: string]: unknown;
};

const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);
const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

export type TransformOptions = {
  typescript: boolean;
  filename: string;
  /**
   * false for a project's other files: their guards report no line, since a line number is only
   * read as a line of the handler's own file.
   */
  guardLines?: boolean;
};

export function transformUserCode(source: string, options: TransformOptions): TransformedCode | TransformFailure {
  // A hashbang is legal at the top of a file but not inside a function body; keep its line.
  const text = source.startsWith("#!") ? `//${source.slice(2)}` : source;
  let full: string;
  let lite: string;
  try {
    const base = options.typescript ? (["typescript"] as const) : ([] as const);
    full = transform(text, { transforms: [...base, "imports"], disableESTransforms: true, filePath: options.filename }).code;
    // sucrase's imports transform also prefixes "use strict" to plain CommonJS; a Lambda CJS file
    // is sloppy, so when the imports transform changed nothing else, run the file without it.
    lite = transform(text, { transforms: [...base], disableESTransforms: true, filePath: options.filename }).code;
  } catch (error) {
    return { ok: false, error: syntaxError(error, "sucrase") };
  }
  const esm = full !== `"use strict";${lite}`;
  const code = esm ? full : lite;

  let ast: Walkable;
  try {
    ast = parseScript(code);
  } catch (error) {
    return { ok: false, error: syntaxError(error, "acorn") };
  }
  const scan: ModuleScan = { imports: [], exports: [] };
  const guarded = injectGuards(code, ast, { scan, guardLines: options.guardLines !== false });
  let functions: FunctionRange[] = [];
  try {
    functions = collectFunctions(guarded, parseScript(guarded));
  } catch {
    // The guard cannot break valid code; should it ever, the run still works, only the
    // one-line-helper heuristic for timeout lines is lost.
  }
  return { ok: true, code: guarded, esm, imports: scan.imports, exports: finishExports(scan), functions, lineStarts: lineStartsOf(guarded) };
}

function parseScript(code: string): Walkable {
  return parse(code, {
    ecmaVersion: "latest",
    sourceType: "script",
    // the module body runs inside an async function (top-level await) that may also `return`
    allowAwaitOutsideFunction: true,
    allowReturnOutsideFunction: true,
    locations: true,
  }) as unknown as Walkable;
}

function syntaxError(error: unknown, from: "sucrase" | "acorn"): TransformFailure["error"] {
  const raw = error instanceof Error ? error.message : String(error);
  const loc = (error as { loc?: Loc }).loc;
  // sucrase prefixes "Error transforming <file>: " and counts columns from 1; acorn from 0.
  const column = loc ? (from === "acorn" ? loc.column + 1 : loc.column) : null;
  const message = raw
    .replace(/^Error transforming [^:]*: /, "")
    .replace(/\s*\(\d+:\d+\)$/, "")
    .trim();
  return {
    type: "SyntaxError",
    message: loc ? `${message} (${loc.line}:${column})` : message,
    line: loc?.line ?? null,
    column,
  };
}

function guardText(line: number, counter: string): string {
  return `if(++${counter}>${GUARD_PERIOD})${counter}=${GUARD_CHECK}(${line});`;
}

type Insertion = { at: number; text: string; order: number; closing: boolean };

/**
 * Puts a counter check at the top of every loop body and function body. Text is only inserted,
 * never a newline, so lines stay put; a busy `while (true) {}` then checks real time every few
 * thousand iterations and can be stopped, which nothing outside the thread could do.
 *
 * A loop counts in a block-scoped `let` around the loop, which V8 keeps in a register (a shared
 * closure variable doubled the cost of tight loops); the same name in nested blocks shadows
 * correctly. Functions share one closure counter, which is what catches runaway recursion.
 */
export function injectGuards(code: string, ast: Walkable, options: { scan?: ModuleScan; guardLines?: boolean } = {}): string {
  const insertions: Insertion[] = [];
  let order = 0;
  const add = (at: number, text: string, closing = false) => insertions.push({ at, text, order: order++, closing });
  // a label must stay directly on its loop, so the counter's block goes around the labels
  const labelled = new Map<Walkable, number>();
  const { scan } = options;
  const tryBlocks: Array<{ start: number; end: number }> = [];
  const withLines = options.guardLines !== false;

  // One walk does both jobs: the parse is the costly part, so imports and exports are collected
  // from the same tree the guards are placed in.
  walk(ast, (node) => {
    if (scan) scanNode(node, scan, tryBlocks);
    const line = withLines ? (node.loc?.start.line ?? 0) : 0;
    if (node.type === "LabeledStatement") {
      let inner = node.body as Walkable | undefined;
      while (inner && !Array.isArray(inner) && inner.type === "LabeledStatement") inner = inner.body as Walkable | undefined;
      if (inner && !Array.isArray(inner) && LOOPS.has(inner.type) && !labelled.has(inner)) labelled.set(inner, node.start);
      return;
    }
    if (LOOPS.has(node.type)) {
      const body = node.body as Walkable | undefined;
      if (!body || Array.isArray(body) || isSmallCountedLoop(node)) return;
      add(labelled.get(node) ?? node.start, `{let ${LOOP_COUNTER}=${GUARD_STATE}.s;`);
      if (body.type === "BlockStatement") add(body.start + 1, guardText(line, LOOP_COUNTER));
      else {
        add(body.start, `{${guardText(line, LOOP_COUNTER)}`);
        add(body.end, "}", true);
      }
      add(node.end, "}", true);
      return;
    }
    if (node.type === "AwaitExpression" && withLines) {
      const argument = node.argument as Walkable | undefined;
      if (argument) {
        add(argument.start, `${AWAIT_VALUE}(${AWAIT_START}(${line}),`);
        add(argument.end, ")", true);
      }
      return;
    }
    if (FUNCTIONS.has(node.type)) {
      const body = node.body as Walkable | undefined;
      if (!body || Array.isArray(body)) return;
      if (body.type === "BlockStatement") {
        // after the directive prologue, or "use strict" would stop being a directive
        const statements = (body.body as Walkable[] | undefined) ?? [];
        let at = body.start + 1;
        for (const statement of statements) {
          if (statement.type === "ExpressionStatement" && typeof statement.directive === "string") at = statement.end;
          else break;
        }
        add(at, guardText(line, GUARD_COUNTER));
      } else {
        // expression-bodied arrow: `=> expr` becomes `=> {guard;return (expr)}`; the parentheses
        // keep `return` from ending at a line break and keep object literals intact.
        const params = node.params ?? [];
        const from = params.length > 0 ? (params[params.length - 1]?.end ?? node.start) : node.start;
        const arrow = code.indexOf("=>", from);
        if (arrow < 0 || arrow > body.start) return;
        add(arrow + 2, `{${guardText(line, GUARD_COUNTER)}return (`);
        add(node.end, ")}", true);
      }
    }
  });

  // The walk visits outer nodes first. Where several texts meet at one offset, closings come
  // first, innermost first; then openings, outermost first.
  insertions.sort(
    (a, b) =>
      a.at - b.at ||
      (a.closing === b.closing ? (a.closing ? b.order - a.order : a.order - b.order) : a.closing ? -1 : 1),
  );
  const parts: string[] = [];
  let last = 0;
  for (const { at, text } of insertions) {
    parts.push(code.slice(last, at), text);
    last = at;
  }
  parts.push(code.slice(last));
  return parts.join("");
}

type ModuleScan = {
  imports: FoundImport[];
  exports: FoundExport[];
  /** top-level names and their declaration lines: sucrase writes `exports.x = x` after the declaration ends */
  declared?: Map<string, number>;
  /** export name → the local name it was assigned from */
  refs?: Map<string, string>;
};

/** The exports with the lines their declarations start on, each name once. */
function finishExports(scan: ModuleScan): FoundExport[] {
  const seen = new Set<string>();
  const out: FoundExport[] = [];
  for (const found of scan.exports) {
    if (seen.has(found.name)) continue;
    seen.add(found.name);
    const local = scan.refs?.get(found.name);
    const declared = local !== undefined ? scan.declared?.get(local) : undefined;
    out.push({ name: found.name, line: declared ?? found.line });
  }
  return out;
}

const stringArgument = (node: Walkable | undefined): string | null =>
  node?.type === "Literal" && typeof node.value === "string" ? node.value : node?.type === "TemplateLiteral" && ((node.expressions as Walkable[]).length === 0) ? String(((node.quasis as Walkable[])[0]?.value as { cooked?: string } | undefined)?.cooked ?? "") : null;

const isExportsObject = (node: Walkable | undefined): boolean =>
  (node?.type === "Identifier" && node.name === "exports") ||
  (node?.type === "MemberExpression" && (node.object as Walkable).type === "Identifier" && (node.object as Walkable).name === "module" && propertyName(node) === "exports");

function propertyName(member: Walkable): string | null {
  const property = member.property as Walkable;
  if (!member.computed && property.type === "Identifier") return property.name as string;
  return stringArgument(property);
}

/**
 * Imports and exports in the compiled code. sucrase has turned every static import and export-from
 * into `require('x')` on the import's own line and dropped type-only ones, so a require with a
 * literal name is every kind of import; exports are `exports.name = ...` assignments.
 */
function scanNode(node: Walkable, scan: ModuleScan, tryBlocks: Array<{ start: number; end: number }>): void {
  const line = node.loc?.start.line ?? 0;
  if (node.type === "Program") {
    scan.declared = new Map();
    for (const statement of (node.body as Walkable[]) ?? []) {
      const at = statement.loc?.start.line ?? 0;
      if ((statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") && (statement.id as Walkable | null)?.type === "Identifier") {
        scan.declared.set((statement.id as Walkable).name as string, at);
      } else if (statement.type === "VariableDeclaration") {
        for (const declarator of (statement.declarations as Walkable[]) ?? []) {
          const id = declarator.id as Walkable;
          if (id.type === "Identifier") scan.declared.set(id.name as string, declarator.loc?.start.line ?? at);
        }
      }
    }
    return;
  }
  if (node.type === "TryStatement") {
    const block = node.block as Walkable;
    tryBlocks.push({ start: block.start, end: block.end });
    return;
  }
  if (node.type === "CallExpression") {
    const callee = node.callee as Walkable;
    const args = (node.arguments as Walkable[] | undefined) ?? [];
    if (callee.type === "Identifier" && callee.name === "require" && args.length >= 1) {
      const specifier = stringArgument(args[0]);
      if (specifier !== null) scan.imports.push({ specifier, line, guarded: tryBlocks.some((b) => b.start <= node.start && node.end <= b.end) });
      return;
    }
    // Object.defineProperty(exports, "name", ...) and sucrase's _createNamedExportFrom(obj, "name", ...)
    if (callee.type === "MemberExpression" && (callee.object as Walkable).type === "Identifier" && (callee.object as Walkable).name === "Object" && propertyName(callee) === "defineProperty" && isExportsObject(args[0])) {
      const name = stringArgument(args[1]);
      if (name && name !== "__esModule") scan.exports.push({ name, line });
      return;
    }
    if (callee.type === "Identifier" && callee.name === "_createNamedExportFrom") {
      const name = stringArgument(args[1]);
      if (name) scan.exports.push({ name, line });
    }
    return;
  }
  if (node.type === "ImportExpression") {
    // left as import() only in a file sucrase saw no ESM in; it is still an import
    const specifier = stringArgument(node.source as Walkable);
    if (specifier !== null) scan.imports.push({ specifier, line, guarded: tryBlocks.some((b) => b.start <= node.start && node.end <= b.end) });
    return;
  }
  if (node.type === "AssignmentExpression" && node.operator === "=") {
    const left = node.left as Walkable;
    if (left.type === "MemberExpression" && isExportsObject(left.object as Walkable)) {
      const name = propertyName(left);
      if (name) scan.exports.push({ name, line });
      const right = node.right as Walkable;
      if (name && right.type === "Identifier") (scan.refs ??= new Map()).set(name, right.name as string);
    } else if (isExportsObject(left) && (node.right as Walkable).type === "ObjectExpression") {
      // module.exports = { handler, main: ... }
      for (const property of ((node.right as Walkable).properties as Walkable[]) ?? []) {
        if (property.type !== "Property") continue;
        const key = property.key as Walkable;
        const name = !property.computed && key.type === "Identifier" ? (key.name as string) : stringArgument(key);
        if (name) scan.exports.push({ name, line: property.loc?.start.line ?? line });
      }
    } else if (isExportsObject(left)) {
      scan.exports.push({ name: "module.exports", line });
    }
  }
}

/** Iterations below which a counted loop is left unguarded: the loop around it is guarded. */
const SMALL_LOOP = 10_000;

/**
 * `for (let i = 0; i < 100; i++)` with literal bounds and nothing else writing `i` ends by
 * itself in a few iterations; guarding it would double the cost of a tight inner loop.
 */
function isSmallCountedLoop(node: Walkable): boolean {
  if (node.type !== "ForStatement") return false;
  const init = node.init as Walkable | null;
  const test = node.test as Walkable | null;
  const update = node.update as Walkable | null;
  const declaration = init?.type === "VariableDeclaration" ? ((init.declarations as Walkable[] | undefined) ?? []) : [];
  if (declaration.length !== 1) return false;
  const variable = declaration[0] as Walkable;
  const id = variable.id as Walkable | undefined;
  const name = id?.type === "Identifier" ? (id.name as string) : null;
  const start = numberLiteral(variable.init as Walkable | null);
  if (!name || start === null || !test || test.type !== "BinaryExpression") return false;
  const left = test.left as Walkable;
  const end = numberLiteral(test.right as Walkable);
  if (left.type !== "Identifier" || left.name !== name || end === null || !["<", "<="].includes(test.operator as string)) return false;
  if (!update || update.type !== "UpdateExpression" || update.operator !== "++" || (update.argument as Walkable).type !== "Identifier" || (update.argument as Walkable).name !== name) return false;
  if (end - start > SMALL_LOOP) return false;
  let writes = false;
  walk(node.body as Walkable, (inner) => {
    const target = inner.type === "AssignmentExpression" ? (inner.left as Walkable) : inner.type === "UpdateExpression" ? (inner.argument as Walkable) : null;
    if (target?.type === "Identifier" && target.name === name) writes = true;
  });
  return !writes;
}

function numberLiteral(node: Walkable | null): number | null {
  return node?.type === "Literal" && typeof node.value === "number" ? node.value : null;
}

function collectFunctions(code: string, ast: Walkable): FunctionRange[] {
  const functions: FunctionRange[] = [];
  walk(ast, (node) => {
    if (!FUNCTIONS.has(node.type)) return;
    functions.push({ start: node.start, end: node.end, oneLine: !code.slice(node.start, node.end).includes("\n") });
  });
  return functions;
}

function walk(node: Walkable, visit: (node: Walkable) => void): void {
  visit(node);
  for (const key of Object.keys(node)) {
    if (key === "loc") continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit);
    } else if (isNode(value)) walk(value, visit);
  }
}

function isNode(value: unknown): value is Walkable {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

export function lineStartsOf(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
