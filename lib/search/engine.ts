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
import { matchPhrases, phraseList, type Phrase } from "./phrases";
import { indexText, indexTextSplit, splitIndexed } from "./tokenize";
import { decide, type DocEvidence, type Verdict } from "./verdict";

export const INDEX_VERSION = 2;

export type CauseMeta = { n: number; id: string; title: string };

export type DocMeta = ArticleBasics & {
  causes: CauseMeta[];
  /** signatures the article says rule it out (frontmatter `notThis`) */
  notThis?: string[];
};

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
    docs: documents.map(({ slug, title, error, summary, platform, platformName, signatures, notThis, causes: c }) => ({
      slug,
      title,
      error,
      summary,
      platform,
      platformName,
      signatures,
      ...(notThis.length ? { notThis } : {}),
      causes: c.map(({ n, id, title: t }) => ({ n, id, title: t })),
    })),
    articles: await exportIndex(articles),
    causes: await exportIndex(causes),
    causeOwners,
  };
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

export function createEngine(data: SearchIndexData): SearchEngine {
  if (data.version !== INDEX_VERSION) throw new Error(`search index version ${String(data.version)}, expected ${INDEX_VERSION}`);
  const articles = articleIndex();
  for (const [key, value] of data.articles) articles.import(key, value);
  const causes = causeIndex();
  for (const [key, value] of data.causes) causes.import(key, value);
  const docs = data.docs;
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
