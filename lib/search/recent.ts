// Recent searches, kept in the browser's localStorage and nowhere else. Framework-free so the
// rules (newest first, no duplicates, a bounded list, a corrupt entry read as empty) are tested
// on their own.

export const RECENT_KEY = "deadline:recent-searches";
export const MAX_RECENT = 8;
/** Longest query kept; a longer paste is kept by what it names (its condensed form). */
export const MAX_RECENT_QUERY = 1500;

export type RecentSearch = { query: string; condensed?: string; label: string };

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function label(query: string): string {
  const line = query.split(/\r?\n/).find((l) => l.trim())?.trim() ?? "";
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}

export function readRecent(store: Store): RecentSearch[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(RECENT_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((r): r is RecentSearch => typeof r === "object" && r !== null && typeof (r as RecentSearch).query === "string" && typeof (r as RecentSearch).label === "string")
      .slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

/** Puts a search first (moving it up if it was there) and returns the new list. */
export function rememberSearch(store: Store, query: string, condensed?: string): RecentSearch[] {
  const trimmed = query.trim();
  if (!trimmed) return readRecent(store);
  const kept = trimmed.length > MAX_RECENT_QUERY && condensed ? condensed : trimmed.slice(0, MAX_RECENT_QUERY);
  const entry: RecentSearch = { query: kept, label: label(kept) };
  const list = [entry, ...readRecent(store).filter((r) => r.query !== kept)].slice(0, MAX_RECENT);
  try {
    store.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled (private mode): the list lives for this page only.
  }
  return list;
}

export function clearRecent(store: Store): RecentSearch[] {
  try {
    store.removeItem(RECENT_KEY);
  } catch {
    // Nothing to forget when storage is disabled.
  }
  return [];
}
