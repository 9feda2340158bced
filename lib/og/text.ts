// Text for a link preview, in characters the preview fonts draw. A character the fonts lack is
// replaced by its usual ASCII spelling (→ becomes ->), or by its base letter without accents;
// anything else (an emoji, a script the fonts do not have) is an error naming where it came from,
// because drawing it would make next/og fetch a font from the network.

const SPELLED: Record<string, string> = {
  "→": "->",
  "←": "<-",
  "↔": "<->",
  "⇒": "=>",
  "≥": ">=",
  "≤": "<=",
  "≠": "!=",
  "≈": "~",
  "×": "x",
  "…": "...",
  "–": "-",
  "—": "-",
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "•": "-",
  "\u00a0": " ",
  "\u202f": " ",
  "\u2009": " ",
  "\t": " ",
};

export class UnsupportedGlyphError extends Error {}

/** `text` with every character drawable from `covered`; `where` names the text in the error. */
export function drawable(text: string, covered: ReadonlySet<number>, where: string): string {
  let out = "";
  for (const ch of text.replace(/\r?\n/g, " ")) {
    if (covered.has(ch.codePointAt(0)!)) {
      out += ch;
      continue;
    }
    const spelled = SPELLED[ch];
    if (spelled !== undefined && [...spelled].every((c) => covered.has(c.codePointAt(0)!))) {
      out += spelled;
      continue;
    }
    const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    if (base && base !== ch && [...base].every((c) => covered.has(c.codePointAt(0)!))) {
      out += base;
      continue;
    }
    const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    throw new UnsupportedGlyphError(`${where}: "${ch}" (${code}) cannot be drawn in the link preview: its fonts (Inter, JetBrains Mono: Latin and Latin Extended) lack it, and next/og would fetch a font from the network. Write it without that character.`);
  }
  return out;
}

/** At most `max` characters, cut at a word boundary with "..." when it has to be cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 3);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).trimEnd()}...`;
}
