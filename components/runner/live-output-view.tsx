import { LIVE_OUTPUT } from "@/lib/runner/live-output";
import { sizeText } from "./report";

/**
 * What the handler has written so far, while it runs (a CPU-bound run takes real seconds), and
 * after a run that ended without a result (Stop, a crash): there, the only output there is. A
 * finished run shows its complete stdout instead, from the result.
 */
export function LiveOutputView({ text, ended }: { text: string; ended: boolean }) {
  if (!text) return null;
  const capped = text.length >= LIVE_OUTPUT.totalChars;
  return (
    <div className="output-block live-output" data-testid="live-output">
      <h4>
        {ended ? "Output before it ended" : "Output so far"}
        <span className="live-output-note">
          {ended ? " (what arrived while it ran; nothing was judged)" : " (live, updated as it runs)"}
          {capped ? `; the live view stops at ${sizeText(LIVE_OUTPUT.totalChars)}${ended ? "" : ", the result will have all of it"}` : ""}
        </span>
      </h4>
      <pre className="live-output-text">{text}</pre>
    </div>
  );
}
