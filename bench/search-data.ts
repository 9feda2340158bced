// Shared by the search benchmarks: the index of the whole catalogue (or, with --written, as the site builds it), the dev pastes, and the
// keystrokes of typing the short ones.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { withCatalogueStubs } from "../lib/search/catalogue-stubs";
import { loadArticleDocuments } from "../lib/search/documents.server";
import { buildIndexData, type SearchIndexData } from "../lib/search/engine";

export type Snippet = { id: string; text: string; expected: string[] };

export async function benchInputs(): Promise<{ data: SearchIndexData; snippets: Snippet[]; keystrokes: string[]; bigPaste: string }> {
  // The whole catalogue by default (a stub for each article not written yet); --written for the site as built.
  const written = await loadArticleDocuments();
  const data = await buildIndexData(process.argv.includes("--written") ? written : await withCatalogueStubs(written));
  const file = process.env.DEADLINE_EVAL_SET ?? path.join(import.meta.dirname, "..", "..", "shared", "eval", "dev-errors.json");
  const snippets = JSON.parse(await readFile(file, "utf8")) as Snippet[];
  // Typing a query one key at a time: every prefix of the short snippets.
  const keystrokes = snippets.filter((s) => s.text.length <= 200).flatMap((s) => Array.from({ length: s.text.length }, (_, i) => s.text.slice(0, i + 1)));
  const line = "2025-01-01T00:00:00.000Z 6f1d2c3b-9a8e-4d7f-b6c5-2e1f0a9b8c7d INFO GET /health 200 1ms\n";
  const bigPaste = `${line.repeat(Math.ceil(1_048_576 / line.length))}${snippets.find((s) => s.text.includes("Traceback"))?.text ?? "Task timed out after 3.00 seconds"}`;
  return { data, snippets, keystrokes, bigPaste };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
