"use client";

// The open editor: code, settings, world rules, Run/Stop/Share and the verdict. Loaded only when a
// person presses "Edit & run" (or opens a share link), so a reading visitor never downloads it.
import dynamic from "next/dynamic";
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import type { BrowserSimulator } from "@/lib/runner/browser/client";
import { holdSimulator, sharedSimulator } from "@/lib/runner/browser/shared";
import { encodeShare, encodeState, type EditorState } from "@/lib/runner/browser/share";
import { LIVE_OUTPUT } from "@/lib/runner/live-output";
import { jsonProblem } from "@/lib/json-problem";
import { parseEnvText } from "@/lib/runner/env";
import { detectLanguage, templateFor } from "@/lib/runner/templates";
import { resolveSummaryPlan, type PlanSummary } from "@/lib/runner/platforms/plans";
import { formatSeconds } from "@/lib/runner/timeline";
import type { Language, SimulationRequest } from "@/lib/runner/types";
import { formatAnswers } from "@/lib/runner/world/syntax";
import type { EditorMarks } from "./code-editor.client";
import { ComparePanel } from "./compare-panel.client";
import { RunDetails } from "./run-details";
import { resultOf, type Status } from "./run-status";
import { RunVerdict } from "./run-verdict";
import { EditorKeysHint } from "./editor-keys-hint";
import { markdownReport } from "./report";
import type { Example, PlatformOption, RunnerInitial } from "./runner.client";
import { useCompare } from "./use-compare";
import { useShareRestore, type RestoreSource } from "./use-share-restore";
import { worldFromRows, type WorldRows } from "./world-form";
import { WorldRowsFields } from "./world-rows.client";

// Monaco arrives after the workbench itself: the controls are usable while it loads.
const CodeEditor = dynamic(() => import("./code-editor.client").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <p className="editor-loading">Loading the editor…</p>,
});

const LANGUAGE_NAMES: Record<Language, string> = { python: "Python", javascript: "JavaScript", typescript: "TypeScript" };
const FILENAMES: Record<Language, string> = { python: "handler.py", javascript: "handler.js", typescript: "handler.ts" };

function limitText(p: PlanSummary): string {
  const d = p.defaultTimeout === null ? "none" : formatSeconds(p.defaultTimeout);
  const m = p.maxTimeout === null ? "none" : formatSeconds(p.maxTimeout);
  return `${p.clock === "cpu" ? "CPU time · " : ""}default ${d} · max ${m}`;
}

function eventProblemText(text: string): string | null {
  if (!text.trim()) return null;
  const problem = jsonProblem(text);
  return problem ? `Not valid JSON: ${problem.message} (line ${problem.line}, column ${problem.column})` : null;
}

export type WorkbenchProps = {
  storageKey: string;
  examples: { broken: Example; fixed: Example } | null;
  initial: RunnerInitial;
  platforms: PlatformOption[];
};

function initialRows(initial: RunnerInitial): WorldRows {
  return {
    latency: initial.latency.map(([h, s]) => [h, String(s)]),
    responses: initial.responses.map((rule) => ({ match: rule.match, answers: formatAnswers(rule.answers) })),
    model: initial.model.join(", "),
    cost: initial.cost.map(([p, s]) => [p, String(s)]),
  };
}

export function Workbench({ storageKey, examples, initial, platforms }: WorkbenchProps) {
  const ids = useId();
  const startCode = examples?.broken.code ?? templateFor(initial.platform, "python");
  const [code, setCode] = useState(startCode);
  const [language, setLanguage] = useState<Language>(examples?.broken.language ?? detectLanguage(startCode));
  // Set only when the person picks a language; until then it follows the code.
  const [languageChosen, setLanguageChosen] = useState(false);
  const [platformId, setPlatformId] = useState(initial.platform);
  const [timeoutText, setTimeoutText] = useState(initial.timeout === null ? "" : String(initial.timeout));
  const [eventText, setEventText] = useState(initial.event);
  const [rows, setRows] = useState<WorldRows>(() => initialRows(initial));
  const [handler, setHandler] = useState(initial.handler);
  const [plan, setPlan] = useState<string | null>(initial.plan);
  const [envText, setEnvText] = useState(initial.env);
  const [concurrencyText, setConcurrencyText] = useState(String(initial.concurrency));
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [reveal, setReveal] = useState<{ line: number; nonce: number } | null>(null);
  const [notice, setNotice] = useState("");
  // What the run in progress (or the last one, if it ended without a result) has written so far.
  const [live, setLive] = useState("");
  const simulator = useRef<BrowserSimulator | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const restored = useRef(false);
  const compare = useCompare({ storageKey, examples, platforms });

  const platform = platforms.find((p) => p.id === platformId);
  const storage = `deadline:editor:${storageKey}`;

  // Restore: a share link wins over what this browser kept (on opening and on a hashchange);
  // a damaged link is said to be so (use-share-restore.ts). Neither runs anything.
  const apply = (state: EditorState, from: RestoreSource) => {
    setCode(state.code);
    setLanguage(state.language);
    if (platforms.some((p) => p.id === state.platform)) setPlatformId(state.platform);
    setTimeoutText(state.timeout === null ? "" : String(state.timeout));
    setEventText(state.event);
    setRows({
      latency: state.latency.map(([h, s]) => [h, String(s)]),
      responses: state.responses,
      model: state.model,
      cost: state.cost.map(([p, s]) => [p, String(s)]),
    });
    setHandler(state.handler);
    setPlan(state.plan);
    setEnvText(state.env);
    setConcurrencyText(String(state.concurrency));
    if (from === "link") panel.current?.scrollIntoView({ block: "start" });
  };
  useShareRestore({ storage, apply, say: setNotice, onRestored: () => (restored.current = true) });

  const form = useMemo(() => worldFromRows(rows), [rows]);
  const state: EditorState = useMemo(
    () => ({
      code,
      language,
      platform: platformId,
      timeout: timeoutText.trim() === "" ? null : Number(timeoutText),
      event: eventText,
      latency: Object.entries(form.world.latency ?? {}),
      responses: rows.responses.filter((r) => r.match.trim() || r.answers.trim()),
      model: rows.model,
      cost: Object.entries(form.world.cost ?? {}),
      handler: handler.trim(),
      env: envText,
      concurrency: Number(concurrencyText) || 1,
      plan,
    }),
    [code, language, platformId, timeoutText, eventText, rows, form, handler, envText, concurrencyText, plan],
  );

  // Keep the person's work in this browser, per article.
  useEffect(() => {
    if (!restored.current) return;
    try {
      localStorage.setItem(storage, JSON.stringify(state));
    } catch {
      // Storage full or disabled: the work lasts for this page only.
    }
  }, [state, storage]);

  // The page's one simulator, which the article's shell may already have warmed up while the
  // person read; a language switched to is prepared too (after any run in progress, frame.ts).
  useEffect(() => holdSimulator(), []);
  useEffect(() => {
    simulator.current ??= sharedSimulator();
    simulator.current.prepare(language);
  }, [language]);

  const eventProblem = eventProblemText(eventText);
  const timeoutValue = state.timeout;
  // The same plan choice the run makes (lib/runner/platforms/plans.ts): a timeout another plan
  // allows switches to it with a note; one no plan allows is refused with the ranges.
  const planning = (() => {
    if (!platform) return { problem: "Choose a platform." } as const;
    if (timeoutValue !== null && (!Number.isFinite(timeoutValue) || timeoutValue <= 0)) return { problem: "Enter a positive number of seconds." } as const;
    // Celery and friends: the task's own options set the limit; with none there, the run says so.
    if (timeoutValue === null && platform.limitInCode && !plan) {
      const fallback = platform.plans.find((p) => p.id === platform.defaultPlan)!;
      return { plan: fallback, timeout: Number.NaN, note: `No timeout given: the limit comes from the code (${platform.limitInCode.replace(/`/g, "")}).` } as const;
    }
    try {
      return resolveSummaryPlan(platform, { ...(plan ? { plan } : {}), ...(timeoutValue !== null ? { timeout: timeoutValue } : {}) });
    } catch (error) {
      return { problem: (error as Error).message } as const;
    }
  })();
  const timeoutProblem = "problem" in planning ? planning.problem : null;
  const activePlan = "plan" in planning ? planning.plan : platform?.plans.find((p) => p.id === (plan ?? platform.defaultPlan));
  const worldProblem = form.problems[0]?.message ?? null;
  const envParsed = useMemo((): { env: Record<string, string>; problem: null } | { env: null; problem: string } => {
    try {
      return { env: parseEnvText(envText, "Environment"), problem: null };
    } catch (error) {
      return { env: null, problem: (error as Error).message };
    }
  }, [envText]);
  const envProblem = envParsed.problem;
  const languageProblem = platform && !platform.languages.includes(language) ? `${platform.name} does not run ${LANGUAGE_NAMES[language]}.` : null;
  // Servers that share workers between requests (lib/runner/prepare.ts CONCURRENT_PLATFORMS).
  const serves = language === "python" && (platformId === "gunicorn" || platformId === "heroku");
  const concurrency = Number(concurrencyText);
  const concurrencyProblem = serves && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 50) ? "Simultaneous requests: a whole number from 1 to 50." : null;
  const problem = timeoutProblem ?? eventProblem ?? worldProblem ?? envProblem ?? concurrencyProblem ?? languageProblem;

  const load = (next: Example | null) => {
    const nextLanguage = next?.language ?? language;
    const nextCode = next?.code ?? templateFor(platformId, nextLanguage);
    setCode(nextCode);
    setLanguage(nextLanguage);
    setLanguageChosen(false);
    setStatus({ kind: "idle" });
  };

  const onCodeChange = (next: string) => {
    setCode(next);
    if (!languageChosen) setLanguage(detectLanguage(next, language));
  };

  const run = useCallback(async () => {
    if (problem || status.kind === "running") return;
    simulator.current ??= sharedSimulator();
    const { world } = form;
    const request: SimulationRequest = {
      language,
      code,
      filename: examples && code === examples.broken.code ? examples.broken.filename : examples && code === examples.fixed.code ? examples.fixed.filename : FILENAMES[language],
      platform: platformId,
      ...(timeoutValue !== null ? { timeout: timeoutValue } : {}),
      event: eventText.trim() ? (JSON.parse(eventText) as unknown) : {},
      latency: world.latency ?? {},
      ...(world.responses ? { responses: world.responses } : {}),
      ...(world.model ? { model: world.model } : {}),
      ...(world.cost ? { cost: world.cost } : {}),
      ...(state.handler ? { handler: state.handler } : {}),
      ...(plan ? { plan } : {}),
      ...(serves && concurrency > 1 ? { concurrency } : {}),
      ...(envParsed.env && Object.keys(envParsed.env).length ? { env: envParsed.env } : {}),
      // The platform's log lines are stamped from the moment Run was pressed.
      startedAt: Date.now(),
    };
    // The link describes exactly the run it reports, whatever is edited afterwards. It is
    // encoded while the run goes on: a warm run takes a few tens of milliseconds.
    const link = encodeState(state).then((hash) => `${window.location.origin}${window.location.pathname}#${hash}`);
    setNotice("");
    setLive("");
    setStatus((shown) => ({ kind: "running", progress: null, previous: resultOf(shown) }));
    const outcome = await simulator.current.run(
      request,
      (progress) => setStatus((shown) => ({ kind: "running", progress, previous: resultOf(shown) })),
      // The page caps it too: the worker that sends it runs the person's code.
      (text) => setLive((shown) => (shown.length >= LIVE_OUTPUT.totalChars ? shown : (shown + text).slice(0, LIVE_OUTPUT.totalChars))),
    );
    compare.record(state, outcome);
    setStatus({ kind: "done", outcome, request, link: await link });
  }, [problem, status.kind, form, language, code, examples, platformId, timeoutValue, eventText, state, plan, envParsed, serves, concurrency, compare]);

  const stop = () => simulator.current?.stop();
  // "Run both" in the compare panel runs on the same simulator, one request after the other.
  const simulate = useCallback((request: SimulationRequest) => (simulator.current ??= sharedSimulator()).run(request), []);

  // Monaco re-applies its options and listeners whenever its props change, so it gets callbacks
  // that never change and reads the latest state through a ref; a Run then re-renders the
  // controls and the verdict, not the editor.
  const latest = useRef({ run, onCodeChange });
  latest.current = { run, onCodeChange };
  const editorRun = useCallback(() => void latest.current.run(), []);
  const editorChange = useCallback((next: string) => latest.current.onCodeChange(next), []);

  const share = async () => {
    const hash = await encodeShare({ state, compare: compare.linkPayload() });
    const url = `${window.location.origin}${window.location.pathname}#${hash}`;
    history.replaceState(null, "", `#${hash}`);
    try {
      await navigator.clipboard.writeText(url);
      setNotice("Share link copied. It holds the code and settings; nothing is stored on a server.");
    } catch {
      setNotice("Share link is in the address bar.");
    }
  };

  const copyMarkdown = async () => {
    const comparison = await compare.markdown();
    if (status.kind !== "done" && !comparison) return;
    const text = [status.kind === "done" ? markdownReport(status.request, status.outcome, platform, status.link) : null, comparison].filter(Boolean).join("\n\n---\n\n");
    try {
      await navigator.clipboard.writeText(text);
      setNotice("Copied as Markdown, ready for an issue tracker.");
    } catch {
      setNotice("The clipboard is not available here.");
    }
  };

  const applyArticleSettings = () => {
    setPlatformId(initial.platform);
    setTimeoutText(initial.timeout === null ? "" : String(initial.timeout));
    setEventText(initial.event);
    setRows(initialRows(initial));
    setHandler(initial.handler);
    setPlan(initial.plan);
    setEnvText(initial.env);
    setConcurrencyText(String(initial.concurrency));
  };

  const reset = () => {
    try {
      localStorage.removeItem(storage);
    } catch {}
    applyArticleSettings();
    load(examples?.broken ?? null);
    if (window.location.hash.startsWith("#run=")) history.replaceState(null, "", window.location.pathname);
    setNotice("Reset to the article's example.");
  };

  const result = status.kind === "done" ? resultOf(status) : null;
  // The verdict is painted first; the timeline and output (up to 150 rows) follow a frame later.
  // While a run goes, the last run's details stay, dimmed: the page does not collapse and grow
  // again on every Run, and a warm run's verdict does not wait for the page to take them down.
  // Until the deferred render catches up they are also the last run's, marked so, and the panel
  // says its details are pending (data-details-pending, which tests wait on before reading them).
  const shown = resultOf(status);
  const details = useDeferredValue(shown);
  const detailsPending = details !== shown;
  const staleDetails = status.kind === "running" || detailsPending;
  const marks: EditorMarks = useMemo(
    () => ({
      deadlineLine: result?.verdict === "timeout" ? result.line : null,
      error: result?.verdict === "error" && result.error?.line ? { line: result.error.line, message: `${result.error.type}: ${result.error.message}` } : null,
    }),
    [result],
  );
  const showLine = useCallback((line: number) => setReveal({ line, nonce: Date.now() }), []);

  return (
    <div
      className="runner"
      ref={panel}
      data-state={status.kind}
      data-details-pending={detailsPending || undefined}
      onKeyDown={(event) => {
        if ((event.metaKey || event.ctrlKey) && event.key === "Enter") {
          event.preventDefault();
          void run();
        }
      }}
    >
      <div className="runner-workbench">
        <div className="runner-toolbar" role="group" aria-label="Code">
          {examples ? (
            <>
              <button type="button" className="button" onClick={() => load(examples.broken)}>
                Broken example
              </button>
              <button type="button" className="button" onClick={() => load(examples.fixed)}>
                Fixed example
              </button>
            </>
          ) : null}
          <button type="button" className="button" onClick={() => load(null)}>
            Your own handler
          </button>
          <label className="inline-field">
            <span>Language</span>
            <select
              value={language}
              onChange={(e) => {
                setLanguage(e.target.value as Language);
                setLanguageChosen(true);
              }}
            >
              {(Object.keys(LANGUAGE_NAMES) as Language[]).map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button-quiet" onClick={reset}>
            Reset to example
          </button>
        </div>
        <CodeEditor value={code} language={language} onChange={editorChange} onRun={editorRun} marks={marks} reveal={reveal} label={`${LANGUAGE_NAMES[language]} handler`} describedBy={`${ids}-keys`} />
        <EditorKeysHint id={`${ids}-keys`} />
        <div className="runner-controls">
          <label className="field">
            <span>Platform</span>
            <select
              value={platformId}
              onChange={(e) => {
                setPlatformId(e.target.value);
                setPlan(null);
              }}
              aria-describedby={`${ids}-limits`}
            >
              {platforms.map((p) => (
                <option key={p.id} value={p.id} disabled={!p.languages.includes(language)}>
                  {p.name}
                </option>
              ))}
            </select>
            {activePlan ? (
              <small id={`${ids}-limits`} className="field-note">
                {limitText(activePlan)}
              </small>
            ) : null}
          </label>
          {platform && platform.plans.length > 1 ? (
            <label className="field">
              <span>Plan</span>
              <select value={plan ?? ""} onChange={(e) => setPlan(e.target.value || null)} aria-describedby={`${ids}-plan-note`}>
                <option value="">Automatic (from the timeout)</option>
                {platform.plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.default ? " (default)" : ""}
                  </option>
                ))}
              </select>
              <small id={`${ids}-plan-note`} className="field-note">
                {"note" in planning && planning.note ? planning.note : activePlan?.note || `Runs on ${activePlan?.name ?? "the default plan"}.`}
              </small>
            </label>
          ) : null}
          <label className="field">
            <span>Timeout (seconds{activePlan?.clock === "cpu" ? " of CPU" : ""})</span>
            <input
              type="number"
              inputMode="decimal"
              step="any"
              min={activePlan?.minTimeout}
              placeholder={activePlan?.defaultTimeout != null ? `default ${activePlan.defaultTimeout}` : platform?.limitInCode ? "from the code" : "required"}
              value={timeoutText}
              onChange={(e) => setTimeoutText(e.target.value)}
              aria-invalid={timeoutProblem ? true : undefined}
              aria-describedby={timeoutProblem ? `${ids}-timeout-error` : undefined}
            />
            {timeoutProblem ? (
              <small id={`${ids}-timeout-error`} className="field-error" role="alert">
                {timeoutProblem}
              </small>
            ) : null}
          </label>
          {serves ? (
            <label className="field">
              <span>Simultaneous requests</span>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={50}
                step={1}
                value={concurrencyText}
                onChange={(e) => setConcurrencyText(e.target.value)}
                aria-invalid={concurrencyProblem ? true : undefined}
                aria-describedby={`${ids}-concurrency-note`}
              />
              <small id={`${ids}-concurrency-note`} className={concurrencyProblem ? "field-error" : "field-note"}>
                {concurrencyProblem ?? "Requests arriving together share the server's workers and queue for them."}
              </small>
            </label>
          ) : null}
          <label className="field">
            <span>Handler (entry point)</span>
            <input value={handler} placeholder="found automatically" spellCheck={false} onChange={(e) => setHandler(e.target.value)} aria-describedby={`${ids}-handler-note`} />
            <small id={`${ids}-handler-note`} className="field-note">
              The function your deploy config names, when the file has several.
            </small>
          </label>
          <label className="field field-wide">
            <span>Event (JSON the handler receives)</span>
            <textarea
              rows={3}
              spellCheck={false}
              value={eventText}
              onChange={(e) => setEventText(e.target.value)}
              aria-invalid={eventProblem ? true : undefined}
              aria-describedby={eventProblem ? `${ids}-event-error` : undefined}
            />
            {eventProblem ? (
              <small id={`${ids}-event-error`} className="field-error" role="alert">
                {eventProblem}
              </small>
            ) : null}
          </label>
          <label className="field field-wide">
            <span>Environment (KEY=value, one per line)</span>
            <textarea
              rows={2}
              spellCheck={false}
              value={envText}
              placeholder="OPENAI_API_KEY=sk-..."
              onChange={(e) => setEnvText(e.target.value)}
              aria-invalid={envProblem ? true : undefined}
              aria-describedby={`${ids}-env-note`}
            />
            <small id={`${ids}-env-note`} className={envProblem ? "field-error" : "field-note"}>
              {envProblem ?? "Secrets and settings the deployed function would have, besides the variables its host sets itself. They stay in this page."}
            </small>
          </label>
          <WorldRowsFields rows={rows} onChange={setRows} problems={form.problems} idPrefix={ids} />
        </div>
        <div className="runner-run">
          <button type="button" className="button button-primary" onClick={() => void run()} disabled={!!problem || status.kind === "running"} aria-keyshortcuts="Control+Enter Meta+Enter">
            Run <kbd>Ctrl/⌘ Enter</kbd>
          </button>
          <button type="button" className="button" onClick={stop} disabled={status.kind !== "running"}>
            Stop
          </button>
          <button type="button" className="button button-quiet" onClick={() => void share()}>
            Share
          </button>
          <button type="button" className="button button-quiet" onClick={() => void copyMarkdown()} disabled={status.kind !== "done" && !compare.open}>
            Copy as Markdown
          </button>
          {problem ? <span className="field-error">{problem}</span> : null}
        </div>
      </div>

      <RunVerdict status={status} platform={platform} notice={notice} live={live} />

      {details ? (
        <div className="runner-details-frame" data-stale={staleDetails || undefined} aria-busy={staleDetails || undefined}>
          <RunDetails details={details} platformName={platform?.name} countsInit={platform?.countsInit ?? true} showLine={showLine} />
        </div>
      ) : null}
      <ComparePanel
        compare={compare}
        examples={examples}
        initial={initial}
        simulate={simulate}
        busy={status.kind === "running"}
        onApplySettings={() => {
          applyArticleSettings();
          setNotice("The fixed example's settings are in the editor; your code is unchanged.");
        }}
      />
    </div>
  );
}
