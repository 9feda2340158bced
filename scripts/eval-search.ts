// Scores search on real pastes: top-1 and top-3 (a hit is any slug in `expected`) over the
// snippets whose article is indexed, how often a covered paste is wrongly answered "not covered",
// and, on the not-covered set (errors Deadline has no article for), how often it says so.
//   npm run eval:search                         the dev set, ../shared/eval/dev-errors.json, over the
//                                               whole catalogue (a stub for every article not
//                                               written yet: title, signatures, scope)
//   npm run eval:search -- --set lib/search/eval/held-out.json
//   npm run eval:search -- --written            only the articles written so far
//   npm run eval:search -- --not-covered <file> another not-covered set (default lib/search/eval/not-covered.json)
//   npm run eval:search -- --verbose            every snippet with its top three
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_CATALOGUE, withCatalogueStubs } from "../lib/search/catalogue-stubs";
import { loadArticleDocuments } from "../lib/search/documents.server";
import { buildIndexData, createEngine, type SearchResponse } from "../lib/search/engine";

type Snippet = { id: string; text: string; source?: string; expected: string[] };

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const setFile = path.resolve(value("set") ?? path.join(root, "..", "shared", "eval", "dev-errors.json"));
const notCoveredFile = path.resolve(value("not-covered") ?? path.join(root, "lib", "search", "eval", "not-covered.json"));
const catalogueFile = path.resolve(value("catalogue") ?? DEFAULT_CATALOGUE);

// ../shared sits beside the checkout, not in it: the material the project is built from (the
// catalogue of articles to write, the dev set). A clone without it can still score its own sets.
if (!value("set") && !existsSync(setFile)) {
  console.error(`eval:search: no dev set at ${setFile} (../shared, beside this checkout, is not part of the repository); pass --set <file>, e.g. --set lib/search/eval/held-out.json`);
  process.exit(64);
}
const written = await loadArticleDocuments();
const stubbed = !flag("written") && existsSync(catalogueFile);
if (!flag("written") && !stubbed) console.error(`eval:search: no catalogue at ${catalogueFile}; scoring the written articles only`);
const documents = stubbed ? await withCatalogueStubs(written, catalogueFile) : written;
const engine = createEngine(await buildIndexData(documents));
const indexed = new Set(engine.docs.map((d) => d.slug));
const shown = (r: SearchResponse) =>
  r.hits
    .slice(0, 3)
    .map((h) => `${h.slug}${h.section ? `#${h.section}` : ""} ${h.score.toFixed(2)}${h.ruledOut ? " (ruled out)" : ""}`)
    .join(", ") || "nothing";

const snippets = JSON.parse(await readFile(setFile, "utf8")) as Snippet[];
let scored = 0;
let top1 = 0;
let top3 = 0;
let falseNotCovered = 0;
let ambiguous = 0;
const misses: string[] = [];
for (const snippet of snippets) {
  if (!snippet.expected.some((slug) => indexed.has(slug))) continue;
  scored++;
  const response = engine.search(snippet.text, { limit: 5 });
  const rank = response.hits.findIndex((h) => snippet.expected.includes(h.slug));
  if (rank === 0) top1++;
  if (rank >= 0 && rank < 3) top3++;
  if (response.verdict === "not-covered") falseNotCovered++;
  if (response.verdict === "ambiguous") ambiguous++;
  const line = `${snippet.id}: expected ${snippet.expected.join(" | ")}; ${response.verdict}; got ${shown(response)}`;
  if (rank !== 0 || response.verdict === "not-covered") misses.push(`${rank < 0 ? "not in top 5" : rank === 0 ? "said not covered" : `rank ${rank + 1}`}  ${line}`);
  else if (flag("verbose")) console.log(`ok  ${line}`);
}

const notCovered = JSON.parse(await readFile(notCoveredFile, "utf8")) as Snippet[];
let saidNotCovered = 0;
const wronglyCovered: string[] = [];
for (const snippet of notCovered) {
  const response = engine.search(snippet.text, { limit: 5 });
  if (response.verdict === "not-covered") saidNotCovered++;
  else wronglyCovered.push(`  ${snippet.id}: ${response.verdict}; got ${shown(response)}`);
}

const pct = (k: number, of: number) => (of ? ((100 * k) / of).toFixed(1) : "0.0");
console.log(`${path.relative(process.cwd(), setFile)}: ${engine.docs.length} articles indexed${stubbed ? ` (${engine.docs.length - written.length} catalogue stubs)` : ""}`);
console.log(`scored ${scored} of ${snippets.length} snippets (the others' articles are not indexed)`);
console.log(`top-1 ${top1}/${scored} = ${pct(top1, scored)} %   top-3 ${top3}/${scored} = ${pct(top3, scored)} %`);
console.log(`answered "not covered" though covered: ${falseNotCovered}/${scored} = ${pct(falseNotCovered, scored)} %   "ambiguous" (two shown): ${ambiguous}`);
console.log(`${path.relative(process.cwd(), notCoveredFile)}: "not covered" ${saidNotCovered}/${notCovered.length} = ${pct(saidNotCovered, notCovered.length)} %`);
if (misses.length) {
  console.log(`misses (${misses.length}):`);
  for (const m of misses) console.log(`  ${m}`);
}
if (wronglyCovered.length) {
  console.log(`not-covered pastes given an answer (${wronglyCovered.length}):`);
  for (const m of wronglyCovered) console.log(m);
}
