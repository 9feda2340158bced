// A one-line search field that keeps the line breaks of what was pasted into it. The field shows
// the text with every line break as a space (one character for one, so positions match), and the
// search reads the original, where a traceback is still a traceback.

/** What the field shows for a query: line breaks as spaces, position for position. */
export function displayText(raw: string): string {
  return raw.replace(/[\r\n]/g, " ");
}

/**
 * The query after the person edited the field: the edited span comes from the field, the rest
 * (with its line breaks) from the query as it was.
 */
export function mergeEdit(raw: string, edited: string): string {
  const before = displayText(raw);
  if (before === edited) return raw;
  let start = 0;
  const max = Math.min(before.length, edited.length);
  while (start < max && before[start] === edited[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === edited[edited.length - 1 - end]) end++;
  return raw.slice(0, start) + edited.slice(start, edited.length - end) + raw.slice(raw.length - end);
}

/** Longest query put in a shareable /search?q= link; a longer paste is shared by what it names. */
export const MAX_SHARED_QUERY = 1500;

function sharedQuery(query: string, condensed?: string): string {
  return query.length > MAX_SHARED_QUERY && condensed ? condensed : query.slice(0, 4 * MAX_SHARED_QUERY);
}

export function searchPageHref(query: string, condensed?: string, platform?: string): string {
  return `/search?q=${encodeURIComponent(sharedQuery(query, condensed))}${platform ? `&platform=${encodeURIComponent(platform)}` : ""}`;
}

/** The page with a prefilled article request for this paste. */
export function requestHref(query: string, condensed?: string): string {
  return `/search/request?q=${encodeURIComponent(sharedQuery(query, condensed))}`;
}
