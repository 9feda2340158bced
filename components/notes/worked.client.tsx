"use client";

import { useState, type FormEvent } from "react";
import type { WorkedSummary } from "@/lib/notes/store";
import { WORKED_VERSION_MAX } from "@/lib/notes/limits";
import { plural } from "./format";
import { fieldsOf, postJson } from "./post";

/** "This fix worked for me" under a cause: the count, the versions (newest first), the button. */
export function WorkedForMe({ article, cause, summary }: { article: string; cause: number; summary: WorkedSummary | null }) {
  const [current, setCurrent] = useState(summary);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await postJson<{ counted: boolean; summary: WorkedSummary }>("/api/notes/worked", fieldsOf(event.currentTarget));
    if (!result.ok) return setMessage({ error: true, text: result.error });
    setCurrent(result.data.summary);
    setMessage({ error: false, text: result.data.counted ? "Thanks: counted." : "You had already said so; the version is updated." });
  };
  const versions = current?.versions.filter((v) => v.version) ?? [];
  return (
    <div className="worked">
      <p className="worked-count">
        {current && current.count > 0 ? `This fix worked for ${plural(current.count, "person", "people")}` : "Nobody has said whether this fix worked for them yet"}
        {versions.length ? ", on:" : "."}
      </p>
      {versions.length ? (
        <ul className="chips" aria-label={`Versions cause ${cause}'s fix worked on, most recent first`}>
          {versions.slice(0, 8).map((v) => (
            <li key={v.version} className="chip">
              {v.version}
              {v.count > 1 ? <span className="chip-count"> ×{v.count}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="worked-form" method="post" action="/api/notes/worked" onSubmit={onSubmit}>
        <input type="hidden" name="article" value={article} />
        <input type="hidden" name="cause" value={String(cause)} />
        <label className="worked-version">
          <span className="visually-hidden">Your version for cause {cause} (optional)</span>
          <input name="version" maxLength={WORKED_VERSION_MAX} placeholder="Version (optional): Node 22" />
        </label>
        <button type="submit" className="button">
          This fix worked for me
        </button>
        <span role="status" className={message?.error ? "field-error" : "note-status"}>
          {message?.text ?? ""}
        </span>
      </form>
    </div>
  );
}
