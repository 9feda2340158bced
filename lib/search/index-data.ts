// The search index as it is shipped (the browser fetches it on first search; the server and the
// CLI read the same file), and the records flexsearch indexes, rebuilt from it on load.
//
// Up to version 2 the file held flexsearch's own export: an inverted map per field with every term
// written out in each, and for the `prefix` field (which completes a typed word) every prefix of
// every term: 165 KiB gzipped for 49 articles. Now it holds the records themselves, compactly:
// every term once in a shared list, and per field of each article (and of each cause) the
// positions of its terms in that list, 83 KiB gzipped. The two fields that are unions of others
// (`prefix`, and the article's `causes`, the text of all its causes) are left out unless the union
// differs. On load the engine inverts the positions into the entries flexsearch's import takes
// (engine.ts), so a search answers exactly as from the documents (index-data.test.ts). Nothing is
// tokenised on load; the inversion costs about 10 ms more than importing the old export did
// (bench/search.ts prints both sizes and both loads).

import { FIELDS, SPLIT_FIELDS, type ArticleBasics, type ArticleDocument, type Field } from "./documents";
import { stripIds, stripTimestamps } from "./noise";
import { reducePaths } from "./paths";
import { indexText, indexTextSplit, splitIndexed } from "./tokenize";

/** 3: term lists instead of flexsearch's export (2). The client, server and CLI drop other versions. */
export const INDEX_VERSION = 3;

export type CauseMeta = { n: number; id: string; title: string };

export type DocMeta = ArticleBasics & {
  causes: CauseMeta[];
  /** signatures the article says rule it out (frontmatter `notThis`) */
  notThis?: string[];
};

// `names` holds the identifiers of the short fields (codes, exception types, config keys): the most
// specific evidence there is. `parts` holds the pieces of their compound words.
export type IndexedField = Field | "names" | "parts";
export const INDEXED_FIELDS: readonly IndexedField[] = [...FIELDS, "names", "parts"];
/** What an unfinished word of a typed query completes against: the short, telling fields. */
const PREFIX_SOURCES: readonly IndexedField[] = ["title", "error", "signatures", "platform", "headings", "names", "parts"];

/** A field's terms as the file holds them (see termEncoder). */
type TermList = string;

/**
 * One article's record in the file: term lists by field, empty ones left out. `causes` and
 * `prefix` are there only when they are not the union they usually are.
 */
export type StoredArticle = Partial<Record<IndexedField | "prefix", TermList>>;

export type SearchIndexData = {
  version: typeof INDEX_VERSION;
  docs: DocMeta[];
  /** every term of the term lists once, space-separated, in order of first use */
  terms: string;
  /** per article, in the order of `docs` */
  articles: StoredArticle[];
  /** per article, per cause in order: the terms of its title and of its text */
  causes: [TermList, TermList][][];
};

export type ArticleRecord = { id: number } & Record<IndexedField | "prefix", string>;

/** What flexsearch indexes: one record per article (field → space-separated terms), one per cause. */
export type IndexRecords = {
  articles: ArticleRecord[];
  causes: { id: number; title: string; text: string }[];
  /** cause record id → [article index, cause number] */
  causeOwners: [number, number][];
};

/** Article text through the same cleaning as a paste: no timestamps or ids; paths kept as words. */
function cleanDocument(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const reduced = reducePaths(stripTimestamps(line));
      return stripIds(`${reduced.text} ${reduced.library.join(" ")} ${reduced.other.join(" ")}`);
    })
    .join("\n");
}

export function documentTerms(text: string): string {
  return indexText(cleanDocument(text));
}

/**
 * One article's record, from its text. Compound names of the split fields go to `names`, their
 * parts to `parts`.
 */
function articleRecord(id: number, doc: ArticleDocument): ArticleRecord {
  const record = { id } as ArticleRecord;
  const names = new Set<string>();
  const parts = new Set<string>();
  for (const field of FIELDS) {
    if (SPLIT_FIELDS.has(field)) {
      const split = indexTextSplit(cleanDocument(doc.fields[field]));
      record[field] = split.words;
      for (const n of splitIndexed(split.names)) names.add(n);
      for (const p of splitIndexed(split.parts)) parts.add(p);
    } else record[field] = documentTerms(doc.fields[field]);
  }
  for (const n of names) parts.delete(n);
  record.names = [...names].join(" ");
  record.parts = [...parts].join(" ");
  const f = doc.fields;
  record.prefix = documentTerms([f.title, f.error, f.signatures, f.platform, f.headings].join("\n"));
  return record;
}

/** The records, straight from the documents: what the shipped file must give back. */
export function recordsFromDocuments(documents: ArticleDocument[]): IndexRecords {
  const records: IndexRecords = { articles: [], causes: [], causeOwners: [] };
  documents.forEach((doc, id) => {
    records.articles.push(articleRecord(id, doc));
    for (const cause of doc.causes) {
      records.causes.push({ id: records.causes.length, title: documentTerms(cause.title), text: documentTerms(cause.text) });
      records.causeOwners.push([id, cause.n]);
    }
  });
  return records;
}

/** What results show of an article, and what its phrases are made from. */
export function docMeta({ slug, title, error, summary, platform, platformName, signatures, notThis, causes }: ArticleDocument): DocMeta {
  return {
    slug,
    title,
    error,
    summary,
    platform,
    platformName,
    signatures,
    ...(notThis.length ? { notThis } : {}),
    causes: causes.map(({ n, id, title: t }) => ({ n, id, title: t })),
  };
}

/**
 * A term list: the positions of its terms in the shared list, ascending, each written as the step
 * from the one before in base 36. Order within a field does not matter to the index (every field is
 * tokenised `strict` or `forward` at resolution 1: one slot), and the steps between close positions
 * are short and repetitive, which gzip likes; positions follow first use, so an article's own
 * words are close together.
 */
function termEncoder() {
  const position = new Map<string, number>();
  const list: string[] = [];
  const encode = (terms: string): TermList => {
    const positions = splitIndexed(terms).map((term) => {
      let at = position.get(term);
      if (at === undefined) {
        if (/\s/.test(term)) throw new Error(`search index: the term "${term}" holds white space; the tokenizer must never emit one`);
        at = list.length;
        position.set(term, at);
        list.push(term);
      }
      return at;
    });
    positions.sort((a, b) => a - b);
    return positions.map((p, i) => (i ? p - positions[i - 1]! : p).toString(36)).join(" ");
  };
  return { encode, terms: () => list.join(" ") };
}

function termDecoder(count: number) {
  return (encoded: TermList | undefined): number[] => {
    const out: number[] = [];
    if (!encoded) return out;
    // By hand rather than split and parseInt: this runs over every term of every article on load.
    let at = 0;
    let step = 0;
    for (let i = 0; i <= encoded.length; i++) {
      const c = i < encoded.length ? encoded.charCodeAt(i) : 32;
      if (c === 32) {
        at += step;
        step = 0;
        if (!(at < count)) throw new Error(`search index: term ${at} is past the end of the term list (${count}); the file is damaged, build it again`);
        out.push(at);
      } else {
        const digit = c <= 57 ? c - 48 : c - 87;
        if (digit < 0 || digit > 35 || (c > 57 && c < 97)) throw new Error(`search index: "${encoded.slice(0, 40)}" is not a term list; the file is damaged, build it again`);
        step = step * 36 + digit;
      }
    }
    return out;
  };
}

const union = <T>(lists: T[][]): T[] => [...new Set(lists.flat())];

function sameTerms(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...right].every((t) => left.has(t));
}

export function buildIndexData(documents: ArticleDocument[]): SearchIndexData {
  const records = recordsFromDocuments(documents);
  const { encode, terms } = termEncoder();
  const causes: [TermList, TermList][][] = documents.map(() => []);
  records.causes.forEach((cause, i) => causes[records.causeOwners[i]![0]]!.push([encode(cause.title), encode(cause.text)]));
  const articles = records.articles.map((record, id) => {
    const stored: StoredArticle = {};
    for (const field of INDEXED_FIELDS) if (field !== "causes" && record[field]) stored[field] = encode(record[field]);
    // The unions are what the fields hold unless tokenising the joined text differs at a seam
    // (a number at the end of one line and a unit at the start of the next).
    const causeTexts = records.causes.filter((_, i) => records.causeOwners[i]![0] === id).map((c) => splitIndexed(c.text));
    if (!sameTerms(splitIndexed(record.causes), union(causeTexts))) stored.causes = encode(record.causes);
    if (!sameTerms(splitIndexed(record.prefix), union(PREFIX_SOURCES.map((f) => splitIndexed(record[f]))))) stored.prefix = encode(record.prefix);
    return stored;
  });
  return { version: INDEX_VERSION, docs: documents.map(docMeta), terms: terms(), articles, causes };
}

/** The file's records with each field as positions in `terms`: what the engine inverts on load. */
export type DecodedRecords = {
  terms: string[];
  articles: Record<IndexedField | "prefix", number[]>[];
  causes: { title: number[]; text: number[] }[];
  /** cause record → [article index, cause number] */
  causeOwners: [number, number][];
};

export function decodeData(data: SearchIndexData): DecodedRecords {
  const { docs, articles, causes } = data;
  if (articles.length !== docs.length || causes.length !== docs.length) throw new Error(`search index: terms for ${articles.length} and ${causes.length} articles, ${docs.length} articles; the file is damaged, build it again`);
  const terms = data.terms.split(" ");
  const decode = termDecoder(terms.length);
  const out: DecodedRecords = { terms, articles: [], causes: [], causeOwners: [] };
  docs.forEach((doc, id) => {
    const own = causes[id]!;
    if (own.length !== doc.causes.length) throw new Error(`search index: ${doc.slug} has ${doc.causes.length} causes and terms for ${own.length}; the file is damaged, build it again`);
    const texts: number[][] = [];
    own.forEach(([title, text], i) => {
      texts.push(decode(text));
      out.causes.push({ title: decode(title), text: texts[i]! });
      out.causeOwners.push([id, doc.causes[i]!.n]);
    });
    const stored = articles[id]!;
    const record = {} as Record<IndexedField | "prefix", number[]>;
    for (const field of INDEXED_FIELDS) record[field] = field === "causes" && stored.causes === undefined ? union(texts) : decode(stored[field]);
    record.prefix = stored.prefix === undefined ? union(PREFIX_SOURCES.map((f) => record[f])) : decode(stored.prefix);
    out.articles.push(record);
  });
  return out;
}

/** The records from the shipped file: the same terms as recordsFromDocuments on the documents it was built from. */
export function recordsFromData(data: SearchIndexData): IndexRecords {
  const decoded = decodeData(data);
  const text = (positions: number[]) => positions.map((p) => decoded.terms[p]!).join(" ");
  return {
    articles: decoded.articles.map((fields, id) => {
      const record = { id } as ArticleRecord;
      for (const [field, positions] of Object.entries(fields)) record[field as IndexedField] = text(positions);
      return record;
    }),
    causes: decoded.causes.map(({ title, text: body }, id) => ({ id, title: text(title), text: text(body) })),
    causeOwners: decoded.causeOwners,
  };
}
