// Every code file an article shows must at least parse with its language's real toolchain:
// Python through CPython's own compile() (Pyodide's CPython 3.14), TypeScript and JavaScript
// through the TypeScript compiler's parser. Syntax only: imports of packages this repository does
// not have (torch, pg, @vercel/functions) are fine, and nothing is type-checked.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PyodideInterface } from "pyodide";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { loadPyodideFromNodeModules } from "../runner/python/load-node";
import { codeFilesOf, type CodeFile } from "./code-files";
import { contentDir, listSlugs } from "./load.server";

let pyodide: PyodideInterface;

beforeAll(async () => {
  pyodide = await loadPyodideFromNodeModules();
});

/** The first syntax error CPython reports, as "line N: message", or null when it compiles. */
function pythonSyntaxError(source: string, filename: string): string | null {
  const scope = pyodide.toPy({ source, filename });
  try {
    // Python's None arrives as undefined.
    const result = pyodide.runPython(
      `
try:
    compile(source, filename, "exec", dont_inherit=True)
    result = None
except SyntaxError as error:
    result = f"line {error.lineno}: {error.msg}"
result
`,
      { globals: scope },
    ) as string | undefined;
    return result ?? null;
  } finally {
    scope.destroy();
  }
}

/** Syntax errors the TypeScript parser reports for a .ts/.js/.mjs file, as "line N: message". */
function scriptSyntaxErrors(source: string, filename: string): string[] {
  const output = ts.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, allowJs: true, jsx: ts.JsxEmit.Preserve },
  });
  return (output.diagnostics ?? []).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

async function syntaxErrors(file: CodeFile): Promise<string[]> {
  const source = await readFile(file.path, "utf8");
  if (file.language === "python") {
    const error = pythonSyntaxError(source, file.name);
    return error ? [error] : [];
  }
  return scriptSyntaxErrors(source, file.name);
}

describe("the parsers reject what does not parse", () => {
  test("Python: CPython's compile() names the line of a syntax error", () => {
    expect(pythonSyntaxError("import runpod\n\ndef handler(job)\n    return job\n", "fixed.py")).toMatch(/^line 3: /);
    expect(pythonSyntaxError("def handler(job):\n    return job\n", "fixed.py")).toBeNull();
  });
  test("TypeScript and JavaScript: the compiler's parser names the line", () => {
    expect(scriptSyntaxErrors("export async function POST(request: Request) {\n  const x = await request.json(;\n}\n", "fixed.ts")[0]).toMatch(/^line 2: /);
    expect(scriptSyntaxErrors("exports.handler = async (event) => {\n  return { ok: true };\n", "fixed.js")).not.toEqual([]);
    expect(scriptSyntaxErrors("import pg from 'pg';\nexport const handler = async () => pg;\n", "fixed.mjs")).toEqual([]);
  });
});

describe("every article's code files parse with the real toolchain", async () => {
  const dir = contentDir();
  const files = (await Promise.all((await listSlugs(dir)).map((slug) => codeFilesOf(path.join(dir, slug))))).flat();
  test("there are articles with runnable pairs to check", () => {
    expect(files.filter((f) => /^fixed\./.test(f.name)).length).toBeGreaterThanOrEqual(30);
  });
  test.each(files.map((f) => [path.relative(dir, f.path), f] as const))("%s", async (_name, file) => {
    expect(await syntaxErrors(file)).toEqual([]);
  });
});
