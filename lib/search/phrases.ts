// Phrase matching: an article's signatures, error line and title (and, negatively, its `notThis`
// signatures) found as runs of words in the paste. Numbers are normalised on both sides
// (tokenize.phraseTokens), so "after 12.01 seconds" matches "after 3.00 seconds".

import type { QueryAnalysis } from "./analyze";
import { ZONE_WEIGHT } from "./analyze";
import { stripIds, stripTimestamps } from "./noise";
import { phraseTokens } from "./tokenize";

export type Phrase = { text: string; tokens: string[] };

export type PhraseMatch = {
  /** best match, plus a little for the next two: several signatures found say more than one */
  score: number;
  /** the text of the best-matching phrase */
  phrase?: string;
  /** the best single match's value */
  best: number;
  /**
   * the rarity of the words of the best whole phrase found anywhere but in a path, whatever the
   * line, plus half that of the next: two signatures found whole (a frame and a source line) say
   * more than one
   */
  wholeIdf: number;
};

const MAX_POSITIONS = 48;

/** The phrases of a list of texts, each once, without the empty ones. */
export function phraseList(texts: readonly string[]): Phrase[] {
  const seen = new Set<string>();
  const out: Phrase[] = [];
  for (const text of texts) {
    const tokens = phraseTokens(stripIds(stripTimestamps(text)));
    const key = tokens.join(" ");
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push({ text, tokens });
  }
  return out;
}

/**
 * Scores every article's phrases against the paste. A match is a maximal run of the phrase's words
 * in the paste: its value is the rarity of the words it covers, halved (and scaled by how much of
 * the phrase it covers) when partial, times the weight of the line it was found on. Partial runs
 * of fewer than two words, or of less than half a short phrase, do not count; `wholeOnly` keeps
 * whole phrases only (negative signals must be unambiguous).
 */
export function matchPhrases(analysis: QueryAnalysis, lists: readonly Phrase[][], idfOf: (token: string) => number, known: ReadonlySet<string>, wholeOnly = false): PhraseMatch[] {
  const positions = new Map<string, number[]>();
  const { stream, streamWeights } = analysis;
  for (let i = 0; i < stream.length; i++) {
    const token = stream[i]!;
    if (!known.has(token)) continue;
    const list = positions.get(token);
    if (!list) positions.set(token, [i]);
    else if (list.length < MAX_POSITIONS) list.push(i);
  }
  return lists.map((list) => {
    const values: { value: number; text: string }[] = [];
    const wholes: number[] = [];
    for (const phrase of list) {
      const p = phrase.tokens;
      let best = 0;
      let wholeRarity = 0;
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
            idfSum += idfOf(p[i + k]!);
            weight = Math.max(weight, streamWeights[start + k]!);
            k++;
          }
          const whole = k === p.length;
          // A single word counts as a whole phrase only when it is a name (IN_QUEUE, INIT_REPORT,
          // callbackWaitsForEmptyEventLoop), which it counts as twice.
          const rarity = p.length > 1 ? idfSum : /_/.test(p[0]!) || p[0]!.length >= 12 ? 2 * idfSum : 0;
          if (whole && weight > ZONE_WEIGHT.path && rarity > wholeRarity) wholeRarity = rarity;
          if (wholeOnly && !whole) continue;
          if (k < 2 && !(whole && p.length === 1 && p[0]!.length > 3)) continue;
          if (!whole && k < 3 && k / p.length < 0.5) continue;
          const value = idfSum * (whole ? 1 : 0.5 * (k / p.length)) * (weight / ZONE_WEIGHT.exception);
          if (value > best) best = value;
        }
      }
      if (best > 0) values.push({ value: best, text: phrase.text });
      if (wholeRarity > 0) wholes.push(wholeRarity);
    }
    wholes.sort((a, b) => b - a);
    const wholeIdf = (wholes[0] ?? 0) + 0.5 * (wholes[1] ?? 0);
    values.sort((a, b) => b.value - a.value);
    const score = (values[0]?.value ?? 0) + 0.25 * (values[1]?.value ?? 0) + 0.1 * (values[2]?.value ?? 0);
    return { score, phrase: values[0]?.text, best: values[0]?.value ?? 0, wholeIdf };
  });
}
