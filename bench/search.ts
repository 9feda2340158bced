// Prints search figures in Node: the index size (raw and gzipped, beside the size of the same
// index as flexsearch's export, the format before version 3), load time, query latency p50/p95 over the
// dev pastes and over every keystroke of typing the short ones, a 1 MB paste, and how a plain
// flexsearch query of the raw paste ranks the same set (the baseline to beat).
//   npx tsx bench/search.ts          (DEADLINE_CONTENT_DIR and DEADLINE_EVAL_SET apply)
import { Document } from "flexsearch";
import { gzipSync } from "node:zlib";
import { loadArticleDocuments } from "../lib/search/documents.server";
import { createEngine, emptyIndexes, flexsearchIndexes, indexesFromData } from "../lib/search/engine";
import { recordsFromData } from "../lib/search/index-data";
import { benchInputs, ms, percentile, type Snippet } from "./search-data";

const { data, snippets, keystrokes, bigPaste } = await benchInputs();
const json = JSON.stringify(data);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`index: ${data.docs.length} articles, ${kib(json.length)} raw, ${kib(gzipSync(json).length)} gzipped`);
// The format before version 3, measured on the same articles: flexsearch's own export of the same
// records, beside the same metadata.
const exportOf = async (index: { export(handler: (key: string, data: string) => void): unknown }) => {
  const chunks: [string, string][] = [];
  await index.export((key, chunk) => void (chunk !== undefined && chunk !== null && chunks.push([key, chunk])));
  return chunks;
};
const records = recordsFromData(data);
const exported = flexsearchIndexes(records);
const before = JSON.stringify({ version: 2, docs: data.docs, articles: await exportOf(exported.articles), causes: await exportOf(exported.causes), causeOwners: records.causeOwners });
const ratio = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`;
console.log(
  `  as flexsearch's export (v2): ${kib(before.length)} raw, ${kib(gzipSync(before).length)} gzipped; now ${ratio(json.length, before.length)} raw, ${ratio(gzipSync(json).length, gzipSync(before).length)} gzipped`,
);

// Load, median of 7 (the machine is shared): the file parsed and its engine built; and the part the
// format decides, the file parsed and flexsearch's indexes filled, beside the same for the v2 file,
// whose engine imported flexsearch's export as it was.
const loads = { engine: [] as number[], indexes: [] as number[], v2: [] as number[] };
for (let round = 0; round < 7; round++) {
  let t = performance.now();
  createEngine(JSON.parse(json) as typeof data);
  loads.engine.push(performance.now() - t);
  t = performance.now();
  indexesFromData(JSON.parse(json) as typeof data);
  loads.indexes.push(performance.now() - t);
  t = performance.now();
  const old = JSON.parse(before) as { articles: [string, string][]; causes: [string, string][] };
  const indexes = emptyIndexes();
  for (const [key, chunk] of old.articles) indexes.articles.import(key, chunk);
  for (const [key, chunk] of old.causes) indexes.causes.import(key, chunk);
  loads.v2.push(performance.now() - t);
}
const median = (values: number[]) => ms(percentile(values, 50));
console.log(`load, median of 7: parse + engine ${median(loads.engine)}; parse + flexsearch's indexes ${median(loads.indexes)}, v2's parse + import ${median(loads.v2)}`);
let started = performance.now();
const engine = createEngine(JSON.parse(json));
const first = snippets[0]?.text ?? "Task timed out after 3.00 seconds";
engine.search(first, { limit: 5 });
console.log(`first search after a fresh load: ${ms(performance.now() - started)}`);

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
