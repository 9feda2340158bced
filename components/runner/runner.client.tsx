"use client";

// The editor's shell on an article: the highlighted example and an "Edit & run" button. The
// workbench (controls, Monaco) is a separate chunk loaded when a person reaches for it, or when
// they arrive through a share link. The runtime that runs the example (its worker, Pyodide) is
// fetched and booted ahead, in the background, so the first Run answers at once: once the article
// has loaded and the browser is idle, or as soon as the editor scrolls into view or "Edit & run"
// is hovered or focused. Never before the article itself has loaded, never on a page without an
// editor, and not while idle on a connection that asks to save data.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type ReactNode } from "react";
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

const loadWorkbench = () => import("./workbench.client");
const loadRuntime = () => import("@/lib/runner/browser/shared");

/** How long after the article's load event the browser may wait for an idle moment. */
const IDLE_TIMEOUT_MS = 3000;

type Connection = { saveData?: boolean; effectiveType?: string };

function savesData(): boolean {
  const connection = (navigator as Navigator & { connection?: Connection }).connection;
  return connection?.saveData === true || /(^|-)2g$/.test(connection?.effectiveType ?? "");
}

/**
 * Warms the runtime for `language` on the first of: idle after load (when `whenIdle`), the shell
 * in view after load, or `warm()` being called (hover, focus). The returned function is that `warm`.
 */
function useRuntimeWarmUp(language: Language, whenIdle: boolean, shell: React.RefObject<HTMLElement | null>): () => void {
  const warmRef = useRef<() => void>(() => {});
  useEffect(() => {
    let started = false;
    let cancelled = false;
    let release: (() => void) | undefined;
    const warm = () => {
      if (started) return;
      started = true;
      void loadRuntime().then((runtime) => {
        if (cancelled) return;
        release = runtime.holdSimulator();
        runtime.prepareRuntime(language);
      });
    };
    warmRef.current = warm;
    let idle: number | undefined;
    const view = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) warm();
    }, { rootMargin: "200px" });
    const onLoad = () => {
      if (shell.current) view.observe(shell.current);
      if (!whenIdle || savesData()) return;
      idle = typeof requestIdleCallback === "function" ? requestIdleCallback(warm, { timeout: IDLE_TIMEOUT_MS }) : window.setTimeout(warm, 1000);
    };
    if (document.readyState === "complete") onLoad();
    else window.addEventListener("load", onLoad, { once: true });
    return () => {
      cancelled = true;
      window.removeEventListener("load", onLoad);
      if (idle !== undefined) (typeof cancelIdleCallback === "function" ? cancelIdleCallback : clearTimeout)(idle);
      view.disconnect();
      release?.();
    };
  }, [language, whenIdle, shell]);
  return () => warmRef.current();
}

const Workbench = dynamic(() => loadWorkbench().then((m) => m.Workbench), {
  ssr: false,
  loading: () => <p className="editor-loading">Loading the editor…</p>,
});

export function Runner({ storageKey, examples, initial, platforms, preview }: RunnerProps) {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  const shell = useRef<HTMLDivElement>(null);
  // Without an example the person brings their own code, in a language not known yet.
  const warm = useRuntimeWarmUp(examples?.broken.language ?? platforms.find((p) => p.id === initial.platform)?.languages[0] ?? "python", examples !== null, shell);
  // Reaching for the button: the workbench's code too, so the click opens it without a wait.
  const reach = () => {
    warm();
    void loadWorkbench();
  };

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
    <div className="runner" data-state="idle" ref={shell}>
      <div className="runner-preview">
        {preview}
        <div className="runner-actions">
          <button type="button" className="button button-primary" onClick={() => setOpen(true)} onPointerEnter={reach} onFocus={reach}>
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
