"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { analyzeQuery } from "@/lib/search/analyze";
import { MAX_SHARED_QUERY, searchPageHref } from "@/lib/search/paste";

type Props = {
  initial: string;
  /** the platform id the results are filtered to, "" for all */
  platform: string;
  platforms: { id: string; name: string }[];
};

/**
 * The results page's own box: a textarea, since pastes are long. Ctrl/Cmd-Enter searches. A paste
 * too long for a link is shared by what it names (its exception types, codes and messages). The
 * platform filter is part of the same GET form, so it works without JavaScript too.
 */
export function SearchPageForm({ initial, platform: initialPlatform, platforms }: Props) {
  const router = useRouter();
  const [text, setText] = useState(initial);
  const [platform, setPlatform] = useState(initialPlatform);
  const go = (q: string, p: string) => {
    if (!q) return;
    router.push(searchPageHref(q, q.length > MAX_SHARED_QUERY ? analyzeQuery(q).condensed : undefined, p || undefined));
  };
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    go(text.trim(), platform);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) submit();
  };
  return (
    <form role="search" aria-label="Search again" action="/search" method="get" className="search-page-form" onSubmit={submit}>
      <label htmlFor="search-page-q" className="search-label">
        Paste what your logs said
      </label>
      <textarea
        id="search-page-q"
        name="q"
        rows={Math.min(12, Math.max(3, text.split("\n").length))}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        placeholder="One line, or the whole traceback"
      />
      <div className="search-page-actions">
        <button type="submit" className="button button-primary">
          Search
        </button>
        <span className="field-note">
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Enter</kbd>
        </span>
        <span className="search-filter">
          <label htmlFor="search-page-platform">Platform</label>
          <select
            id="search-page-platform"
            name="platform"
            value={platform}
            onChange={(e) => {
              setPlatform(e.target.value);
              // Filtering what is already on screen needs no second click.
              if (text.trim()) go(text.trim(), e.target.value);
            }}
          >
            <option value="">All platforms</option>
            {platforms.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </span>
      </div>
    </form>
  );
}
