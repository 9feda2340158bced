"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { analyzeQuery } from "@/lib/search/analyze";
import { clearRecent, readRecent, rememberSearch, type RecentSearch } from "@/lib/search/recent";
import { searchPageHref } from "@/lib/search/paste";

/**
 * The searches made on this device, newest first, kept in localStorage only (never sent), with a
 * button that forgets them. Nothing renders until the list is read, so the server HTML and the
 * first client render agree.
 */
export function RecentSearches({ current }: { current: string | null }) {
  const [list, setList] = useState<RecentSearch[] | null>(null);
  useEffect(() => {
    const storage = window.localStorage;
    setList(current ? rememberSearch(storage, current, analyzeQuery(current).condensed) : readRecent(storage));
  }, [current]);
  if (!list) return null;
  const others = list.filter((r) => r.query !== current?.trim());
  if (others.length === 0) return null;
  return (
    <section className="search-recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Your recent searches</h2>
      <p className="field-note">Kept in this browser only.</p>
      <ul className="search-recent-list">
        {others.map((r) => (
          <li key={r.query}>
            <Link href={searchPageHref(r.query, r.condensed)}>
              <code>{r.label}</code>
            </Link>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => setList(clearRecent(window.localStorage))}>
        Clear recent searches
      </button>
    </section>
  );
}
