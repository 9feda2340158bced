// The code files beside an article's index.mdx: the runnable pair and any module or fixture it
// imports (retry.js, server.js). They are what a reader copies, so verify:content holds each to
// the scaffolding check and the test suite parses each with the language's own toolchain.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { languageOfFile } from "../runner/prepare";
import type { Language } from "../runner/types";

export type CodeFile = { name: string; path: string; language: Language };

/** Code files in an article's folder, sorted by name; other files (index.mdx, HTML fixtures) are skipped. */
export async function codeFilesOf(folder: string): Promise<CodeFile[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .flatMap((e) => {
      const language = languageOfFile(e.name);
      return language ? [{ name: e.name, path: path.join(folder, e.name), language }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The findScaffolding dialect of a file's language. */
export const scaffoldingDialect = (language: Language): "python" | "js" => (language === "python" ? "python" : "js");
