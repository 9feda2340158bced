"use client";

// The editor's memory of this tab's runs and the comparison open between two of them. Runs live
// in memory and in sessionStorage (per article, gone with the tab, never sent anywhere); what a
// comparison says is computed by lib/runner/compare from them.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { RunOutcome } from "@/lib/runner/browser/client";
import { decodeShare, encodeShare, parseEditorState, type EditorState, type SharedComparison } from "@/lib/runner/browser/share";
import { addRun, comparedRun, keepResult, parseRuns, runNames, type KeptRun } from "@/lib/runner/compare/history";
import { comparisonMarkdown } from "@/lib/runner/compare/markdown";
import { compareRuns, type Comparison } from "@/lib/runner/compare/summary";
import { resolveSummaryPlan } from "@/lib/runner/platforms/plans";
import type { Example, PlatformOption } from "./runner.client";

export type OpenComparison = { a: KeptRun; b: KeptRun; comparison: Comparison };

export type CompareState = {
  runs: KeptRun[];
  /** keeps a judged run (others have nothing to compare) and returns it */
  record: (state: EditorState, outcome: RunOutcome, label?: string) => KeptRun | null;
  open: OpenComparison | null;
  show: (a: KeptRun, b: KeptRun) => void;
  close: () => void;
  /** a comparison that arrived in a share link and has not been run here yet */
  shared: SharedComparison | null;
  dismissShared: () => void;
  /** what Share puts in the link: the open comparison, else the shared one still waiting */
  linkPayload: () => SharedComparison | null;
  /** the open comparison as Markdown, with a link that reopens it; null when none is open */
  markdown: () => Promise<string | null>;
};

function planName(platform: PlatformOption | undefined, state: EditorState): string | null {
  if (!platform || platform.plans.length < 2) return null;
  try {
    return resolveSummaryPlan(platform, { ...(state.plan ? { plan: state.plan } : {}), ...(state.timeout !== null ? { timeout: state.timeout } : {}) }).plan.name;
  } catch {
    return null;
  }
}

export function useCompare({ storageKey, examples, platforms }: { storageKey: string; examples: { broken: Example; fixed: Example } | null; platforms: PlatformOption[] }): CompareState {
  const key = `deadline:runs:${storageKey}`;
  const [runs, setRuns] = useState<KeptRun[]>([]);
  const latest = useRef<KeptRun[]>([]);
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [shared, setShared] = useState<SharedComparison | null>(null);

  useEffect(() => {
    let kept: KeptRun[] = [];
    try {
      kept = parseRuns(sessionStorage.getItem(key), parseEditorState);
    } catch {
      // Storage disabled: runs last as long as the page.
    }
    latest.current = kept;
    setRuns(kept);
    let cancelled = false;
    void decodeShare(window.location.hash).then((link) => {
      if (!cancelled && link?.compare) setShared(link.compare);
    });
    return () => {
      cancelled = true;
    };
  }, [key]);

  const record = useCallback(
    (state: EditorState, outcome: RunOutcome, label?: string): KeptRun | null => {
      if (outcome.kind !== "result") return null;
      const platform = platforms.find((p) => p.id === state.platform);
      const name = label ?? (examples && state.code === examples.broken.code ? "broken" : examples && state.code === examples.fixed.code ? "fixed" : "your code");
      const next = addRun(latest.current, {
        label: name,
        state,
        result: keepResult(outcome.result),
        platformName: platform?.name ?? state.platform,
        planName: planName(platform, state),
        countsInit: platform?.countsInit ?? true,
        clock: platform?.clock ?? "wall",
      });
      latest.current = next;
      setRuns(next);
      try {
        sessionStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Full (a very long handler ten times over) or disabled: the runs stay in memory.
      }
      return next[0]!;
    },
    [examples, platforms, key],
  );

  const open = useMemo((): OpenComparison | null => {
    if (!pair) return null;
    const a = runs.find((r) => r.seq === pair[0]);
    const b = runs.find((r) => r.seq === pair[1]);
    if (!a || !b) return null;
    const [na, nb] = runNames(a, b);
    return { a, b, comparison: compareRuns(comparedRun(a, na), comparedRun(b, nb)) };
  }, [pair, runs]);

  const show = useCallback((a: KeptRun, b: KeptRun) => {
    setPair([a.seq, b.seq]);
    setShared(null);
  }, []);
  const close = useCallback(() => setPair(null), []);
  const dismissShared = useCallback(() => setShared(null), []);

  const linkPayload = useCallback((): SharedComparison | null => {
    if (open) return { runs: [{ label: open.a.label, state: open.a.state }, { label: open.b.label, state: open.b.state }] };
    return shared;
  }, [open, shared]);

  const markdown = useCallback(async (): Promise<string | null> => {
    if (!open) return null;
    const compare = linkPayload();
    const link = `${window.location.origin}${window.location.pathname}#${await encodeShare({ state: open.b.state, compare })}`;
    const [na, nb] = open.comparison.names;
    return comparisonMarkdown(open.comparison, comparedRun(open.a, na), comparedRun(open.b, nb), link);
  }, [open, linkPayload]);

  return { runs, record, open, show, close, shared, dismissShared, linkPayload, markdown };
}
