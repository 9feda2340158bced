// Code in Markdown that nothing inside it can break out of. One implementation for every
// Markdown this site writes: the run report, "Copy fix", the article twins and llms-full.txt.
// CommonMark: a fenced block ends at a line of at least as many backticks as opened it, and a
// code span ends at a run of exactly as many backticks as opened it
// (https://spec.commonmark.org/0.31.2/#fenced-code-blocks, #code-spans).

/** A code fence longer than any run of backticks in the text, so the text can never close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

/** A fenced code block holding `code` exactly (its final newline is the fence's own). */
export function fencedBlock(code: string, lang = ""): string {
  const body = code.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  const fence = fenceFor(body);
  return `${fence}${lang}\n${body}\n${fence}`;
}

/**
 * A code span holding `text` exactly: the backtick run is one no run inside it has, and a space
 * pads each side when the text starts or ends with a backtick, or with a space on both ends
 * (CommonMark strips one such pair).
 */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, " ");
  const runs = new Set([...flat.matchAll(/`+/g)].map((m) => m[0].length));
  let n = 1;
  while (runs.has(n)) n += 1;
  const ticks = "`".repeat(n);
  const pad = /^`|`$/.test(flat) || (/^ /.test(flat) && / $/.test(flat) && flat.trim() !== "");
  return pad ? `${ticks} ${flat} ${ticks}` : `${ticks}${flat}${ticks}`;
}
