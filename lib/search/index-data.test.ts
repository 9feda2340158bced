import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { articleDocument, type ArticleDocument } from "./documents";
import { loadArticleDocuments } from "./documents.server";
import { createEngine, createEngineByAdding, createEngineFromDocuments } from "./engine";
import { buildIndexData, INDEX_VERSION, recordsFromData, recordsFromDocuments, type IndexRecords, type SearchIndexData } from "./index-data";

const FIXTURE = path.join(import.meta.dirname, "__fixtures__", "two-articles");

// Tokenising joined text differs from tokenising its pieces where a number ends one piece and a
// unit starts the next: "250" alone is a term, "250 ms" a measurement. The unions the file leaves
// out are then not the fields, and the file must carry the fields themselves.
const SEAMS = articleDocument({
  slug: "celery-worker-killed",
  title: "Celery worker killed after 300",
  error: "seconds without a heartbeat: WorkerLostError",
  summary: "The hard time limit ended the task.",
  platform: "celery",
  platformName: "Celery",
  signatures: ["WorkerLostError", "SoftTimeLimitExceeded"],
  body: `<Meaning>The pool killed it.</Meaning>

<Causes>

<Cause title="The task sleeps">

It slept for 250

</Cause>

<Cause title="A broker round trip per item">

ms per item adds up over a long list.

</Cause>

</Causes>

### Checking the limit
`,
});

async function documents(): Promise<ArticleDocument[]> {
  return [...(await loadArticleDocuments(FIXTURE)), SEAMS];
}

const throughJson = (data: SearchIndexData) => JSON.parse(JSON.stringify(data)) as SearchIndexData;

/** Records with each field as a sorted term set: flexsearch ignores the order within a field. */
function normalised(records: IndexRecords) {
  const sortTerms = (text: string | number) => (typeof text === "number" ? text : text.split(" ").filter(Boolean).sort().join(" "));
  const sortFields = (record: Record<string, string | number>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, sortTerms(v)]));
  return { articles: records.articles.map(sortFields), causes: records.causes.map(sortFields), causeOwners: records.causeOwners };
}

const QUERIES = [
  "Task timed out after 12.01 seconds",
  '{"message": "Endpoint request timed out"}',
  "WorkerLostError: Worker exited prematurely",
  "celery worker killed after 300 seconds",
  "task sleeps 250 ms per item",
  "SoftTimeLimitExceeded broker round trip",
  "Checking the limit",
  "nothing to do with any of these",
];
// What typing them a key at a time asks, unfinished last words included.
const TYPED = QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));

describe("the shipped index (format v3)", () => {
  test("gives back the records the documents make, field by field", async () => {
    const docs = await documents();
    expect(normalised(recordsFromData(throughJson(buildIndexData(docs))))).toEqual(normalised(recordsFromDocuments(docs)));
  });

  test("carries a union field itself where tokenising the joined text differs at a seam", async () => {
    const data = buildIndexData(await documents());
    const seams = data.articles[data.docs.findIndex((d) => d.slug === SEAMS.slug)]!;
    expect(seams.causes).toBeDefined();
    expect(seams.prefix).toBeDefined();
    // The written articles have no such seam: their unions are left out.
    expect(data.articles.slice(0, 2).every((a) => a.causes === undefined && a.prefix === undefined)).toBe(true);
    const terms = data.terms.split(" ");
    expect(new Set(terms).size).toBe(terms.length);
  });

  test("answers every query, typed or pasted, as the engine built from the documents and as flexsearch's add", async () => {
    const docs = await documents();
    const data = buildIndexData(docs);
    const shipped = createEngine(throughJson(data));
    const direct = createEngineFromDocuments(docs);
    const added = createEngineByAdding(throughJson(data));
    for (const query of [...QUERIES, ...TYPED]) {
      const expected = direct.search(query, { limit: 50, explain: true });
      expect(shipped.search(query, { limit: 50, explain: true }), query).toEqual(expected);
      expect(added.search(query, { limit: 50, explain: true }), query).toEqual(expected);
    }
    // The queries reach every article, so the comparison is not between empty answers.
    const found = new Set(QUERIES.flatMap((q) => shipped.search(q).hits.map((h) => h.slug)));
    expect(found).toEqual(new Set(docs.map((d) => d.slug)));
    expect(shipped.search("Checking the limit").hits[0]?.slug).toBe(SEAMS.slug);
  });

  test("a file of another version or a damaged one is refused with what to do", async () => {
    const data = buildIndexData(await documents());
    expect(() => createEngine({ ...data, version: 2 } as unknown as SearchIndexData)).toThrow(`search index version 2, expected ${INDEX_VERSION}`);
    expect(() => createEngine({ ...data, terms: "just three terms" })).toThrow(/past the end of the term list \(3\); the file is damaged, build it again/);
    expect(() => createEngine({ ...data, causes: data.causes.slice(1) })).toThrow(/the file is damaged, build it again/);
  });
});

test("over the real articles, every eval paste and typed query is answered as from the documents", async () => {
  const docs = await loadArticleDocuments();
  const shipped = createEngine(throughJson(buildIndexData(docs)));
  const direct = createEngineFromDocuments(docs);
  const sets = ["held-out", "held-out-2", "not-covered"].map((name) => JSON.parse(readFileSync(path.join(import.meta.dirname, "eval", `${name}.json`), "utf8")) as { text: string }[]);
  const pastes = sets.flat().map((s) => s.text);
  // Typing the short ones: every third keystroke, so that unfinished words of every length come up.
  const typed = pastes.filter((p) => p.length <= 120).flatMap((p) => Array.from({ length: Math.ceil(p.length / 3) }, (_, i) => p.slice(0, 3 * i + 1)));
  expect(pastes.length).toBeGreaterThan(100);
  for (const query of [...pastes, ...typed]) expect(shipped.search(query, { limit: 10, explain: true }), query).toEqual(direct.search(query, { limit: 10, explain: true }));
});
