import { diffLines } from "diff";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ContentError } from "./content-error";
import { langOfFile, tokenize, type CodeToken } from "./highlight.server";
import type { Simulate } from "./schema";

export type CodeFile = {
  name: string;
  lang: string;
  source: string;
  lines: CodeToken[][];
  /** 1-based lines that differ from the other file of the pair */
  changed: number[];
};

export type DiffRow =
  | { kind: "same"; broken: number; fixed: number }
  | { kind: "del"; broken: number }
  | { kind: "add"; fixed: number };

export type CodePair = { broken: CodeFile; fixed: CodeFile; diff: DiffRow[]; added: number; removed: number };

/** Rows of a line diff, each pointing at the line (1-based) of the side it comes from. */
export function diffRows(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let b = 1;
  let f = 1;
  for (const change of diffLines(before.replace(/\n?$/, "\n"), after.replace(/\n?$/, "\n"))) {
    const count = change.count ?? change.value.split("\n").length - 1;
    for (let i = 0; i < count; i++) {
      if (change.added) rows.push({ kind: "add", fixed: f++ });
      else if (change.removed) rows.push({ kind: "del", broken: b++ });
      else rows.push({ kind: "same", broken: b++, fixed: f++ });
    }
  }
  return rows;
}

async function readCode(dir: string, file: string, field: string, name: string): Promise<string> {
  try {
    return await readFile(path.join(dir, name), "utf8");
  } catch {
    throw new ContentError(file, field, `${name} does not exist beside index.mdx`);
  }
}

/** Reads and highlights the article's runnable pair: the page shows exactly the code CI runs. */
export async function loadCodePair(dir: string, file: string, simulate: Simulate): Promise<CodePair> {
  const [brokenSource, fixedSource] = await Promise.all([
    readCode(dir, file, "simulate.broken", simulate.broken),
    readCode(dir, file, "simulate.fixed", simulate.fixed),
  ]);
  if (brokenSource.trim() === fixedSource.trim()) {
    throw new ContentError(file, "simulate.fixed", `${simulate.fixed} is identical to ${simulate.broken}; the fix must change the code`);
  }
  const diff = diffRows(brokenSource, fixedSource);
  const make = async (name: string, source: string, changed: number[]): Promise<CodeFile> => {
    const lang = langOfFile(name);
    return { name, lang, source, lines: await tokenize(source, lang), changed };
  };
  const removed = diff.flatMap((r) => (r.kind === "del" ? [r.broken] : []));
  const added = diff.flatMap((r) => (r.kind === "add" ? [r.fixed] : []));
  const [broken, fixed] = await Promise.all([make(simulate.broken, brokenSource, removed), make(simulate.fixed, fixedSource, added)]);
  return { broken, fixed, diff, added: added.length, removed: removed.length };
}
