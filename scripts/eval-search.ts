// Scores search on real pastes: top-1 and top-3, where a hit is any slug in `expected`, over the
// snippets whose article exists, and lists the misses.
//   npm run eval:search                         the dev set, ../shared/eval/dev-errors.json
//   npm run eval:search -- --set lib/search/eval/held-out.json
//   npm run eval:search -- --stubs              also index a stub for every catalogue article not
//                                               written yet (title, signatures, scope): more
//                                               distractors, and a score for every snippet
//   npm run eval:search -- --verbose            every snippet with its top three
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ARTICLE_PLATFORMS, type ArticlePlatform } from "../lib/content/platforms";
import { articleDocument, type ArticleDocument } from "../lib/search/documents";
import { loadArticleDocuments } from "../lib/search/documents.server";
import { buildIndexData, createEngine } from "../lib/search/engine";

type Snippet = { id: string; text: string; source?: string; expected: string[] };
type CatalogueEntry = { slug: string; title: string; platform: string; signatures: string[]; scope: string };

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const setFile = path.resolve(value("set") ?? path.join(root, "..", "shared", "eval", "dev-errors.json"));
const catalogueFile = path.resolve(value("catalogue") ?? path.join(root, "..", "shared", "catalogue.json"));

const snippets = JSON.parse(await readFile(setFile, "utf8")) as Snippet[];
const documents: ArticleDocument[] = await loadArticleDocuments();
const written = new Set(documents.map((d) => d.slug));
if (flag("stubs")) {
  const catalogue = JSON.parse(await readFile(catalogueFile, "utf8")) as CatalogueEntry[];
  for (const entry of catalogue) {
    if (written.has(entry.slug)) continue;
    documents.push(
      articleDocument({
        slug: entry.slug,
        title: entry.title,
        error: entry.signatures[0] ?? entry.title,
        summary: entry.scope,
        platform: entry.platform,
        platformName: ARTICLE_PLATFORMS[entry.platform as ArticlePlatform] ?? entry.platform,
        signatures: entry.signatures,
        body: `<Meaning>${entry.scope}</Meaning>`,
      }),
    );
  }
}
const engine = createEngine(await buildIndexData(documents));
const indexed = new Set(engine.docs.map((d) => d.slug));

let scored = 0;
let top1 = 0;
let top3 = 0;
const misses: string[] = [];
for (const snippet of snippets) {
  if (!snippet.expected.some((slug) => indexed.has(slug))) continue;
  scored++;
  const { hits } = engine.search(snippet.text, { limit: 5 });
  const rank = hits.findIndex((h) => snippet.expected.includes(h.slug));
  if (rank === 0) top1++;
  if (rank >= 0 && rank < 3) top3++;
  const shown = hits
    .slice(0, 3)
    .map((h) => `${h.slug}${h.section ? `#${h.section}` : ""} ${h.score.toFixed(2)}`)
    .join(", ");
  const line = `${snippet.id}: expected ${snippet.expected.join(" | ")}; got ${shown || "nothing"}`;
  if (rank !== 0) misses.push(`${rank < 0 ? "not in top 5" : `rank ${rank + 1}`}  ${line}`);
  else if (flag("verbose")) console.log(`ok  ${line}`);
}

const pct = (n: number) => (scored ? ((100 * n) / scored).toFixed(1) : "0.0");
console.log(`${path.relative(process.cwd(), setFile)}: ${engine.docs.length} articles indexed${flag("stubs") ? ` (${engine.docs.length - written.size} catalogue stubs)` : ""}`);
console.log(`scored ${scored} of ${snippets.length} snippets (the others' articles do not exist yet)`);
console.log(`top-1 ${top1}/${scored} = ${pct(top1)} %   top-3 ${top3}/${scored} = ${pct(top3)} %`);
if (misses.length) {
  console.log(`misses (${misses.length}):`);
  for (const m of misses) console.log(`  ${m}`);
}
