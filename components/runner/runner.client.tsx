"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { createBrowserSimulator, type BrowserSimulator, type RunOutcome, type RunProgress } from "@/lib/runner/browser/client";
import { decodeState, encodeState, type EditorState } from "@/lib/runner/browser/share";
import { jsonProblem } from "@/lib/json-problem";
import { detectLanguage, templateFor } from "@/lib/runner/templates";
import { formatSeconds } from "@/lib/runner/timeline";
import type { PlatformSummary } from "@/lib/runner/platforms";
import type { Language, SimulationRequest } from "@/lib/runner/types";
import type { EditorMarks } from "./code-editor.client";
import { TimelineView } from "./timeline-view";

// Monaco arrives only when a person reaches for the editor; until then the static preview stays.
const CodeEditor = dynamic(() => import("./code-editor.client").then((m) => m.CodeEditor), {
  ssr: false,
  loading: () => <p className="editor-loading">Loading the editor…</p>,
});

export type PlatformOption = PlatformSummary;

export type Example = { code: string; language: Language; filename: string };

export type RunnerProps = {
  /** per-article key for local storage */
  storageKey: string;
  examples: { broken: Example; fixed: Example } | null;
  initial: { platform: string; timeout: number | null; event: string; latency: [string, number][] };
  platforms: PlatformOption[];
  /** the server-rendered, highlighted example shown until the editor opens */
  preview: ReactNode;
};

const LANGUAGE_NAMES: Record<Language, string> = { python: "Python", javascript: "JavaScript", typescript: "TypeScript" };
const FILENAMES: Record<Language, string> = { python: "handler.py", javascript: "handler.js", typescript: "handler.ts" };

function limitText(p: PlatformOption): string {
  const d = p.defaultTimeout === null ? "none" : formatSeconds(p.defaultTimeout);
  const m = p.maxTimeout === null ? "none" : formatSeconds(p.maxTimeout);
  return `${p.clock === "cpu" ? "CPU time · " : ""}default ${d} · max ${m}`;
}

function eventProblemText(text: string): string | null {
  if (!text.trim()) return null;
  const problem = jsonProblem(text);
  return problem ? `Not valid JSON: ${problem.message} (line ${problem.line}, column ${problem.column})` : null;
}

type Status =
  | { kind: "idle" }
  | { kind: "running"; progress: RunProgress | null }
  | { kind: "done"; outcome: RunOutcome; request: SimulationRequest };

/** "1 MB" for a limit in characters (one byte each for the ASCII a log is mostly made of). */
function sizeText(chars: number): string {
  return chars >= 1_000_000 ? `${Math.round(chars / 100_000) / 10} MB` : `${Math.round(chars / 1000)} KB`;
}

function verdictSentence(outcome: RunOutcome, platform: PlatformOption | undefined): { tone: "ok" | "bad" | "neutral"; text: string; detail?: string } {
  const name = platform?.name ?? "the platform";
  if (outcome.kind === "stopped") return { tone: "neutral", text: "Stopped. Nothing was judged." };
  if (outcome.kind === "killed") return { tone: "bad", text: "Stopped automatically. Nothing was judged.", detail: `The simulator ended this run: ${outcome.reason}.` };
  if (outcome.kind === "invalid") {
    return { tone: "bad", text: "The simulator returned an invalid result.", detail: "The code under test may have changed the simulator's own objects, which share its sandbox. Nothing was judged; Run works as before." };
  }
  if (outcome.kind === "lost") {
    return {
      tone: "bad",
      text: "The simulator's sandbox crashed and was restarted. Nothing was judged.",
      detail: "Its process stopped answering, most likely because it ran out of memory (an allocation that never stops). The next run gets a fresh sandbox.",
    };
  }
  if (outcome.kind === "failure") return { tone: "bad", text: "The simulator could not run this.", detail: outcome.message };
  const r = outcome.result;
  const at = r.line ? ` at line ${r.line}` : "";
  const runaway = r.runaway === true;
  const cut = [
    r.truncated?.stdout !== undefined ? `output truncated at ${sizeText(r.truncated.stdout)}` : null,
    r.truncated?.result !== undefined ? `return value truncated at ${sizeText(r.truncated.result)}` : null,
  ].filter((part): part is string => part !== null);
  const truncation = cut.length ? { detail: `The simulator kept the start: ${cut.join(", ")}.` } : {};
  if (r.verdict === "ok") {
    return { tone: "ok", text: `Finished in ${formatSeconds(r.elapsedSeconds)}${platform?.clock === "cpu" ? " of CPU" : ""} of a ${formatSeconds(r.deadlineSeconds)} limit.`, ...truncation };
  }
  if (r.verdict === "timeout") {
    const text =
      platform?.clock === "cpu"
        ? `Exceeded the ${formatSeconds(r.deadlineSeconds)} CPU limit${at}. ${name} stops this handler.`
        : `Timed out at ${formatSeconds(r.elapsedSeconds)}${at}. ${name} stops this handler.`;
    return {
      tone: "bad",
      text,
      ...truncation,
      ...(runaway ? { detail: "Stopped automatically: the code kept the CPU busy for seconds of real time without waiting, so on the platform it would run into the deadline." } : {}),
    };
  }
  const e = r.error;
  // Python's MemoryError, V8's failed allocations: say it plainly, it is what happened.
  const memory = e !== null && (e.type === "MemoryError" || /allocation failed|out of memory|Invalid (array|string|typed array) length/i.test(e.message));
  return {
    tone: "bad",
    text: `${memory ? "Ran out of memory" : "Failed"}${e?.line ? ` at line ${e.line}` : at} after ${formatSeconds(r.elapsedSeconds)}: ${e ? `${e.type}: ${e.message.split("\n")[0]}` : "error"}`,
    ...truncation,
  };
}

function markdownReport(request: SimulationRequest, outcome: RunOutcome, platform: PlatformOption | undefined, link: string): string {
  const fence = request.code.includes("```") ? "````" : "```";
  const lang = { python: "python", javascript: "js", typescript: "ts" }[request.language];
  const verdict = verdictSentence(outcome, platform);
  const lines = [
    `**Deadline simulation** on ${platform?.name ?? request.platform}, ${request.timeout !== undefined ? `${request.timeout} s` : "default"} limit`,
    "",
    `${fence}${lang}`,
    request.code.replace(/\n$/, ""),
    fence,
    "",
  ];
  if (request.event !== undefined && JSON.stringify(request.event) !== "{}") lines.push(`Event: \`${JSON.stringify(request.event)}\``, "");
  const latency = Object.entries(request.latency ?? {});
  if (latency.length) lines.push(`Latency: ${latency.map(([h, s]) => `\`${h}\` ${s} s`).join(", ")}`, "");
  lines.push(`**Verdict:** ${verdict.text}`);
  if (outcome.kind === "result" && outcome.result.platformMessage) lines.push("", "```text", outcome.result.platformMessage, "```");
  lines.push("", `[Open this run in Deadline](${link})`);
  return lines.join("\n");
}

export function Runner({ storageKey, examples, initial, platforms, preview }: RunnerProps) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const startCode = examples?.broken.code ?? templateFor(initial.platform, "python");
  const [code, setCode] = useState(startCode);
  const [language, setLanguage] = useState<Language>(examples?.broken.language ?? detectLanguage(startCode));
  // Set only when the person picks a language; until then it follows the code.
  const [languageChosen, setLanguageChosen] = useState(false);
  const [platformId, setPlatformId] = useState(initial.platform);
  const [timeoutText, setTimeoutText] = useState(initial.timeout === null ? "" : String(initial.timeout));
  const [eventText, setEventText] = useState(initial.event);
  const [latency, setLatency] = useState<[string, string][]>(initial.latency.map(([h, s]) => [h, String(s)]));
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [reveal, setReveal] = useState<{ line: number; nonce: number } | null>(null);
  const [notice, setNotice] = useState("");
  const simulator = useRef<BrowserSimulator | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const restored = useRef(false);

  const platform = platforms.find((p) => p.id === platformId);
  const storage = `deadline:editor:${storageKey}`;

  // Restore: a share link wins over what this browser kept; neither runs anything.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const shared = await decodeState(window.location.hash);
      let state: EditorState | null = shared;
      if (!state) {
        try {
          const kept = localStorage.getItem(storage);
          state = kept ? (JSON.parse(kept) as EditorState) : null;
        } catch {
          state = null;
        }
      }
      if (cancelled || !state) {
        restored.current = true;
        return;
      }
      setCode(state.code);
      setLanguage(state.language);
      if (platforms.some((p) => p.id === state.platform)) setPlatformId(state.platform);
      setTimeoutText(state.timeout === null ? "" : String(state.timeout));
      setEventText(state.event);
      setLatency(state.latency.map(([h, s]) => [h, String(s)]));
      restored.current = true;
      if (!shared) setNotice("Your edits from last time are kept in this browser: Edit & run opens them, Reset to example drops them.");
      if (shared) {
        setOpen(true);
        setNotice("Restored from a share link. Press Run to simulate it.");
        panel.current?.scrollIntoView({ block: "start" });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [storage, platforms]);

  const state: EditorState = useMemo(
    () => ({
      code,
      language,
      platform: platformId,
      timeout: timeoutText.trim() === "" ? null : Number(timeoutText),
      event: eventText,
      latency: latency.filter(([h]) => h.trim()).map(([h, s]) => [h.trim(), Number(s)] as [string, number]),
    }),
    [code, language, platformId, timeoutText, eventText, latency],
  );

  // Keep the person's work in this browser, per article (only once they have opened the editor).
  useEffect(() => {
    if (!open || !restored.current) return;
    try {
      localStorage.setItem(storage, JSON.stringify(state));
    } catch {
      // Storage full or disabled: the work lasts for this page only.
    }
  }, [open, state, storage]);

  useEffect(() => () => simulator.current?.dispose(), []);

  const eventProblem = eventProblemText(eventText);
  const timeoutValue = state.timeout;
  const timeoutProblem = (() => {
    if (!platform) return "Choose a platform.";
    if (timeoutValue === null) return platform.defaultTimeout === null ? `${platform.name} has no default limit: enter one.` : null;
    if (!Number.isFinite(timeoutValue) || timeoutValue <= 0) return "Enter a positive number of seconds.";
    if (timeoutValue < platform.minTimeout) return `${platform.name} accepts at least ${formatSeconds(platform.minTimeout)}.`;
    if (platform.maxTimeout !== null && timeoutValue > platform.maxTimeout) return `${platform.name} allows at most ${formatSeconds(platform.maxTimeout)}.`;
    return null;
  })();
  const latencyProblem = latency.some(([h, s]) => h.trim() && !(Number(s) >= 0 && s.trim() !== "")) ? "Each host needs a latency of 0 seconds or more." : null;
  const languageProblem = platform && !platform.languages.includes(language) ? `${platform.name} does not run ${LANGUAGE_NAMES[language]}.` : null;
  const problem = timeoutProblem ?? eventProblem ?? latencyProblem ?? languageProblem;

  const load = (next: Example | null) => {
    const nextLanguage = next?.language ?? language;
    const nextCode = next?.code ?? templateFor(platformId, nextLanguage);
    setCode(nextCode);
    setLanguage(nextLanguage);
    setLanguageChosen(false);
    setStatus({ kind: "idle" });
    setOpen(true);
  };

  const onCodeChange = (next: string) => {
    setCode(next);
    if (!languageChosen) setLanguage(detectLanguage(next, language));
  };

  const run = useCallback(async () => {
    if (problem || status.kind === "running") return;
    simulator.current ??= createBrowserSimulator();
    const request: SimulationRequest = {
      language,
      code,
      filename: examples && code === examples.broken.code ? examples.broken.filename : examples && code === examples.fixed.code ? examples.fixed.filename : FILENAMES[language],
      platform: platformId,
      ...(timeoutValue !== null ? { timeout: timeoutValue } : {}),
      event: eventText.trim() ? (JSON.parse(eventText) as unknown) : {},
      latency: Object.fromEntries(state.latency),
    };
    setNotice("");
    setStatus({ kind: "running", progress: null });
    const outcome = await simulator.current.run(request, (progress) => setStatus({ kind: "running", progress }));
    setStatus({ kind: "done", outcome, request });
  }, [problem, status.kind, language, code, examples, platformId, timeoutValue, eventText, state.latency]);

  const stop = () => simulator.current?.stop();

  const share = async () => {
    const hash = await encodeState(state);
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
    if (status.kind !== "done") return;
    const link = `${window.location.origin}${window.location.pathname}#${await encodeState(state)}`;
    const text = markdownReport(status.request, status.outcome, platform, link);
    try {
      await navigator.clipboard.writeText(text);
      setNotice("Copied as Markdown, ready for an issue tracker.");
    } catch {
      setNotice("The clipboard is not available here.");
    }
  };

  const reset = () => {
    try {
      localStorage.removeItem(storage);
    } catch {}
    setPlatformId(initial.platform);
    setTimeoutText(initial.timeout === null ? "" : String(initial.timeout));
    setEventText(initial.event);
    setLatency(initial.latency.map(([h, s]) => [h, String(s)]));
    load(examples?.broken ?? null);
    if (window.location.hash.startsWith("#run=")) history.replaceState(null, "", window.location.pathname);
    setNotice("Reset to the article's example.");
  };

  const result = status.kind === "done" && status.outcome.kind === "result" ? status.outcome.result : null;
  const marks: EditorMarks = useMemo(
    () => ({
      deadlineLine: result?.verdict === "timeout" ? result.line : null,
      error: result?.verdict === "error" && result.error?.line ? { line: result.error.line, message: `${result.error.type}: ${result.error.message}` } : null,
    }),
    [result],
  );
  const verdict = status.kind === "done" ? verdictSentence(status.outcome, platform) : null;
  const progress = status.kind === "running" ? status.progress : null;

  return (
    <div
      className="runner"
      ref={panel}
      data-state={status.kind}
      onKeyDown={(event) => {
        if ((event.metaKey || event.ctrlKey) && event.key === "Enter") {
          event.preventDefault();
          void run();
        }
      }}
    >
      {!open ? (
        <div className="runner-preview">
          {preview}
          <div className="runner-actions">
            <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
              Edit &amp; run
            </button>
            <span className="runner-hint">Runs in your browser on a simulated clock: {examples ? "the example" : "your handler"} is judged in well under a second, and your code never leaves this page.</span>
          </div>
        </div>
      ) : (
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
          <CodeEditor value={code} language={language} onChange={onCodeChange} onRun={() => void run()} marks={marks} reveal={reveal} label={`${LANGUAGE_NAMES[language]} handler`} />
          <div className="runner-controls">
            <label className="field">
              <span>Platform</span>
              <select value={platformId} onChange={(e) => setPlatformId(e.target.value)} aria-describedby={`${ids}-limits`}>
                {platforms.map((p) => (
                  <option key={p.id} value={p.id} disabled={!p.languages.includes(language)}>
                    {p.name}
                  </option>
                ))}
              </select>
              {platform ? (
                <small id={`${ids}-limits`} className="field-note">
                  {limitText(platform)}
                </small>
              ) : null}
            </label>
            <label className="field">
              <span>Timeout (seconds{platform?.clock === "cpu" ? " of CPU" : ""})</span>
              <input
                type="number"
                inputMode="decimal"
                step="any"
                min={platform?.minTimeout}
                max={platform?.maxTimeout ?? undefined}
                placeholder={platform?.defaultTimeout != null ? `default ${platform.defaultTimeout}` : "required"}
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
            <fieldset className="field field-wide latency">
              <legend>Host latency (how long each host takes to answer)</legend>
              {latency.map(([host, seconds], i) => (
                <div className="latency-row" key={i}>
                  <input
                    aria-label={`Host ${i + 1}`}
                    placeholder="api.openai.com"
                    value={host}
                    onChange={(e) => setLatency(latency.map((row, j) => (j === i ? [e.target.value, row[1]] : row)))}
                  />
                  <input
                    aria-label={`Seconds for host ${i + 1}`}
                    type="number"
                    min={0}
                    step="any"
                    value={seconds}
                    onChange={(e) => setLatency(latency.map((row, j) => (j === i ? [row[0], e.target.value] : row)))}
                  />
                  <span aria-hidden="true">s</span>
                  <button type="button" className="button button-quiet" aria-label={`Remove host ${i + 1}`} onClick={() => setLatency(latency.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                </div>
              ))}
              <button type="button" className="button button-quiet" onClick={() => setLatency([...latency, ["", "1"]])}>
                Add host
              </button>
              {latencyProblem ? <small className="field-error">{latencyProblem}</small> : <small className="field-note">Other hosts answer in 0.05 s.</small>}
            </fieldset>
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
            <button type="button" className="button button-quiet" onClick={() => void copyMarkdown()} disabled={status.kind !== "done"}>
              Copy as Markdown
            </button>
            {problem ? <span className="field-error">{problem}</span> : null}
          </div>
        </div>
      )}

      <div className="runner-output" aria-live="polite" role="status" data-testid="verdict">
        {status.kind === "running" ? (
          <p className="verdict verdict-running">
            {progress ? (
              <>
                {progress.stage}
                {progress.total ? (
                  <>
                    {" "}
                    <progress value={progress.loaded ?? 0} max={progress.total} /> {Math.round(((progress.loaded ?? 0) / progress.total) * 100)}%
                  </>
                ) : (
                  "…"
                )}
              </>
            ) : (
              "Running on the simulated clock…"
            )}
          </p>
        ) : null}
        {verdict ? (
          <div className={`verdict verdict-${verdict.tone}`} data-verdict={result?.verdict ?? (status.kind === "done" ? status.outcome.kind : undefined)}>
            <p className="verdict-text">{verdict.text}</p>
            {verdict.detail ? <p className="verdict-detail">{verdict.detail}</p> : null}
            {status.kind === "done" ? (
              <p className="verdict-meta" data-ignored={status.outcome.ignored}>
                Judged in {Math.round(status.outcome.realMs)} ms of real time
                {status.outcome.kind === "result"
                  ? ", in a sandbox with no network: the code under test runs beside the simulator there, so it can influence its own verdict, and nothing beyond this run."
                  : "."}
                {status.outcome.ignored > 0 ? ` Ignored ${status.outcome.ignored} message${status.outcome.ignored === 1 ? "" : "s"} that did not come from the simulator.` : null}
              </p>
            ) : null}
          </div>
        ) : null}
        {notice ? <p className="runner-notice">{notice}</p> : null}
      </div>

      {result ? (
        <div className="runner-details">
          {result.platformMessage ? (
            <div className="output-block">
              <h4>What {platform?.name ?? "the platform"} logs</h4>
              <pre className="platform-message">{result.platformMessage}</pre>
            </div>
          ) : null}
          {result.stdout ? (
            <div className="output-block">
              <h4>Output{result.truncated?.stdout !== undefined ? ` (truncated at ${sizeText(result.truncated.stdout)})` : ""}</h4>
              <pre className="stdout">{result.stdout}</pre>
            </div>
          ) : null}
          {result.verdict === "ok" && result.result !== undefined ? (
            <div className="output-block">
              <h4>Return value{result.truncated?.result !== undefined ? ` (truncated at ${sizeText(result.truncated.result)}: the start of its JSON)` : ""}</h4>
              <pre className="return-value">{result.truncated?.result !== undefined && typeof result.result === "string" ? result.result : JSON.stringify(result.result, null, 2)}</pre>
            </div>
          ) : null}
          <TimelineView
            result={result}
            countsInit={platform?.countsInit ?? true}
            onLine={(line) => {
              setOpen(true);
              setReveal({ line, nonce: Date.now() });
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
