// Whether the paste is about an error Deadline covers, and how sure the answer is. The ranking says
// which article fits best; this says whether "best" is good enough to call it the answer, whether
// two articles are about as likely (and what would tell them apart), or whether nothing here is
// about this error at all, in which case the page says so instead of listing lookalikes.

import { ZONE_WEIGHT, type QueryAnalysis } from "./analyze";
import type { ArticleBasics } from "./documents";
import { phraseTokens } from "./tokenize";

export type Verdict = "match" | "ambiguous" | "not-covered";

export type DocEvidence = {
  total: number;
  /** best single phrase match of the article's signatures, error or title */
  phrase: number;
  /** rarity of the words of its best whole signature found in the paste, whatever the line */
  wholeIdf: number;
  /** a code or exception name of the paste is one of the article's own names */
  strong: boolean;
  /** the paste's terms found in what the article is about */
  explained: ReadonlySet<string>;
  /** the unfinished last word of a typed query completes to one of the article's words */
  completes: boolean;
  ruledOut?: string;
};

export type Decision = {
  verdict: Verdict;
  /** how many of the closest articles to show when not covered */
  closest: number;
  contrast?: { slug: string; platformName: string; lookFor: string[] }[];
  /** per article: the share of the paste's error evidence it explains (0–1) */
  coverage: number[];
};

/** A phrase match this strong (a whole signature of rare words on an error line) is an answer on its own. */
export const PHRASE_COVERED = 2.5;
/** ... and so is a whole signature this rare anywhere in the paste (a frame, a source line). */
export const WHOLE_COVERED = 6;
/** Share of the paste's error evidence the best article must explain, with or without a strong name. */
export const COVERAGE_WITH_NAME = 0.35;
export const COVERAGE_ALONE = 0.5;
/** The second article is "about as likely" above this share of the first one's score. */
export const AMBIGUOUS_RATIO = 0.9;
const PHRASE_PARITY = 0.75;
/** ... or above this share when both explain everything the paste says. */
const TIED_RATIO = 0.6;
const TIED_COVERAGE = 0.95;
const HEADLINE_TERMS = 24;
const NOT_COVERED_CLOSEST = 2;

// Built-in exception classes of the languages we cover: raised for a thousand reasons, they say
// which error it is only with their message ("TypeError: fetch failed" yes, "TypeError" no).
const GENERIC_EXCEPTIONS = new Set(
  ("error exception typeerror valueerror keyerror indexerror attributeerror runtimeerror oserror ioerror " +
    "referenceerror syntaxerror rangeerror nameerror importerror modulenotfounderror assertionerror " +
    "notimplementederror lookuperror unhandledpromiserejection").split(" "),
);
// Words that say a time limit was hit. A paste with none of them (outside frames, source lines and
// paths) is about a time limit only if it holds one of an article's own signatures ("IN_QUEUE",
// "was never awaited").
const DEADLINE = /(?:^| )(?:\S*time-?outs?\S*|\S*timedout\S*|timed out|timing out|times? out|time limit|\S*timelimit\S*|exceeded|exceeds|deadline|took|duration|maxduration|hangs?|hung|stuck|killed|too long|never (?:finish|finishes|completes?|returns?|responds?|ends?))(?: |$)/;

/** The words of the paste's own lines: not frames, source lines or paths. */
function textWords(analysis: QueryAnalysis): string[] {
  const words: string[] = [];
  for (let i = 0; i < analysis.stream.length && i < 20_000; i++) if (analysis.streamWeights[i]! >= ZONE_WEIGHT.text) words.push(analysis.stream[i]!);
  return words;
}

// Words of platform names that name no platform on their own ("Google Cloud Functions", "AWS Lambda").
const PLATFORM_FILLER = new Set(["aws", "amazon", "google", "gcp", "cloud", "functions", "function", "edge", "workers", "deploy", "sdk", "js", "api", "gateway"]);

/** Whether the paste's own words name the article's platform: "runpod", "lambda", "vercel". */
function namesPlatform(doc: ArticleBasics, words: ReadonlySet<string>): boolean {
  return phraseTokens(`${doc.platform.replace(/-/g, " ")} ${doc.platformName}`).some((w) => !PLATFORM_FILLER.has(w) && words.has(w));
}

/** The paste's error evidence: terms from exception, code and message lines, strongest first; all its terms if it has none. */
function headline(analysis: QueryAnalysis): [string, number][] {
  const errorLines = [...analysis.terms].filter(([, w]) => w >= ZONE_WEIGHT.message);
  const terms = errorLines.length ? errorLines : [...analysis.terms];
  return terms.slice(0, HEADLINE_TERMS).map(([t, w]) => [t, GENERIC_EXCEPTIONS.has(t) ? Math.min(w, ZONE_WEIGHT.message) : w]);
}

/**
 * The share of the paste's error evidence an article explains. Plain words no article knows
 * ("seems", "pretty") are left out: they cannot tell one article from another. Names (error codes,
 * exception types) always count: an unknown one says this is some other error.
 */
function coverageOf(terms: [string, number][], explained: ReadonlySet<string>, known: ReadonlySet<string>): number {
  let all = 0;
  let found = 0;
  for (const [term, w] of terms) {
    if (w < ZONE_WEIGHT.code && !known.has(term)) continue;
    all += w;
    if (explained.has(term)) found += w;
  }
  return all ? found / all : 0;
}

/** A name of the paste (an error code, a specific exception type) that the article holds too. */
function sharesName(terms: [string, number][], explained: ReadonlySet<string>): boolean {
  return terms.some(([t, w]) => w >= ZONE_WEIGHT.code && explained.has(t));
}

/** A person's own words: no log format, exception type or error code recognised, only sentences. */
function isProse(analysis: QueryAnalysis): boolean {
  return analysis.formats.length === 0 && analysis.exceptions.length === 0 && analysis.codes.length === 0;
}

function covered(e: DocEvidence, terms: [string, number][], coverage: number, deadline: boolean, prose: boolean, platformNamed: boolean): boolean {
  if (e.ruledOut) return false;
  if (e.phrase >= PHRASE_COVERED || e.wholeIdf >= WHOLE_COVERED) return true;
  if (!deadline) return false;
  // Someone describing it in their own words ("we hit this timeout on runpod") explains little of
  // what they wrote in any article's terms; naming the platform with a time limit is the error.
  if (prose && platformNamed) return true;
  return (e.strong && sharesName(terms, e.explained) && coverage >= COVERAGE_WITH_NAME) || coverage >= COVERAGE_ALONE;
}

/** Signatures of `doc` that are not in the paste and that `other` does not share: what to look for. */
function lookFor(doc: ArticleBasics, other: ArticleBasics, stream: readonly string[]): string[] {
  const text = ` ${stream.join(" ")} `;
  const otherKeys = new Set(other.signatures.map((s) => phraseTokens(s).join(" ")));
  const out: string[] = [];
  for (const sig of doc.signatures) {
    const key = phraseTokens(sig).join(" ");
    if (!key || otherKeys.has(key) || text.includes(` ${key} `)) continue;
    out.push(sig);
    if (out.length === 2) break;
  }
  return out;
}

function knownTerms(evidence: readonly { explained: ReadonlySet<string> }[]): Set<string> {
  const known = new Set<string>();
  for (const e of evidence) for (const t of e.explained) known.add(t);
  return known;
}

export function decide(analysis: QueryAnalysis, order: readonly number[], evidence: readonly DocEvidence[], docs: readonly ArticleBasics[]): Decision {
  const terms = headline(analysis);
  const words = textWords(analysis);
  const deadline = DEADLINE.test(words.join(" "));
  const prose = isProse(analysis);
  const wordSet = new Set(words);
  const known = knownTerms(evidence);
  const coverage = evidence.map((e) => coverageOf(terms, e.explained, known));
  const first = order[0];
  if (first === undefined) return { verdict: "not-covered", closest: 0, coverage };
  const top = evidence[first]!;
  // Someone still typing ("Endpo"): the unfinished word is evidence once it completes to a word
  // of the article, and it is too early to ask for a word that says a time limit was hit.
  const prefix = analysis.prefix;
  if (prefix) {
    const withPrefix: [string, number][] = [...terms.filter(([t]) => t !== prefix), [prefix, ZONE_WEIGHT.message]];
    evidence.forEach((e, i) => {
      if (e.completes && !e.explained.has(prefix)) coverage[i] = coverageOf(withPrefix, new Set([...e.explained, prefix]), new Set([...known, prefix]));
    });
  }
  const typing = !!prefix && top.completes && !top.explained.has(prefix);
  if (!covered(top, terms, coverage[first]!, deadline || typing, prose, namesPlatform(docs[first]!, wordSet))) {
    // The closest two, and only those that share some evidence with the paste.
    const closest = order.slice(0, NOT_COVERED_CLOSEST).filter((i) => coverage[i]! > 0 || evidence[i]!.phrase > 0).length;
    return { verdict: "not-covered", closest, coverage };
  }
  const second = order[1];
  const runnerUp = second === undefined ? undefined : evidence[second]!;
  // About as likely: close in score without a signature the first holds and the second lacks, or
  // the paste says nothing that the one explains and the other does not (a bare "Task timed out
  // after 3.00 seconds" is Lambda's, Netlify's and more; a bare TimeoutError, anyone's).
  const tied =
    second !== undefined &&
    runnerUp !== undefined &&
    ((runnerUp.phrase >= PHRASE_PARITY * top.phrase && runnerUp.total >= AMBIGUOUS_RATIO * top.total) ||
      (runnerUp.total >= TIED_RATIO * top.total && coverage[second]! >= TIED_COVERAGE && coverage[first]! - coverage[second]! < 0.05));
  if (second !== undefined && runnerUp && tied && covered(runnerUp, terms, coverage[second]!, deadline || typing, prose, namesPlatform(docs[second]!, wordSet))) {
    const a = docs[first]!;
    const b = docs[second]!;
    return {
      verdict: "ambiguous",
      closest: 0,
      coverage,
      contrast: [
        { slug: a.slug, platformName: a.platformName, lookFor: lookFor(a, b, analysis.stream) },
        { slug: b.slug, platformName: b.platformName, lookFor: lookFor(b, a, analysis.stream) },
      ],
    };
  }
  return { verdict: "match", closest: 0, coverage };
}
