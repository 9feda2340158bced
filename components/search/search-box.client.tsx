"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import type { SearchEngine } from "@/lib/search/engine";
import { displayText, mergeEdit, searchPageHref } from "@/lib/search/paste";
import { popularArticles } from "@/lib/search/popular";
import { articlePath } from "@/lib/site";
import { Highlighted } from "./highlighted";
import "./search-verdict.css";

// Needed only once the (lazily loaded) index says a paste is not covered or is a tie: its code
// loads then, so the search box adds nothing to every page's first load.
const VerdictNotice = dynamic(() => import("./verdict-notice").then((m) => m.VerdictNotice), { ssr: false });

// Few enough to fit under the header on a phone without a scrolling popup.
const LIMIT = 5;

type Props = {
  /** where the box sits: the header of every page, or the home page's hero */
  variant: "header" | "hero";
  /** the box `/` and Cmd/Ctrl-K focus; the header's box takes them when no other box claims them */
  primary?: boolean;
  /** listen for the `/` and Cmd/Ctrl-K shortcuts (once per page: the header's box) */
  shortcuts?: boolean;
};

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/**
 * The search box: a combobox whose listbox shows the best articles as you type or paste. Without
 * JavaScript it is a plain form that opens /search?q=. The index loads the first time the box is
 * focused.
 */
export function SearchBox({ variant, primary = false, shortcuts = false }: Props) {
  const id = useId();
  const inputId = `${id}-q`;
  const listboxId = `${id}-results`;
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [raw, setRaw] = useState("");
  const [engine, setEngine] = useState<SearchEngine | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const pendingEnter = useRef(false);

  const load = useCallback(() => {
    if (engine) return;
    import("@/lib/search/client")
      .then((m) => m.browserEngine())
      .then(setEngine, () => setFailed(true));
  }, [engine]);

  const response = useMemo(() => (engine && raw.trim() ? engine.search(raw, { limit: LIMIT }) : null), [engine, raw]);
  const hits = response?.hits ?? [];
  const popular = useMemo(() => (engine ? popularArticles(engine.docs, 3).map((d) => ({ slug: d.slug, title: d.title, url: articlePath(d.slug) })) : []), [engine]);
  const optionCount = raw.trim() ? hits.length + 1 : 0;
  const allResultsHref = searchPageHref(raw.trim(), response?.condensed);

  const go = useCallback(
    (index: number) => {
      const hit = hits[index];
      setOpen(false);
      setActive(-1);
      inputRef.current?.blur();
      router.push(hit ? hit.url : allResultsHref);
    },
    [hits, allResultsHref, router],
  );

  // Enter pressed before the index arrived: go once it is there.
  useEffect(() => {
    if (pendingEnter.current && response) {
      pendingEnter.current = false;
      go(0);
    }
  }, [response, go]);

  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const commandK = (e.key === "k" || e.key === "K") && (e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey;
      const slash = e.key === "/" && !e.metaKey && !e.ctrlKey && !e.altKey && !isTyping(e.target);
      // Cmd-K is a chord prefix inside the code editor; leave it alone there.
      if (commandK && (e.target as HTMLElement | null)?.closest?.(".monaco-editor")) return;
      if (!commandK && !slash) return;
      const target = document.querySelector<HTMLInputElement>("input[data-search-input][data-primary]") ?? inputRef.current;
      if (!target) return;
      e.preventDefault();
      target.focus();
      target.select();
    };
    window.addEventListener("keydown", onKey);
    // Tells tests (and anyone curious) that / and Cmd/Ctrl-K work now: the page has hydrated.
    document.documentElement.dataset.searchShortcuts = "ready";
    return () => window.removeEventListener("keydown", onKey);
  }, [shortcuts]);

  const update = (next: string) => {
    setRaw(next);
    setOpen(next.trim().length > 0);
    setActive(-1);
    load();
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData("text/plain");
    // A one-line field would lose the paste's line breaks; keep them in the query.
    if (!/[\r\n]/.test(text)) return;
    e.preventDefault();
    const input = e.currentTarget;
    const start = input.selectionStart ?? raw.length;
    const end = input.selectionEnd ?? raw.length;
    update(raw.slice(0, start) + text + raw.slice(end));
    const caret = start + text.length;
    requestAnimationFrame(() => input.setSelectionRange(caret, caret));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (optionCount === 0) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a < 0 ? (step > 0 ? 0 : optionCount - 1) : (a + step + optionCount) % optionCount));
    } else if (e.key === "Enter") {
      if (!raw.trim()) return;
      e.preventDefault();
      if (active >= 0) go(active);
      else if (response) go(0);
      else if (failed) router.push(allResultsHref);
      else {
        pendingEnter.current = true;
        load();
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (raw) {
        e.preventDefault();
        update("");
        setOpen(false);
      }
    }
  };

  const expanded = open && raw.trim().length > 0;
  const activeId = expanded && active >= 0 ? `${listboxId}-${active}` : undefined;

  return (
    <form
      role="search"
      aria-label={variant === "header" ? "Site search" : "Search by error"}
      action="/search"
      method="get"
      className={`search-box search-box-${variant}`}
      onSubmit={(e) => e.preventDefault()}
    >
      <label htmlFor={inputId} className={variant === "header" ? "visually-hidden" : "search-label"}>
        {variant === "header" ? "Search errors" : "Paste what your logs said"}
      </label>
      <div className="search-field">
        <svg className="search-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M15.5 15.5 21 21" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          ref={inputRef}
          id={inputId}
          name="q"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={activeId}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="search"
          placeholder={variant === "header" ? "Search errors…" : "Task timed out after 3.00 seconds, a traceback, a log line…"}
          data-search-input=""
          data-primary={primary ? "" : undefined}
          value={displayText(raw)}
          onChange={(e) => update(mergeEdit(raw, e.target.value))}
          onPaste={onPaste}
          onFocus={() => {
            load();
            if (raw.trim()) setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <kbd className="search-kbd" aria-hidden="true">
          /
        </kbd>
      </div>
      <span id={`${id}-hint`} className="visually-hidden">
        Results appear as you type. Use the up and down arrows to choose, Enter to open.
      </span>
      <div className="search-popup" hidden={!expanded} onMouseDown={(e) => e.preventDefault()}>
        {expanded && !response ? (
          <p className="search-loading" role="status">
            {failed ? "The search index could not be loaded. Press Enter to search on the results page." : "Loading the index…"}
          </p>
        ) : null}
        {expanded && response && response.verdict !== "match" ? <VerdictNotice response={response} query={raw.trim()} variant="popup" popular={popular} /> : null}
        <ul id={listboxId} role="listbox" aria-label="Matching articles" className="search-options">
          {expanded && response
            ? hits.map((hit, i) => (
                <li key={hit.slug} id={`${listboxId}-${i}`} role="option" aria-selected={active === i} className="search-option" onClick={() => go(i)} onMouseEnter={() => setActive(i)}>
                  <span className="search-option-head">
                    <span className="search-option-title">
                      <Highlighted text={hit.title} matched={hit.matched} prefix={hit.prefix} />
                    </span>
                    <span className="search-platform">{hit.platformName}</span>
                  </span>
                  <code className="search-option-error">
                    <Highlighted text={hit.matchedPhrase ?? hit.error} matched={hit.matched} prefix={hit.prefix} />
                  </code>
                  {hit.cause ? (
                    <span className="search-option-cause">
                      Cause {hit.cause.n}: {hit.cause.title}
                    </span>
                  ) : null}
                </li>
              ))
            : null}
          {expanded && response ? (
            <li id={`${listboxId}-${hits.length}`} role="option" aria-selected={active === hits.length} className="search-option search-option-all" onClick={() => go(hits.length)} onMouseEnter={() => setActive(hits.length)}>
              All results on their own page
            </li>
          ) : null}
        </ul>
      </div>
      <p role="status" className="visually-hidden">
        {expanded && response
          ? response.verdict === "not-covered"
            ? `No article for this error${hits.length ? `, ${hits.length} close` : ""}`
            : `${hits.length} ${hits.length === 1 ? "article" : "articles"}${response.verdict === "ambiguous" ? ", the first two equally likely" : ""}`
          : ""}
      </p>
    </form>
  );
}
