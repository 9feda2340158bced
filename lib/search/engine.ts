// The search index and the ranking. Built once at build time (buildIndexData, index-data.ts), shipped as JSON,
// loaded lazily in the browser, by the route handlers and by the CLI (createEngine).
//
// flexsearch is the inverted index: it answers, for one term, which articles hold it in which
// field, and completes the unfinished last word of a typed query. The ranking on top is ours:
// every term weighs what the analyser says (an exception type outweighs a word from a code line),
// times how rare it is in that field across articles, times how telling the field is (signatures
// over title over body); and whole phrases of an article's signatures, error and title found in
// the paste, numbers normalised, add the most.

import { Document } from "flexsearch";
import { analyzeQuery, ZONE_WEIGHT, type QueryAnalysis } from "./analyze";
import type { ArticleBasics, ArticleDocument } from "./documents";
import {
  decodeData,
  docMeta,
  INDEX_VERSION,
  INDEXED_FIELDS,
  recordsFromData,
  recordsFromDocuments,
  type CauseMeta,
  type DecodedRecords,
  type DocMeta,
  type IndexedField,
  type IndexRecords,
  type SearchIndexData,
} from "./index-data";
import { matchPhrases, phraseList, type Phrase } from "./phrases";
import { splitIndexed } from "./tokenize";
import { decide, type DocEvidence, type Verdict } from "./verdict";

export { buildIndexData, documentTerms, INDEX_VERSION, type CauseMeta, type DocMeta, type SearchIndexData } from "./index-data";

export type SearchHit = Omit<ArticleBasics, "signatures"> & {
  /** path of the article, with the best-matching cause's anchor when one stands out */
  url: string;
  /** 0–1: how well the paste matches this article */
  score: number;
  section?: string;
  cause?: CauseMeta;
  /** the signature (or error or title) of the article found in the paste, if any */
  matchedPhrase?: string;
  /** terms of the paste found in the article, for highlighting */
  matched: string[];
  /** a `notThis` signature of the article found in the paste: it was ranked down for it */
  ruledOut?: string;
  /** unfinished last word of a typed query, for highlighting */
  prefix?: string;
  explain?: Explanation;
};

export type Recognised = { formats: string[]; exceptions: string[]; codes: string[]; messages: string[]; lines: number; bounded: boolean };

export type SearchResponse = {
  hits: SearchHit[];
  /** false when no article matches well: the UI says so and offers the closest ones */
  confident: boolean;
  /**
   * "match": the first hit is the answer. "ambiguous": the first two are about as likely, and
   * `contrast` says what would tell them apart. "not-covered": nothing here is about this error;
   * `hits` holds at most the two closest.
   */
  verdict: Verdict;
  contrast?: Contrast[];
  recognised: Recognised;
  condensed: string;
};

/** For an ambiguous answer: per article, what in a paste would point to it and not the other. */
export type Contrast = { slug: string; platformName: string; lookFor: string[] };

export type SearchOptions = {
  limit?: number;
  /** only articles of this platform id (e.g. aws-lambda); the verdict is judged on all articles */
  platform?: string;
  /** attach each hit's strongest terms and its phrase score (tests, tuning) */
  explain?: boolean;
};

export type Explanation = { total: number; phrase: number; coverage: number; negative: number; whole: number; terms: [string, number][] };

/** Fields that describe what the article is about; a term's rarity is judged over these. */
const CORE_FIELDS: ReadonlySet<IndexedField> = new Set(["names", "signatures", "error", "title", "platform", "headings", "summary", "log"]);

const FIELD_WEIGHT: Record<IndexedField, number> = {
  names: 5,
  signatures: 3,
  error: 3,
  title: 3.5,
  log: 2.5,
  platform: 2.5,
  headings: 1.5,
  summary: 1.5,
  causes: 0.8,
  body: 0.5,
  parts: 1.5,
};
const IDENTITY_FIELDS: ReadonlySet<IndexedField> = new Set(["names", "signatures", "error", "title", "log"]);
const PREFIX_WEIGHT = 2.5;
const PHRASE_WEIGHT = 3;
/** What is left of an article's score when the paste holds a signature the article rules out. */
const RULED_OUT = 0.25;
/** ... unless its own signatures are in the paste too, and outweigh the one that rules it out. */
const RULED_OUT_CONTESTED = 0.7;
/** With a clear winner, hits below this share of its score are dropped. */
const RELATIVE_FLOOR = 0.1;
const SCORE_SCALE = 40;

type FieldIndexOptions = { field: string; tokenize: "strict" | "forward"; encode: (text: string) => string[]; resolution: number };

function articleIndex() {
  const index: FieldIndexOptions[] = [
    ...INDEXED_FIELDS.map((field) => ({ field, tokenize: "strict" as const, encode: splitIndexed, resolution: 1 })),
    // Unfinished words of a typed query complete against the short, telling fields only.
    { field: "prefix", tokenize: "forward", encode: splitIndexed, resolution: 1 },
  ];
  return new Document({ document: { id: "id", index } });
}

function causeIndex() {
  return new Document({
    document: {
      id: "id",
      index: [
        { field: "title", tokenize: "strict", encode: splitIndexed, resolution: 1 },
        { field: "text", tokenize: "strict", encode: splitIndexed, resolution: 1 },
      ],
    },
  });
}

/** flexsearch's indexes, empty, configured as every search expects. */
export function emptyIndexes() {
  return { articles: articleIndex(), causes: causeIndex() };
}

/** flexsearch's indexes of the records, the plain way: every record added. */
export function flexsearchIndexes(records: IndexRecords) {
  const { articles, causes } = emptyIndexes();
  for (const record of records.articles) articles.add(record);
  for (const record of records.causes) causes.add(record);
  return { articles, causes };
}

type Importable = { import(key: string, data: unknown): unknown };

/**
 * Fills an empty index with what adding the records would (see flexsearchIndexes), through
 * flexsearch's import: the records are inverted here into the entries its export holds, per field
 * term → [ids in slot 0] (every field has resolution 1), and for a `forward` field every prefix of
 * every term. Adding costs flexsearch's bookkeeping per term and loads several times slower
 * (bench/search.ts); index-data.test.ts holds the two to the same answers, so a flexsearch whose
 * export format changes fails there, not in a search.
 */
function importRecords(index: Importable, terms: readonly string[], records: readonly Record<string, number[]>[], strict: readonly string[], forward: readonly string[]): void {
  // Where a term's entry is in the field's entries, by its position in `terms`.
  const slot = new Int32Array(terms.length);
  for (const field of strict) {
    slot.fill(-1);
    const entries: [string, [number[]]][] = [];
    records.forEach((record, id) => {
      for (const at of record[field] ?? []) {
        const i = slot[at]!;
        if (i < 0) {
          slot[at] = entries.length;
          entries.push([terms[at]!, [[id]]]);
        } else {
          const list = entries[i]![1][0];
          if (list[list.length - 1] !== id) list.push(id);
        }
      }
    });
    index.import(`${field}.1.map`, entries);
  }
  // A term's prefixes, cut once however many articles hold it.
  const prefixes: (string[] | undefined)[] = new Array<string[] | undefined>(terms.length);
  for (const field of forward) {
    const map = new Map<string, number[]>();
    records.forEach((record, id) => {
      for (const at of record[field] ?? []) {
        let tokens = prefixes[at];
        if (!tokens) {
          const term = terms[at]!;
          tokens = prefixes[at] = Array.from({ length: term.length }, (_, k) => term.slice(0, k + 1));
        }
        for (const token of tokens) {
          const list = map.get(token);
          if (!list) map.set(token, [id]);
          // flexsearch keeps a token once per record and field.
          else if (list[list.length - 1] !== id) list.push(id);
        }
      }
    });
    index.import(`${field}.1.map`, Array.from(map, ([token, list]) => [token, [list]]));
  }
  index.import("1.reg", records.map((_, id) => id));
}

function importedIndexes(decoded: DecodedRecords) {
  const { articles, causes } = emptyIndexes();
  importRecords(articles as unknown as Importable, decoded.terms, decoded.articles, INDEXED_FIELDS, ["prefix"]);
  importRecords(causes as unknown as Importable, decoded.terms, decoded.causes, ["title", "text"], []);
  return { articles, causes };
}

type FieldResult = { field?: string; result: (string | number)[] };

export type SearchEngine = {
  readonly docs: readonly DocMeta[];
  search(query: string, options?: SearchOptions): SearchResponse;
  /** the same, on a paste already analysed */
  searchAnalysis(analysis: QueryAnalysis, options?: SearchOptions): SearchResponse;
};

function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export function articleUrl(slug: string, section?: string): string {
  return `/errors/${slug}${section ? `#${section}` : ""}`;
}

/** The engine over a shipped index (index-data.ts): its records are inverted and imported here. */
export function createEngine(data: SearchIndexData): SearchEngine {
  if (data.version !== INDEX_VERSION) throw new Error(`search index version ${String(data.version)}, expected ${INDEX_VERSION}`);
  const { causeOwners, indexes } = indexesFromData(data);
  return engineOver(data.docs, causeOwners, indexes);
}

/** flexsearch's indexes from a shipped index: the part of the load the file's format decides. */
export function indexesFromData(data: SearchIndexData) {
  const decoded = decodeData(data);
  return { causeOwners: decoded.causeOwners, indexes: importedIndexes(decoded) };
}

/** The engine straight from the documents, without the shipped file: what createEngine must match. */
export function createEngineFromDocuments(documents: ArticleDocument[]): SearchEngine {
  const records = recordsFromDocuments(documents);
  return engineOver(documents.map(docMeta), records.causeOwners, flexsearchIndexes(records));
}

/** The engine with its flexsearch indexes filled by add rather than import: what import must match (tests). */
export function createEngineByAdding(data: SearchIndexData): SearchEngine {
  const records = recordsFromData(data);
  return engineOver(data.docs, records.causeOwners, flexsearchIndexes(records));
}

function engineOver(docs: readonly DocMeta[], causeOwners: readonly [number, number][], indexes: ReturnType<typeof emptyIndexes>): SearchEngine {
  const { articles, causes } = indexes;
  const n = docs.length;

  // Phrases people paste verbatim: signatures, the error line, the title; and the signatures that
  // rule an article out.
  const phrases: Phrase[][] = docs.map((doc) => phraseList([...doc.signatures, doc.error, doc.title]));
  const negatives: Phrase[][] = docs.map((doc) => phraseList(doc.notThis ?? []));
  const phraseDf = new Map<string, number>();
  docs.forEach((_, i) => {
    for (const token of new Set([...phrases[i]!, ...negatives[i]!].flatMap((p) => p.tokens))) phraseDf.set(token, (phraseDf.get(token) ?? 0) + 1);
  });
  const phraseIdf = (token: string) => idf(n, phraseDf.get(token) ?? n);
  const known = new Set(phraseDf.keys());
  const hasNegatives = negatives.some((list) => list.length > 0);

  function lookup(index: typeof articles, term: string, fields: readonly string[]): FieldResult[] {
    return index.search(term, { index: fields as string[], limit: Math.max(n, 1) * 8 }) as unknown as FieldResult[];
  }

  function pickCause(docIndex: number, analysis: QueryAnalysis, identity: Set<string>, causeHits: Map<string, { title: Set<number>; text: Set<number> }>): CauseMeta | undefined {
    const doc = docs[docIndex]!;
    const count = doc.causes.length;
    if (count < 2) return undefined;
    const scores = new Array<number>(count + 1).fill(0);
    for (const [term, weight] of analysis.terms) {
      if (identity.has(term) || weight < ZONE_WEIGHT.text) continue;
      const hit = causeHits.get(term);
      if (!hit) continue;
      const mine = new Set<number>();
      for (const id of [...hit.title, ...hit.text]) {
        const owner = causeOwners[id];
        if (owner && owner[0] === docIndex) mine.add(owner[1]);
      }
      if (mine.size === 0 || mine.size === count) continue;
      const rarity = idf(count, mine.size);
      for (const id of [...hit.title, ...hit.text]) {
        const owner = causeOwners[id];
        if (!owner || owner[0] !== docIndex) continue;
        scores[owner[1]]! += weight * rarity * (hit.title.has(id) ? 2 : 1);
      }
    }
    let best = 0;
    let second = 0;
    let bestN = 0;
    for (let c = 1; c <= count; c++) {
      const s = scores[c]!;
      if (s > best) {
        second = best;
        best = s;
        bestN = c;
      } else if (s > second) second = s;
    }
    if (best < 4 || best < second * 1.5) return undefined;
    return doc.causes.find((c) => c.n === bestN);
  }

  function searchAnalysis(analysis: QueryAnalysis, options: SearchOptions = {}): SearchResponse {
    const limit = Math.max(1, Math.min(options.limit ?? 10, 50));
    const totals = new Float64Array(n);
    const strong = new Uint8Array(n);
    const matched: Set<string>[] = docs.map(() => new Set());
    const identity: Set<string>[] = docs.map(() => new Set());
    // Terms found in what an article is about (not its body prose): how much of the paste it explains.
    const explained: Set<string>[] = docs.map(() => new Set());

    const causeHits = new Map<string, { title: Set<number>; text: Set<number> }>();
    const contributions: Map<string, number>[] | null = options.explain ? docs.map(() => new Map()) : null;
    // Terms that name some article's error ("endpoint" for API Gateway) say which article, not which cause.
    const identifying = new Set<string>();

    for (const [term, weight] of analysis.terms) {
      const results = lookup(articles, term, INDEXED_FIELDS);
      if (results.length === 0) continue;
      const perDoc = new Map<number, { best: number; sum: number; identity: boolean; about: boolean }>();
      // Rarity across what articles are about: "timeout" is in every article, "vpc" in one.
      const core = new Set<string | number>();
      for (const { field, result } of results) if (CORE_FIELDS.has(field as IndexedField)) for (const id of result) core.add(id);
      const coreIdf = core.size ? idf(n, core.size) : 0;
      for (const { field, result } of results) {
        const fw = FIELD_WEIGHT[field as IndexedField] ?? 0;
        const fieldIdf = idf(n, result.length);
        const value = fw * (core.size ? Math.sqrt(fieldIdf * coreIdf) : fieldIdf);
        for (const raw of result) {
          const id = Number(raw);
          const acc = perDoc.get(id) ?? { best: 0, sum: 0, identity: false, about: false };
          acc.sum += value;
          if (value > acc.best) acc.best = value;
          if (IDENTITY_FIELDS.has(field as IndexedField)) acc.identity = true;
          if (CORE_FIELDS.has(field as IndexedField) || field === "parts") acc.about = true;
          perDoc.set(id, acc);
        }
      }
      for (const [id, acc] of perDoc) {
        const value = weight * (acc.best + 0.25 * (acc.sum - acc.best));
        totals[id]! += value;
        contributions?.[id]!.set(term, value);
        matched[id]!.add(term);
        if (acc.about) explained[id]!.add(term);
        if (acc.identity) {
          identity[id]!.add(term);
          identifying.add(term);
          if (weight >= ZONE_WEIGHT.code) strong[id] = 1;
        }
      }
      const causeResults = lookup(causes, term, ["title", "text"]);
      if (causeResults.length) {
        const entry = { title: new Set<number>(), text: new Set<number>() };
        for (const { field, result } of causeResults) for (const id of result) (field === "title" ? entry.title : entry.text).add(Number(id));
        causeHits.set(term, entry);
      }
    }

    const completes = new Uint8Array(n);
    if (analysis.prefix) {
      for (const { result } of lookup(articles, analysis.prefix, ["prefix"])) {
        const value = ZONE_WEIGHT.text * PREFIX_WEIGHT * idf(n, result.length);
        for (const raw of result) {
          totals[Number(raw)]! += value;
          completes[Number(raw)] = 1;
        }
      }
    }

    const phrase = matchPhrases(analysis, phrases, phraseIdf, known);
    const negative = hasNegatives ? matchPhrases(analysis, negatives, phraseIdf, known, true) : null;
    for (let i = 0; i < n; i++) {
      const p = phrase[i]!;
      totals[i]! += PHRASE_WEIGHT * p.score;
      if (p.score >= 1.5) strong[i] = 1;
      // The article says this signature is not it: believe it, unless its own signatures are
      // there too and weigh more.
      const neg = negative?.[i];
      if (neg && neg.best > 0) {
        totals[i]! *= p.best > 2 * neg.best ? RULED_OUT_CONTESTED : RULED_OUT;
        strong[i] = 0;
      }
    }

    const evidence: DocEvidence[] = docs.map((_, i) => ({
      total: totals[i]!,
      phrase: phrase[i]!.best,
      wholeIdf: phrase[i]!.wholeIdf,
      strong: strong[i] === 1,
      explained: explained[i]!,
      completes: completes[i] === 1,
      ruledOut: negative?.[i]?.phrase,
    }));
    const order = [...totals.keys()].filter((i) => totals[i]! > 0).sort((a, b) => totals[b]! - totals[a]! || docs[a]!.slug.localeCompare(docs[b]!.slug));
    const decision = decide(analysis, order, evidence, docs);
    // A long paste shares a word or two with every article; once one article matches clearly,
    // the ones scoring under a tenth of it are noise, not "results".
    const best = order[0];
    const clear = best !== undefined && (strong[best] === 1 || 1 - Math.exp(-totals[best]! / SCORE_SCALE) >= 0.6);
    let shown = clear ? order.filter((i) => totals[i]! >= totals[best]! * RELATIVE_FLOOR) : order;
    if (decision.verdict === "not-covered") shown = shown.slice(0, decision.closest);
    if (options.platform) shown = shown.filter((i) => docs[i]!.platform === options.platform);
    const top = shown.slice(0, limit);
    const hits: SearchHit[] = top.map((i) => {
      const doc = docs[i]!;
      const cause = decision.verdict === "not-covered" ? undefined : pickCause(i, analysis, identifying, causeHits);
      const hit: SearchHit = {
        slug: doc.slug,
        title: doc.title,
        error: doc.error,
        summary: doc.summary,
        platform: doc.platform,
        platformName: doc.platformName,
        url: articleUrl(doc.slug, cause?.id),
        score: Math.round((1 - Math.exp(-totals[i]! / SCORE_SCALE)) * 1000) / 1000,
        matched: [...matched[i]!],
      };
      if (cause) {
        hit.section = cause.id;
        hit.cause = cause;
      }
      if (phrase[i]!.phrase) hit.matchedPhrase = phrase[i]!.phrase;
      const ruledOut = negative?.[i]?.phrase;
      if (ruledOut) hit.ruledOut = ruledOut;
      if (analysis.prefix) hit.prefix = analysis.prefix;
      if (contributions) {
        const terms = [...contributions[i]!].sort((a, b) => b[1] - a[1]).slice(0, 10);
        hit.explain = {
          total: totals[i]!,
          phrase: PHRASE_WEIGHT * phrase[i]!.score,
          coverage: decision.coverage[i] ?? 0,
          negative: negative?.[i]?.best ?? 0,
          whole: phrase[i]!.wholeIdf,
          terms: terms.map(([t, v]) => [t, Math.round(v * 10) / 10]),
        };
      }
      return hit;
    });
    const response: SearchResponse = {
      hits,
      confident: clear && decision.verdict !== "not-covered",
      verdict: decision.verdict,
      recognised: {
        formats: analysis.formats,
        exceptions: analysis.exceptions,
        codes: analysis.codes,
        messages: analysis.messages,
        lines: analysis.lines,
        bounded: analysis.bounded,
      },
      condensed: analysis.condensed,
    };
    if (decision.contrast) response.contrast = decision.contrast;
    return response;
  }

  return {
    docs,
    search: (query, options) => searchAnalysis(analyzeQuery(query), options),
    searchAnalysis,
  };
}
