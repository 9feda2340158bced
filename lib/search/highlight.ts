// Which words of a title or error line to mark as matched: those whose term (or a part of it) the
// paste contained, and those that start with the unfinished word being typed.

export type Segment = { text: string; match: boolean };

const WORD = /[\p{L}\p{N}_$]+(?:[.\-][\p{L}\p{N}_$]+)*/gu;
const CAMEL = /[\p{Lu}]?[\p{Ll}\p{N}]+|[\p{Lu}]+(?![\p{Ll}])/gu;

function termsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const out = [lower];
  for (const piece of word.split(/[._\-$]+/)) {
    if (!piece) continue;
    out.push(piece.toLowerCase());
    for (const c of piece.match(CAMEL) ?? []) out.push(c.toLowerCase());
  }
  return out;
}

export function highlightSegments(text: string, matched: readonly string[], prefix?: string | null): Segment[] {
  const terms = new Set(matched);
  const segments: Segment[] = [];
  let last = 0;
  const push = (s: string, match: boolean) => {
    if (!s) return;
    const previous = segments[segments.length - 1];
    if (previous && previous.match === match) previous.text += s;
    else segments.push({ text: s, match });
  };
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const lower = word.toLowerCase();
    const hit = termsOf(word).some((t) => terms.has(t)) || (!!prefix && prefix.length >= 2 && lower.startsWith(prefix));
    push(text.slice(last, m.index), false);
    push(word, hit);
    last = m.index + word.length;
  }
  push(text.slice(last), false);
  return segments;
}
