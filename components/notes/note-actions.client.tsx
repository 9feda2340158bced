"use client";

import { useState, type FormEvent } from "react";
import { REPORT_REASONS } from "@/lib/notes/limits";
import { fieldsOf, postJson } from "./post";

// Without JavaScript both are plain forms that post and land on the note's page with a status.
// With it they post JSON and update in place.

export function VoteForm({ id, up, down, label }: { id: string; up: number; down: number; label: string }) {
  const [counts, setCounts] = useState({ up, down });
  const [message, setMessage] = useState("");
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const result = await postJson<{ up: number; down: number; changed: boolean }>(`/api/notes/${id}/vote`, fieldsOf(event.currentTarget, submitter));
    if (!result.ok) return setMessage(result.error);
    setCounts({ up: result.data.up, down: result.data.down });
    setMessage(result.data.changed ? "Vote counted" : "You had already voted this way");
  };
  return (
    <form className="vote-form" method="post" action={`/api/notes/${id}/vote`} onSubmit={onSubmit}>
      <button type="submit" name="value" value="up" className="vote-button" aria-label={`Helpful: ${counts.up}. Vote the note by ${label} up`}>
        <span aria-hidden="true">▲ {counts.up}</span>
      </button>
      <button type="submit" name="value" value="down" className="vote-button" aria-label={`Not helpful: ${counts.down}. Vote the note by ${label} down`}>
        <span aria-hidden="true">▼ {counts.down}</span>
      </button>
      <span className="note-status" role="status">
        {message}
      </span>
    </form>
  );
}

export function ReportForm({ id }: { id: string }) {
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState("");
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await postJson<{ counted: boolean; hidden: boolean }>(`/api/notes/${id}/report`, fieldsOf(event.currentTarget));
    if (!result.ok) return setError(result.error);
    setError("");
    setDone(result.data.hidden ? "Reported. The note is hidden until a moderator reviews it." : result.data.counted ? "Reported. A moderator will look at it." : "You had already reported this note.");
  };
  return (
    <details className="report">
      <summary>Report</summary>
      {done ? (
        <p role="status" className="report-done">
          {done}
        </p>
      ) : (
        <form method="post" action={`/api/notes/${id}/report`} onSubmit={onSubmit} className="report-form">
          <fieldset>
            <legend>What is wrong with this note?</legend>
            {Object.entries(REPORT_REASONS).map(([value, text], i) => (
              <label key={value} className="report-reason">
                <input type="radio" name="reason" value={value} required defaultChecked={i === 0} /> {text}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>Details (optional)</span>
            <textarea name="detail" rows={2} maxLength={500} />
          </label>
          <button type="submit" className="button">
            Send report
          </button>
          {error ? (
            <p role="alert" className="field-error">
              {error}
            </p>
          ) : null}
        </form>
      )}
    </details>
  );
}
