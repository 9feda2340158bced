"use client";

// "Compare runs" under the editor: pick two of this tab's runs (or run the article's broken and
// fixed examples, or the two runs of a shared comparison) and see them on one time axis.
import { useEffect, useId, useRef, useState } from "react";
import type { RunOutcome } from "@/lib/runner/browser/client";
import type { EditorState } from "@/lib/runner/browser/share";
import { runTitle, type KeptRun } from "@/lib/runner/compare/history";
import { requestFromState } from "@/lib/runner/compare/request";
import type { SimulationRequest } from "@/lib/runner/types";
import { formatAnswers } from "@/lib/runner/world/syntax";
import { CompareView } from "./compare-view";
import type { Example, RunnerInitial } from "./runner.client";
import type { CompareState } from "./use-compare";
import "./compare.css";

/** The article's settings with one of its examples: what the article itself runs. */
export function articleState(initial: RunnerInitial, example: Example): EditorState {
  return {
    code: example.code,
    language: example.language,
    platform: initial.platform,
    timeout: initial.timeout,
    event: initial.event,
    latency: initial.latency,
    responses: initial.responses.map((rule) => ({ match: rule.match, answers: formatAnswers(rule.answers) })),
    model: initial.model.join(", "),
    cost: initial.cost,
    handler: initial.handler,
    env: initial.env,
    concurrency: initial.concurrency,
    plan: initial.plan,
  };
}

const NOT_JUDGED: Record<Exclude<RunOutcome["kind"], "result">, string> = {
  stopped: "was stopped",
  killed: "was stopped by the simulator (another run replaced it, or it did not answer in time)",
  invalid: "returned an invalid result",
  lost: "crashed the simulator's sandbox",
  failure: "could not be run",
};

export type ComparePanelProps = {
  compare: CompareState;
  examples: { broken: Example; fixed: Example } | null;
  initial: RunnerInitial;
  /** runs one request on the editor's simulator */
  simulate: (request: SimulationRequest) => Promise<RunOutcome>;
  /** the editor's own run is in progress */
  busy: boolean;
  /** sets the editor's settings to the article's (the fixed example's), keeping the code */
  onApplySettings: () => void;
};

export function ComparePanel({ compare, examples, initial, simulate, busy, onApplySettings }: ComparePanelProps) {
  const ids = useId();
  const { runs, open, shared } = compare;
  const [first, setFirst] = useState<number | null>(null);
  const [second, setSecond] = useState<number | null>(null);
  const [progress, setProgress] = useState("");
  const [problem, setProblem] = useState("");
  const view = useRef<HTMLHeadingElement>(null);

  // Defaults: broken against fixed when both were run, else the two latest, older first.
  const byLabel = (label: string) => runs.find((r) => r.label === label);
  const defaultA = byLabel("broken") && byLabel("fixed") ? byLabel("broken") : runs[1];
  const defaultB = byLabel("broken") && byLabel("fixed") ? byLabel("fixed") : runs[0];
  const pickA = runs.find((r) => r.seq === first) ?? defaultA;
  const pickB = runs.find((r) => r.seq === second) ?? defaultB;

  useEffect(() => {
    if (open) view.current?.scrollIntoView({ block: "nearest" });
  }, [open]);

  const pending: { label: string; state: EditorState; filename?: string }[] | null = shared
    ? shared.runs.map((r) => ({ label: r.label, state: r.state }))
    : examples
      ? [
          { label: "broken", state: articleState(initial, examples.broken), filename: examples.broken.filename },
          { label: "fixed", state: articleState(initial, examples.fixed), filename: examples.fixed.filename },
        ]
      : null;

  const runBoth = async () => {
    if (!pending || progress) return;
    setProblem("");
    const done: KeptRun[] = [];
    for (const [i, item] of pending.entries()) {
      setProgress(`Running ${item.label} (${i + 1} of 2)…`);
      let request: SimulationRequest;
      try {
        request = requestFromState(item.state, item.filename ?? (examples && item.state.code === examples.broken.code ? examples.broken.filename : examples && item.state.code === examples.fixed.code ? examples.fixed.filename : undefined));
      } catch (error) {
        setProgress("");
        setProblem(`${item.label} cannot run: ${(error as Error).message}`);
        return;
      }
      const outcome = await simulate(request);
      const kept = compare.record(item.state, outcome, item.label);
      if (!kept) {
        setProgress("");
        setProblem(`Not compared: ${item.label} ${outcome.kind === "result" ? "" : NOT_JUDGED[outcome.kind]}${outcome.kind === "failure" ? ` (${outcome.message})` : ""}.`);
        return;
      }
      done.push(kept);
    }
    setProgress("");
    compare.show(done[0]!, done[1]!);
  };

  const canPick = runs.length >= 2;
  const same = pickA && pickB && pickA.seq === pickB.seq;

  return (
    <section className="compare-panel" aria-labelledby={`${ids}-title`}>
      <h4 id={`${ids}-title`} ref={view}>
        Compare runs
        {open ? (
          <span className="compare-title-names">
            : {open.comparison.names[0]} against {open.comparison.names[1]}
          </span>
        ) : null}
      </h4>
      {shared ? (
        <p className="runner-notice" data-testid="compare-shared">
          This link holds a comparison: <strong>{shared.runs[0].label}</strong> against <strong>{shared.runs[1].label}</strong>. Run both to see it, judged here in your browser.
        </p>
      ) : null}
      <div className="compare-controls">
        {pending ? (
          <button type="button" className="button" onClick={() => void runBoth()} disabled={busy || !!progress} aria-describedby={`${ids}-both`}>
            {/* The name must not start with "Run": every journey finds the editor's Run button as /^Run/. */}
            <span className="visually-hidden">Compare: </span>Run both
          </button>
        ) : null}
        {examples ? (
          <button type="button" className="button button-quiet" onClick={onApplySettings} disabled={busy || !!progress} aria-describedby={`${ids}-apply`}>
            Apply the fixed example&apos;s settings
          </button>
        ) : null}
        {shared ? (
          <button type="button" className="button button-quiet" onClick={compare.dismissShared}>
            Dismiss the shared comparison
          </button>
        ) : null}
      </div>
      {pending ? (
        <p className="field-note" id={`${ids}-both`}>
          Run both runs {pending[0]!.label} and {pending[1]!.label} {shared ? "with the settings in the link" : "with the article's settings"}, then compares them.
          {examples ? <span id={`${ids}-apply`}> Apply the fixed example&apos;s settings puts the article&apos;s platform, timeout, event and world rules in the editor and keeps your code.</span> : null}
        </p>
      ) : null}
      {canPick ? (
        <div className="compare-pick" role="group" aria-label="Runs to compare">
          <label className="field">
            <span>First run</span>
            <select value={pickA?.seq ?? ""} onChange={(e) => setFirst(Number(e.target.value))}>
              {runs.map((r) => (
                <option key={r.seq} value={r.seq}>
                  {runTitle(r)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Second run</span>
            <select value={pickB?.seq ?? ""} onChange={(e) => setSecond(Number(e.target.value))}>
              {runs.map((r) => (
                <option key={r.seq} value={r.seq}>
                  {runTitle(r)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button-primary" disabled={!pickA || !pickB || !!same} onClick={() => pickA && pickB && compare.show(pickA, pickB)}>
            Compare
          </button>
          {open ? (
            <button type="button" className="button button-quiet" onClick={compare.close}>
              Close comparison
            </button>
          ) : null}
        </div>
      ) : (
        <p className="field-note">
          Each run is kept for this tab (the last 10, in this browser only). {runs.length === 1 ? "One more run and you can compare the two." : "Run twice, or Run both, to compare."}
        </p>
      )}
      <div role="status" aria-live="polite">
        {progress ? <p className="verdict-running">{progress}</p> : null}
        {problem ? <p className="field-error">{problem}</p> : null}
      </div>
      {open ? <CompareView comparison={open.comparison} a={open.a} b={open.b} headingId={`${ids}-title`} /> : null}
    </section>
  );
}
