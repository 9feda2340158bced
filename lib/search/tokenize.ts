// One analysis chain for articles and for what people paste, so a word means the same thing on
// both sides of the index. Framework-free: runs in the browser, the route handlers and the CLI.

/** Words that say nothing about which error this is. */
const STOPWORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its " +
    "me my no nor not of on or our she so than that the their them then there these they this those to too up us was " +
    "we were what when where which while who why will with would you your yes also just only very more most any all " +
    "some such own same other each here about after before again against between during through over under until off " +
    "once should now new use used using get got see via per let var const def return self"
  ).split(" "),
);
// Keys and units of log lines: host=, port=, pid=, "ms" — the same in every error.
for (const noise of "host port url uri pid tid uid gid cwd ms line column col timestamp null undefined true false none id".split(" ")) STOPWORDS.add(noise);
// Kept although short or common: "after" is part of "Task timed out after", "out" of "timed out".
for (const keep of ["after", "out", "no", "not", "before", "over", "under"]) STOPWORDS.delete(keep);

// Letters, digits, underscore and $; joined by dots or hyphens into one word (asyncio.exceptions.TimeoutError,
// lambda-local, Sandbox.Timedout). A trailing dot (end of a sentence) is not part of the word.
const WORD = /[\p{L}\p{N}_$]+(?:[.\-][\p{L}\p{N}_$]+)*/gu;
const NUMBER = /^\d+(?:[.,]\d+)?$/;
const NUMBER_WITH_UNIT = /^(\d+(?:\.\d+)?)(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|mb|mib|gb|gib|kb|kib|b|x|k)$/;
const CAMEL = /[\p{Lu}]?[\p{Ll}\p{N}]+|[\p{Lu}]+(?![\p{Ll}])/gu;
const HAS_LETTER = /\p{L}/u;
const SOURCE_EXTENSION = /(?<=\w)\.(?:py|pyx|js|mjs|cjs|ts|tsx|jsx|rb|go|java)$/;
// A name rather than a word: H12, ETIMEDOUT, executionTimeout, Sandbox.Timedout (checked on the original case).
const IDENTIFIER = /\d|[._$]|^\p{Lu}{3,}$|\p{Ll}\p{Lu}/u;

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/**
 * A number people will see with other values: durations, sizes, counts ("12.01 seconds", "30008ms").
 * Integers that identify an error (504, 1102, 10021) stay literal.
 */
function isMeasurement(raw: string, next: string | undefined): boolean {
  if (/[.,]/.test(raw)) return true;
  // Short integers (exit codes, counts, columns) and long ones (ids, epochs) identify nothing.
  if (raw.length > 6 || raw.length < 3) return true;
  if (next && /^(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|mb|mib|gb|gib|kb|kib|bytes?|%|x|times|retries|attempts)$/.test(next)) return true;
  return false;
}

/** Splits `ConnectTimeoutError` into connect, timeout, error; `UND_ERR_X` into und, err, x. */
function parts(word: string): string[] {
  const out: string[] = [];
  for (const piece of word.split(/[._\-$]+/)) {
    if (!piece) continue;
    out.push(piece.toLowerCase());
    const camel = piece.match(CAMEL);
    if (camel && camel.length > 1) for (const c of camel) out.push(c.toLowerCase());
  }
  return out;
}

export type Token = {
  /** lower-cased word as indexed */
  term: string;
  /** 1 for the whole word, lower for its parts (`timeout` in `TimeoutError`) */
  weight: number;
};

/**
 * The terms of a text for the inverted index and for queries: lower-cased words, dotted and
 * snake_case names kept whole and also split into their parts (at a lower weight), camelCase split,
 * measurements dropped (their units stay), identifying integers kept, stopwords dropped.
 */
export function tokenize(text: string, emit: (term: string, weight: number, identifier: boolean) => void): void {
  WORD.lastIndex = 0;
  let match: RegExpExecArray | null;
  let pending: string | undefined;
  const flush = (next: string | undefined) => {
    if (pending === undefined) return;
    if (!isMeasurement(pending, next)) emit(pending, 1, true);
    pending = undefined;
  };
  while ((match = WORD.exec(text))) {
    const raw = match[0];
    const lower = raw.toLowerCase();
    if (NUMBER.test(raw)) {
      flush(lower);
      pending = raw;
      continue;
    }
    flush(lower);
    // 30008ms, 150s: a measurement with its unit attached says nothing as a term.
    if (NUMBER_WITH_UNIT.test(lower)) continue;
    if (!HAS_LETTER.test(raw)) continue;
    // Opaque ids (request ids, hashes, base64) mix letters and digits at length; they never help.
    if (raw.length >= 10 && /\d.*\d/.test(raw) && !/[.\-_]/.test(raw)) continue;
    const whole = lower.replace(/[.\-]+$/, "");
    const split = parts(raw).filter((p) => p !== whole);
    if (split.length <= 1) {
      if (!STOPWORDS.has(whole) && whole.length > 1) emit(whole, 1, IDENTIFIER.test(raw));
    } else {
      if (whole.length <= 80) emit(whole, 1, true);
      for (const p of split) if (p.length > 1 && !STOPWORDS.has(p) && !NUMBER.test(p)) emit(p, 0.4, false);
    }
  }
  flush(undefined);
}

/** Terms with their best weight, in first-seen order. */
export function terms(text: string): Map<string, number> {
  const out = new Map<string, number>();
  tokenize(text, (term, weight) => {
    const had = out.get(term);
    if (had === undefined || had < weight) out.set(term, weight);
  });
  return out;
}

/** Whole words that are names (codes, identifiers, exception types), as opposed to English words. */
function identifiers(text: string): Set<string> {
  const out = new Set<string>();
  tokenize(text, (term, weight, identifier) => {
    if (weight === 1 && identifier) out.add(term);
  });
  return out;
}

/** The index stores fields as space-separated terms; flexsearch only has to split on spaces. */
export function indexText(text: string): string {
  return [...terms(text).keys()].join(" ");
}

/**
 * The same, with the parts of compound words (`lambda` in `lambda-local`, `timeout` in
 * `TimeoutError`) kept apart, so a short field can give its whole words full weight and its
 * parts less.
 */
export function indexTextSplit(text: string): { names: string; words: string; parts: string } {
  const names: string[] = [];
  const words: string[] = [];
  const parts = new Set<string>();
  const ids = identifiers(text);
  for (const [term, weight] of terms(text)) {
    if (weight < 1) parts.add(term);
    else if (ids.has(term)) names.push(term);
    else words.push(term);
  }
  for (const term of [...names, ...words]) parts.delete(term);
  return { names: names.join(" "), words: words.join(" "), parts: [...parts].join(" ") };
}

export const splitIndexed = (text: string): string[] => text.split(" ").filter(Boolean);

/**
 * Word sequence for phrase matching: every word in order (stopwords too, since signatures are
 * exact sentences), names split at dots, every measurement written as "0" so
 * "Task timed out after 12.01 seconds" and "... after 3.00 seconds" are the same phrase.
 */
export function phraseTokens(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  let match: RegExpExecArray | null;
  const words: string[] = [];
  while ((match = WORD.exec(text))) words.push(match[0]);
  for (let i = 0; i < words.length; i++) {
    const raw = words[i]!;
    const lower = raw.toLowerCase();
    if (NUMBER.test(raw)) {
      out.push(isMeasurement(raw, words[i + 1]?.toLowerCase()) ? "0" : lower);
      continue;
    }
    const unit = NUMBER_WITH_UNIT.exec(lower);
    if (unit) {
      out.push("0", unit[2]!);
      continue;
    }
    // "after N seconds" in a title is the same placeholder as a number in a log.
    if (raw === "N" || raw === "NN") {
      out.push("0");
      continue;
    }
    if (raw.length >= 10 && /\d.*\d/.test(raw) && !/[.\-_]/.test(raw)) continue;
    // helpers.py is helpers: a frame's path and a signature's file name meet without the extension.
    const pieces = lower.replace(SOURCE_EXTENSION, "").split(/[.\-]+/);
    for (const piece of pieces) if (piece) out.push(piece);
  }
  return out;
}
