"use client";

// The editor's shell on an article: the highlighted example and an "Edit & run" button. The
// workbench (controls, Monaco, the simulator) is a separate chunk loaded when a person reaches
// for it, or when they arrive through a share link; a reading visitor downloads none of it.
import dynamic from "next/dynamic";
import { useEffect, useState, type ReactNode } from "react";
import type { PlatformSummary } from "@/lib/runner/platforms";
import type { Language, ResponseRule } from "@/lib/runner/types";

export type PlatformOption = PlatformSummary;

export type Example = { code: string; language: Language; filename: string };

/** The article's settings for its example: what Reset brings back. */
export type RunnerInitial = {
  platform: string;
  timeout: number | null;
  event: string;
  latency: [string, number][];
  responses: ResponseRule[];
  model: string[];
  cost: [string, number][];
  handler: string;
  /** plan id, null for automatic */
  plan: string | null;
  /** KEY=VALUE lines */
  env: string;
  concurrency: number;
};

export type RunnerProps = {
  /** per-article key for local storage */
  storageKey: string;
  examples: { broken: Example; fixed: Example } | null;
  initial: RunnerInitial;
  platforms: PlatformOption[];
  /** the server-rendered, highlighted example shown until the editor opens */
  preview: ReactNode;
};

const Workbench = dynamic(() => import("./workbench.client").then((m) => m.Workbench), {
  ssr: false,
  loading: () => <p className="editor-loading">Loading the editor…</p>,
});

export function Runner({ storageKey, examples, initial, platforms, preview }: RunnerProps) {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");

  // A share link opens the editor (it restores the shared run without running it); edits kept
  // in this browser only earn a notice, so reading the article stays as it was.
  useEffect(() => {
    // A share link opened while the article is already open changes only the hash: no reload.
    const onHashChange = () => {
      if (window.location.hash.startsWith("#run=")) setOpen(true);
    };
    window.addEventListener("hashchange", onHashChange);
    const stopListening = () => window.removeEventListener("hashchange", onHashChange);
    if (window.location.hash.startsWith("#run=")) {
      setOpen(true);
      return stopListening;
    }
    try {
      if (localStorage.getItem(`deadline:editor:${storageKey}`)) {
        setNotice("Your edits from last time are kept in this browser: Edit & run opens them, Reset to example drops them.");
      }
    } catch {
      // Storage disabled: nothing was kept.
    }
    return stopListening;
  }, [storageKey]);

  if (open) return <Workbench storageKey={storageKey} examples={examples} initial={initial} platforms={platforms} />;

  return (
    <div className="runner" data-state="idle">
      <div className="runner-preview">
        {preview}
        <div className="runner-actions">
          <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
            Edit &amp; run
          </button>
          <span className="runner-hint">Runs in your browser on a simulated clock: {examples ? "the example" : "your handler"} is judged in well under a second, and your code never leaves this page.</span>
        </div>
      </div>
      <div className="runner-output" aria-live="polite" role="status" data-testid="verdict">
        {notice ? <p className="runner-notice">{notice}</p> : null}
      </div>
    </div>
  );
}
