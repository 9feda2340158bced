// The verdict panel under Run: progress while a run goes, then the verdict in one sentence, its
// detail and how the run was judged; the editor's notices; and the output live while it runs
// (or of a run that ended without a result). The live region announces the verdict, not output.
import { formatSeconds } from "@/lib/runner/timeline";
import { LiveOutputView } from "./live-output-view";
import { outcomeMeta, verdictSentence } from "./report";
import type { PlatformOption } from "./runner.client";
import { resultOf, type Status } from "./run-status";

type RunVerdictProps = { status: Status; platform: PlatformOption | undefined; notice: string; live: string };

export function RunVerdict({ status, platform, notice, live }: RunVerdictProps) {
  const result = status.kind === "done" ? resultOf(status) : null;
  const verdict = status.kind === "done" ? verdictSentence(status.outcome, platform) : null;
  const progress = status.kind === "running" ? status.progress : null;
  return (
    <>
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
            {result?.modelled ? (
              <p className="verdict-detail verdict-modelled">
                Includes {result.modelled.calls} modelled call{result.modelled.calls === 1 ? "" : "s"} ({formatSeconds(result.modelled.seconds)} from cost rules): their time comes from your rules, not from running them.
              </p>
            ) : null}
            {status.kind === "done" ? (
              <p className="verdict-meta" data-ignored={status.outcome.ignored}>
                {outcomeMeta(status.outcome)}
              </p>
            ) : null}
          </div>
        ) : null}
        {notice ? <p className="runner-notice">{notice}</p> : null}
      </div>
      {/* Outside the live region: a screen reader would read every chunk as it arrives. */}
      {status.kind === "running" || (status.kind === "done" && status.outcome.kind !== "result") ? <LiveOutputView text={live} ended={status.kind === "done"} /> : null}
    </>
  );
}
