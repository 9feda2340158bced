// Where an identifier, path or URL may wrap on a narrow screen. Browsers only wrap code at spaces
// and hyphens, so `runpod.serverless.utils.rp_upload` either overflows or (with overflow-wrap:
// anywhere) breaks at whatever letter reaches the edge. We mark the places a person would break
// it by hand (after a dot, underscore, slash, comma, opening bracket, `=`, `:` and between
// camelCase words) with <wbr>, so the line breaks there first; overflow-wrap stays as the last
// resort for a run with no such place.

/** Segments shorter than this are left whole: `a.b` never needs a break. */
const MIN_LENGTH = 12;
/** A break leaves at least this many characters on each side. */
const MIN_PIECE = 3;

const AFTER = new Set([".", "_", "/", "\\", ",", "(", "[", "{", "=", ":", "&", "?", "#", "@", "|"]);

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

function isLower(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Ll}/u.test(ch);
}

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Lu}/u.test(ch);
}

/** Break positions inside one run of non-space characters, as offsets into the run. */
function runBreaks(run: string): number[] {
  if (run.length < MIN_LENGTH) return [];
  const breaks: number[] = [];
  let last = 0;
  for (let i = MIN_PIECE; i <= run.length - MIN_PIECE; i++) {
    const prev = run[i - 1];
    const ch = run[i];
    const afterMark = prev !== undefined && AFTER.has(prev) && isWordChar(ch);
    const camel = isLower(prev) && isUpper(ch);
    if ((afterMark || camel) && i - last >= MIN_PIECE) {
      breaks.push(i);
      last = i;
    }
  }
  return breaks;
}

/**
 * Splits text into pieces between which a line may break. Joining the pieces gives the text back;
 * a renderer puts a <wbr> between each pair. Whitespace already breaks, so only the runs between
 * spaces are split, and only runs of at least MIN_LENGTH characters.
 */
export function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/\S+/g)) {
    for (const offset of runBreaks(match[0])) {
      const at = match.index + offset;
      pieces.push(text.slice(start, at));
      start = at;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}
