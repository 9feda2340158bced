"use client";

// Where the editor's state comes from when it opens, and when the address changes under it: a
// share link in the hash wins over what this browser kept; a hash that starts like a share link
// but cannot be read is said to be damaged, and nothing is overwritten because of it (the kept
// edits load and stay stored, the link stays in the address bar to be looked at). Neither runs
// anything. Opening another share link while the article is open (a hashchange, no reload)
// restores it the same way.
import { useEffect, useRef } from "react";
import { readShareLink, WORLD_DEFAULTS, type EditorState } from "@/lib/runner/browser/share";

export type RestoreSource = "link" | "kept";

export type ShareRestoreOptions = {
  /** the localStorage key the editor keeps its state under */
  storage: string;
  /** puts a state into the editor */
  apply: (state: EditorState, from: RestoreSource) => void;
  /** a sentence for the panel's notice line */
  say: (notice: string) => void;
  /** called once the first restore is done (the editor may start saving after it) */
  onRestored: () => void;
};

function keptState(storage: string): EditorState | null {
  try {
    const kept = localStorage.getItem(storage);
    return kept ? { ...WORLD_DEFAULTS, ...(JSON.parse(kept) as EditorState) } : null;
  } catch {
    return null;
  }
}

const INSTEAD = {
  kept: "Your own edits from last time are shown instead; they are still saved in this browser",
  example: "The article's example is shown instead",
  unchanged: "What you had in the editor stays as it was",
} as const;

/** What the panel says about a link it could not open, and what it shows instead. */
export function damagedNotice(problem: string, shown: keyof typeof INSTEAD): string {
  return `This share link is damaged and could not be opened: ${problem}. ${INSTEAD[shown]}, and the link is left in the address bar. Ask whoever sent it for a fresh copy.`;
}

export function useShareRestore({ storage, apply, say, onRestored }: ShareRestoreOptions): void {
  // The latest callbacks, so the listeners below are added once per storage key.
  const latest = useRef({ apply, say, onRestored });
  latest.current = { apply, say, onRestored };

  useEffect(() => {
    let cancelled = false;
    // Each read waits on decompression; only the newest one may apply what it found.
    let generation = 0;

    const restore = async (first: boolean) => {
      const mine = ++generation;
      const link = await readShareLink(window.location.hash);
      if (cancelled || mine !== generation) return;
      const { apply, say, onRestored } = latest.current;
      if (link.kind === "shared") {
        apply(link.state, "link");
        say("Restored from a share link. Press Run to simulate it.");
      } else if (first) {
        const kept = keptState(storage);
        if (kept) apply(kept, "kept");
        if (link.kind === "damaged") say(damagedNotice(link.problem, kept ? "kept" : "example"));
      } else if (link.kind === "damaged") {
        say(damagedNotice(link.problem, "unchanged"));
      }
      if (first) onRestored();
    };

    void restore(true);
    const onHashChange = () => void restore(false);
    window.addEventListener("hashchange", onHashChange);
    return () => {
      cancelled = true;
      window.removeEventListener("hashchange", onHashChange);
    };
  }, [storage]);
}
