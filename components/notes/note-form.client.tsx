"use client";

import { useRef, useState, type FormEvent } from "react";
import { BODY_MAX, BODY_MIN, EDIT_WINDOW_MS, MAX_LINKS, NAME_MAX, VERSION_MAX } from "@/lib/notes/limits";
import type { NoteTree } from "@/lib/notes/tree";
import { NoteBody } from "./note-body";
import { fieldsOf, postJson } from "./post";

export type NoteFormValues = { cause?: string; name?: string; platform?: string; runtime?: string; library?: string; body?: string };

type Props = {
  article: string;
  causes: { n: number; title: string }[];
  values?: NoteFormValues;
};

type Posted = { note: { id: string; status: "approved" | "pending"; url: string } };

/**
 * The note form. Without JavaScript: Preview is a GET to /notes/new (a page that shows the
 * preview and the form again) and Post note a POST to /api/notes that lands on the note's page.
 * With it, both happen here: the preview appears under the form, posting needs no reload.
 */
export function NoteForm({ article, causes, values = {} }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const [preview, setPreview] = useState<{ tree: NoteTree; links: number } | null>(null);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string; link?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const fields = fieldsOf(event.currentTarget);
    setBusy(true);
    try {
      if (submitter?.name === "preview") {
        const result = await postJson<{ tree: NoteTree; links: number }>("/api/notes/preview", { body: fields.body ?? "" });
        if (!result.ok) return setStatus({ kind: "error", text: result.error });
        setStatus(null);
        return setPreview(result.data);
      }
      if (!event.currentTarget.reportValidity()) return;
      const result = await postJson<Posted>("/api/notes", fields);
      if (!result.ok) return setStatus({ kind: "error", text: result.error });
      const { note } = result.data;
      form.current?.reset();
      setPreview(null);
      setStatus({
        kind: "ok",
        text:
          note.status === "approved"
            ? "Thanks: your note is posted and appears on this page within a minute."
            : "Thanks: your note waits for a moderator before it appears (a first note with a link, or one the spam checks want a person to read).",
        link: note.url,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} id="note-form" className="note-form" method="post" action="/api/notes" onSubmit={onSubmit} aria-labelledby="note-form-title">
      <input type="hidden" name="article" value={article} />
      <div className="note-form-grid">
        <label className="field">
          <span>About</span>
          <select name="cause" defaultValue={values.cause ?? ""}>
            <option value="">The article as a whole</option>
            {causes.map((c) => (
              <option key={c.n} value={String(c.n)}>
                Cause {c.n}: {c.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Your name (optional)</span>
          <input name="name" maxLength={NAME_MAX} autoComplete="nickname" defaultValue={values.name} />
        </label>
        <fieldset className="field-wide note-versions">
          <legend>Versions it applies to (optional)</legend>
          <label className="field">
            <span>Platform and plan</span>
            <input name="platform" maxLength={VERSION_MAX} placeholder="Vercel Pro + Fluid" defaultValue={values.platform} />
          </label>
          <label className="field">
            <span>Runtime</span>
            <input name="runtime" maxLength={VERSION_MAX} placeholder="Python 3.12, Node 22" defaultValue={values.runtime} />
          </label>
          <label className="field">
            <span>Library</span>
            <input name="library" maxLength={VERSION_MAX} placeholder="runpod-python 1.12.0" defaultValue={values.library} />
          </label>
        </fieldset>
        <label className="field field-wide">
          <span>Your note</span>
          <textarea name="body" rows={7} required minLength={BODY_MIN} maxLength={BODY_MAX} aria-describedby="note-form-help" defaultValue={values.body} />
        </label>
        <p id="note-form-help" className="note-form-help field-wide">
          {BODY_MIN}–{BODY_MAX} characters of Markdown: **bold**, `code`, fenced code blocks, lists and links (at most {MAX_LINKS}). HTML shows as text. You can edit or delete
          your note for {EDIT_WINDOW_MS / 60_000} minutes from this browser.
        </p>
        {/* A person never sees this field (hidden by the stylesheet); form-filling bots fill it. */}
        <div className="note-hp">
          <label>
            Leave this empty <input name="website" tabIndex={-1} autoComplete="off" />
          </label>
        </div>
      </div>
      <div className="note-form-buttons">
        <button type="submit" name="preview" value="1" formAction="/notes/new" formMethod="get" formNoValidate className="button" disabled={busy}>
          Preview
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          Post note
        </button>
      </div>
      {preview ? (
        <section className="note-preview" aria-label="Preview of your note">
          <p className="note-preview-label">Preview{preview.links > MAX_LINKS ? `: ${preview.links} links, at most ${MAX_LINKS} are allowed` : ""}</p>
          <NoteBody tree={preview.tree} />
        </section>
      ) : null}
      <div role="status" className={status?.kind === "error" ? "notice notice-error" : status ? "notice" : "visually-hidden"}>
        {status ? (
          <>
            {status.text}
            {status.link ? (
              <>
                {" "}
                <a href={status.link}>See it, edit or delete it</a>.
              </>
            ) : null}
          </>
        ) : null}
      </div>
    </form>
  );
}

/** "Add a note about this cause": the form on the page is chosen for it when JavaScript runs. */
export function CauseNoteLink({ article, cause }: { article: string; cause: number }) {
  return (
    <a
      className="cause-note-link"
      href={`/notes/new?article=${article}&cause=${cause}`}
      onClick={(event) => {
        const select = document.querySelector<HTMLSelectElement>('#note-form select[name="cause"]');
        const body = document.querySelector<HTMLTextAreaElement>('#note-form textarea[name="body"]');
        if (!select || !body) return;
        event.preventDefault();
        select.value = String(cause);
        body.scrollIntoView({ block: "center" });
        body.focus();
      }}
    >
      Add a note about this cause
    </a>
  );
}
