// Prints search figures in Node: the index size (raw and gzipped), query latency p50/p95 over the
// dev pastes and over every keystroke of typing the short ones, a 1 MB paste, and how a plain
// flexsearch query of the raw paste ranks the same set (the baseline to beat).
//   npx tsx bench/search.ts          (DEADLINE_CONTENT_DIR and DEADLINE_EVAL_SET apply)
import { Document } from "flexsearch";
import { gzipSync } from "node:zlib";
import { loadArticleDocuments } from "../lib/search/documents.server";
import { createEngine } from "../lib/search/engine";
import { benchInputs, ms, percentile, type Snippet } from "./search-data";

const { data, snippets, keystrokes, bigPaste } = await benchInputs();
const json = JSON.stringify(data);
console.log(`index: ${data.docs.length} articles, ${(json.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(json).length / 1024).toFixed(1)} KiB gzipped`);

let started = performance.now();
const engine = createEngine(JSON.parse(json));
console.log(`load (parse + import): ${ms(performance.now() - started)}`);

function time(queries: string[], rounds: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      engine.search(q, { limit: 5 });
      out.push(performance.now() - t);
    }
  }
  return out;
}
time(snippets.map((s) => s.text), 2); // warm up
const pastes = time(snippets.map((s) => s.text), 10);
console.log(`paste (${snippets.length} dev snippets × 10): p50 ${ms(percentile(pastes, 50))}, p95 ${ms(percentile(pastes, 95))}, max ${ms(Math.max(...pastes))}`);
const keys = time(keystrokes, 3);
console.log(`keystroke (${keystrokes.length} prefixes × 3): p50 ${ms(percentile(keys, 50))}, p95 ${ms(percentile(keys, 95))}`);
started = performance.now();
engine.search(bigPaste);
console.log(`1 MB paste (${(bigPaste.length / 1_048_576).toFixed(2)} MB): ${ms(performance.now() - started)}`);

// Baseline: flexsearch on its own, the raw paste as the query, articles as plain text.
const articles = await loadArticleDocuments();
const plain = new Document({ document: { id: "id", index: ["title", "error", "signatures", "summary", "body"] } });
articles.forEach((a, id) => plain.add({ id, title: a.title, error: a.error, signatures: a.signatures.join("\n"), summary: a.summary, body: Object.values(a.fields).join("\n") }));
function plainRank(text: string): string[] {
  const results = plain.search(text, { limit: 10, suggest: true, merge: true } as never) as unknown as { id: number }[];
  return results.map((r) => articles[r.id]!.slug);
}
function score(rank: (text: string) => string[], set: Snippet[]) {
  const slugs = new Set(articles.map((a) => a.slug));
  const scored = set.filter((s) => s.expected.some((e) => slugs.has(e)));
  let top1 = 0;
  let top3 = 0;
  for (const s of scored) {
    const ranked = rank(s.text);
    const i = ranked.findIndex((slug) => s.expected.includes(slug));
    if (i === 0) top1++;
    if (i >= 0 && i < 3) top3++;
  }
  const pct = (n: number) => `${((100 * n) / Math.max(1, scored.length)).toFixed(1)} %`;
  return `top-1 ${top1}/${scored.length} (${pct(top1)}), top-3 ${top3}/${scored.length} (${pct(top3)})`;
}
console.log(`ranking, plain flexsearch of the raw paste: ${score(plainRank, snippets)}`);
console.log(`ranking, Deadline search:                  ${score((t) => engine.search(t, { limit: 10 }).hits.map((h) => h.slug), snippets)}`);
