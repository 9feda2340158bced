// The search index and the ranking. Built once at build time (buildIndexData), shipped as JSON,
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
import { FIELDS, SPLIT_FIELDS, type ArticleBasics, type ArticleDocument, type Field } from "./documents";
import { stripIds, stripTimestamps } from "./noise";
import { reducePaths } from "./paths";
import { indexText, indexTextSplit, phraseTokens, splitIndexed } from "./tokenize";

export const INDEX_VERSION = 1;

export type CauseMeta = { n: number; id: string; title: string };

export type DocMeta = ArticleBasics & { causes: CauseMeta[] };

export type SearchIndexData = {
  version: typeof INDEX_VERSION;
  docs: DocMeta[];
  /** flexsearch's own export of the article index and of the cause index */
  articles: [string, string][];
  causes: [string, string][];
  /** cause index id → [article index, cause number] */
  causeOwners: [number, number][];
};

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
  /** unfinished last word of a typed query, for highlighting */
  prefix?: string;
  explain?: Explanation;
};

export type Recognised = { formats: string[]; exceptions: string[]; codes: string[]; messages: string[]; lines: number; bounded: boolean };

export type SearchResponse = {
  hits: SearchHit[];
  /** false when no article matches well: the UI says so and offers the closest ones */
  confident: boolean;
  recognised: Recognised;
  condensed: string;
};

export type SearchOptions = {
  limit?: number;
  /** attach each hit's strongest terms and its phrase score (tests, tuning) */
  explain?: boolean;
};

export type Explanation = { total: number; phrase: number; terms: [string, number][] };

// `names` holds the identifiers of the short fields (codes, exception types, config keys): the most
// specific evidence there is. `parts` holds the pieces of their compound words.
type IndexedField = Field | "names" | "parts";
const INDEXED_FIELDS: readonly IndexedField[] = [...FIELDS, "names", "parts"];
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
/** With a clear winner, hits below this share of its score are dropped. */
const RELATIVE_FLOOR = 0.1;
const MAX_POSITIONS = 48;
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

async function exportIndex(index: { export(handler: (key: string, data: string) => void): unknown }): Promise<[string, string][]> {
  const chunks: [string, string][] = [];
  await index.export((key, data) => {
    if (data !== undefined && data !== null) chunks.push([key, data]);
  });
  return chunks;
}

export async function buildIndexData(documents: ArticleDocument[]): Promise<SearchIndexData> {
  const articles = articleIndex();
  const causes = causeIndex();
  const causeOwners: [number, number][] = [];
  documents.forEach((doc, id) => {
    const record: Record<string, string | number> = { id };
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
    record.prefix = documentTerms([doc.fields.title, doc.fields.error, doc.fields.signatures, doc.fields.platform, doc.fields.headings].join("\n"));
    articles.add(record);
    for (const cause of doc.causes) {
      causes.add({ id: causeOwners.length, title: documentTerms(cause.title), text: documentTerms(cause.text) });
      causeOwners.push([id, cause.n]);
    }
  });
  return {
    version: INDEX_VERSION,
    docs: documents.map(({ slug, title, error, summary, platform, platformName, signatures, causes: c }) => ({
      slug,
      title,
      error,
      summary,
      platform,
      platformName,
      signatures,
      causes: c.map(({ n, id, title: t }) => ({ n, id, title: t })),
    })),
    articles: await exportIndex(articles),
    causes: await exportIndex(causes),
    causeOwners,
  };
}

type Phrase = { text: string; tokens: string[] };

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

export function createEngine(data: SearchIndexData): SearchEngine {
  if (data.version !== INDEX_VERSION) throw new Error(`search index version ${String(data.version)}, expected ${INDEX_VERSION}`);
  const articles = articleIndex();
  for (const [key, value] of data.articles) articles.import(key, value);
  const causes = causeIndex();
  for (const [key, value] of data.causes) causes.import(key, value);
  const docs = data.docs;
  const n = docs.length;

  // Phrases people paste verbatim: signatures, the error line, the title.
  const phrases: Phrase[][] = docs.map((doc) => {
    const seen = new Set<string>();
    const out: Phrase[] = [];
    for (const text of [...doc.signatures, doc.error, doc.title]) {
      const tokens = phraseTokens(stripIds(stripTimestamps(text)));
      const key = tokens.join(" ");
      if (tokens.length === 0 || seen.has(key)) continue;
      seen.add(key);
      out.push({ text, tokens });
    }
    return out;
  });
  const phraseDf = new Map<string, number>();
  for (const list of phrases) for (const token of new Set(list.flatMap((p) => p.tokens))) phraseDf.set(token, (phraseDf.get(token) ?? 0) + 1);
  const phraseIdf = (token: string) => idf(n, phraseDf.get(token) ?? n);

  function lookup(index: typeof articles, term: string, fields: readonly string[]): FieldResult[] {
    return index.search(term, { index: fields as string[], limit: Math.max(n, 1) * 8 }) as unknown as FieldResult[];
  }

  function phraseScores(analysis: QueryAnalysis): { score: number; phrase?: string }[] {
    const positions = new Map<string, number[]>();
    const { stream, streamWeights } = analysis;
    for (let i = 0; i < stream.length; i++) {
      const token = stream[i]!;
      if (!phraseDf.has(token)) continue;
      const list = positions.get(token);
      if (!list) positions.set(token, [i]);
      else if (list.length < MAX_POSITIONS) list.push(i);
    }
    return phrases.map((list) => {
      const values: { value: number; text: string }[] = [];
      for (const phrase of list) {
        const p = phrase.tokens;
        let best = 0;
        for (let i = 0; i < p.length; i++) {
          const starts = positions.get(p[i]!);
          if (!starts) continue;
          for (const start of starts) {
            // Only maximal runs: skip a start that extends one to its left.
            if (i > 0 && start > 0 && stream[start - 1] === p[i - 1]) continue;
            let k = 0;
            let idfSum = 0;
            let weight = 0;
            while (i + k < p.length && start + k < stream.length && stream[start + k] === p[i + k]) {
              idfSum += phraseIdf(p[i + k]!);
              weight = Math.max(weight, streamWeights[start + k]!);
              k++;
            }
            const whole = k === p.length;
            if (k < 2 && !(whole && p.length === 1 && p[0]!.length > 3)) continue;
            if (!whole && k < 3 && k / p.length < 0.5) continue;
            const value = idfSum * (whole ? 1 : 0.5 * (k / p.length)) * (weight / ZONE_WEIGHT.exception);
            if (value > best) best = value;
          }
        }
        if (best > 0) values.push({ value: best, text: phrase.text });
      }
      values.sort((a, b) => b.value - a.value);
      const score = (values[0]?.value ?? 0) + 0.25 * (values[1]?.value ?? 0) + 0.1 * (values[2]?.value ?? 0);
      return { score, phrase: values[0]?.text };
    });
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
        const owner = data.causeOwners[id];
        if (owner && owner[0] === docIndex) mine.add(owner[1]);
      }
      if (mine.size === 0 || mine.size === count) continue;
      const rarity = idf(count, mine.size);
      for (const id of [...hit.title, ...hit.text]) {
        const owner = data.causeOwners[id];
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

    const causeHits = new Map<string, { title: Set<number>; text: Set<number> }>();
    const contributions: Map<string, number>[] | null = options.explain ? docs.map(() => new Map()) : null;
    // Terms that name some article's error ("endpoint" for API Gateway) say which article, not which cause.
    const identifying = new Set<string>();

    for (const [term, weight] of analysis.terms) {
      const results = lookup(articles, term, INDEXED_FIELDS);
      if (results.length === 0) continue;
      const perDoc = new Map<number, { best: number; sum: number; identity: boolean }>();
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
          const acc = perDoc.get(id) ?? { best: 0, sum: 0, identity: false };
          acc.sum += value;
          if (value > acc.best) acc.best = value;
          if (IDENTITY_FIELDS.has(field as IndexedField)) acc.identity = true;
          perDoc.set(id, acc);
        }
      }
      for (const [id, acc] of perDoc) {
        const value = weight * (acc.best + 0.25 * (acc.sum - acc.best));
        totals[id]! += value;
        contributions?.[id]!.set(term, value);
        matched[id]!.add(term);
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

    if (analysis.prefix) {
      for (const { result } of lookup(articles, analysis.prefix, ["prefix"])) {
        const value = ZONE_WEIGHT.text * PREFIX_WEIGHT * idf(n, result.length);
        for (const raw of result) totals[Number(raw)]! += value;
      }
    }

    const phrase = phraseScores(analysis);
    for (let i = 0; i < n; i++) {
      const p = phrase[i]!;
      totals[i]! += PHRASE_WEIGHT * p.score;
      if (p.score >= 1.5) strong[i] = 1;
    }

    const order = [...totals.keys()].filter((i) => totals[i]! > 0).sort((a, b) => totals[b]! - totals[a]! || docs[a]!.slug.localeCompare(docs[b]!.slug));
    // A long paste shares a word or two with every article; once one article matches clearly,
    // the ones scoring under a tenth of it are noise, not "results".
    const best = order[0];
    const clear = best !== undefined && (strong[best] === 1 || 1 - Math.exp(-totals[best]! / SCORE_SCALE) >= 0.6);
    const top = (clear ? order.filter((i) => totals[i]! >= totals[best]! * RELATIVE_FLOOR) : order).slice(0, limit);
    const hits: SearchHit[] = top.map((i) => {
      const doc = docs[i]!;
      const cause = pickCause(i, analysis, identifying, causeHits);
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
      if (analysis.prefix) hit.prefix = analysis.prefix;
      if (contributions) {
        const terms = [...contributions[i]!].sort((a, b) => b[1] - a[1]).slice(0, 10);
        hit.explain = { total: totals[i]!, phrase: PHRASE_WEIGHT * phrase[i]!.score, terms: terms.map(([t, v]) => [t, Math.round(v * 10) / 10]) };
      }
      return hit;
    });
    const confident = clear;
    return {
      hits,
      confident,
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
  }

  return {
    docs,
    search: (query, options) => searchAnalysis(analyzeQuery(query), options),
    searchAnalysis,
  };
}
