// What a run found, below its verdict: imports it could not provide, entry points, each request
// of a concurrent run, the notes the verdict rests on, the platform's log, output, return value
// and the timeline. Pure rendering of one SimulationResult.
import { memo } from "react";
import type { SimulationResult } from "@/lib/runner/types";
import { formatSeconds } from "@/lib/runner/timeline";
import { sizeText } from "./report";
import { TimelineView } from "./timeline-view";

export type RunDetailsProps = {
  details: SimulationResult;
  platformName: string | undefined;
  countsInit: boolean;
  showLine: (line: number) => void;
};

/**
 * Memoised: while the next run goes, the same details stay (dimmed by the editor's wrapper), and
 * up to 150 rows are not rendered again to change nothing.
 */
export const RunDetails = memo(function RunDetails({ details, platformName, countsInit, showLine }: RunDetailsProps) {
  return (
    <div className="runner-details">
      {details.error?.imports?.length ? (
        <div className="output-block">
          <h4>Imports the simulator cannot provide</h4>
          <ul className="import-list">
            {details.error.imports.map((item, i) => (
              <li key={i}>
                {item.line ? (
                  <button type="button" className="link-button" onClick={() => showLine(item.line!)}>
                    line {item.line}
                  </button>
                ) : null}{" "}
                <code>{item.module}</code>: {item.hint}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {details.error?.candidates?.length ? (
        <div className="output-block">
          <h4>Entry points found</h4>
          <ul className="import-list">
            {details.error.candidates.map((candidate, i) => (
              <li key={i}>
                <code>{candidate.name}</code> ({candidate.kind})
                {candidate.line ? (
                  <>
                    {" "}
                    <button type="button" className="link-button" onClick={() => showLine(candidate.line!)}>
                      line {candidate.line}
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {details.requests?.length ? (
        <div className="output-block">
          <h4>Each request</h4>
          <table className="request-table">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Verdict</th>
                <th scope="col">Status</th>
                <th scope="col">Queued</th>
                <th scope="col">Took</th>
                <th scope="col">Line</th>
              </tr>
            </thead>
            <tbody>
              {details.requests.map((r) => (
                <tr key={r.index} data-verdict={r.verdict}>
                  <th scope="row">{r.index}</th>
                  <td>{r.verdict === "ok" ? "answered" : r.verdict === "timeout" ? "timed out" : "failed"}</td>
                  <td>{r.status ?? "none"}</td>
                  <td>{formatSeconds(r.queuedSeconds)}</td>
                  <td>{formatSeconds(r.elapsedSeconds)}{r.finishedSeconds !== undefined ? ` (worked on to ${formatSeconds(r.finishedSeconds)})` : ""}</td>
                  <td>
                    {r.line ? (
                      <button type="button" className="link-button" onClick={() => showLine(r.line!)}>
                        {r.line}
                      </button>
                    ) : (
                      "none"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {details.notes?.length ? (
        <div className="output-block">
          <h4>What this verdict rests on</h4>
          <ul className="run-notes">
            {details.notes.map((note, i) => (
              <li key={i} data-note={note.kind}>
                {note.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {details.platformMessage ? (
        <div className="output-block">
          <h4>What {platformName ?? "the platform"} logs</h4>
          <pre className="platform-message">{details.platformMessage}</pre>
        </div>
      ) : null}
      {details.stdout ? (
        <div className="output-block">
          <h4>Output{details.truncated?.stdout !== undefined ? ` (truncated at ${sizeText(details.truncated.stdout)})` : ""}</h4>
          <pre className="stdout">{details.stdout}</pre>
        </div>
      ) : null}
      {details.verdict === "ok" && details.result !== undefined ? (
        <div className="output-block">
          <h4>Return value{details.truncated?.result !== undefined ? ` (truncated at ${sizeText(details.truncated.result)}: the start of its JSON)` : ""}</h4>
          <pre className="return-value">{details.truncated?.result !== undefined && typeof details.result === "string" ? details.result : JSON.stringify(details.result, null, 2)}</pre>
        </div>
      ) : null}
      <TimelineView result={details} countsInit={countsInit} onLine={showLine} />
    </div>
  );
});
