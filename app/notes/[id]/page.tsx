import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { NoteCard } from "@/components/notes/note-card";
import { findArticle } from "@/lib/notes/articles.server";
import { toView } from "@/lib/notes/community.server";
import { getStore } from "@/lib/notes/db";
import { ownerCookieName, ownerKeyOf } from "@/lib/notes/guard.server";
import { BODY_MAX, BODY_MIN, EDIT_WINDOW_MS, NAME_MAX, VERSION_MAX } from "@/lib/notes/limits";
import { errorMessage } from "@/lib/notes/messages";
import { canEdit, getNote } from "@/lib/notes/store";
import "@/components/notes/notes.css";

// A note's own page: where a plain form lands after posting, voting or reporting, and where the
// poster edits or deletes it for 15 minutes (the note's HttpOnly cookie proves who posted it).
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const note = await getNote((await getStore()).db, (await params).id);
  const article = note ? await findArticle(note.article) : null;
  return { title: article ? `Community note on “${article.title}”` : "Community note", robots: { index: false } };
}

const DONE: Record<string, string> = {
  edited: "Your changes are saved.",
  voted: "Thanks: your vote is counted.",
  reported: "Thanks: the report is recorded. A moderator will look at it.",
};

function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

export default async function NotePage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  const { db } = await getStore();
  const note = await getNote(db, id);
  if (!note || note.status === "rejected") notFound();
  const article = await findArticle(note.article);
  const secret = (await cookies()).get(ownerCookieName(id))?.value;
  const now = Date.now();
  const mine = secret ? await canEdit(db, id, ownerKeyOf(secret), now) : false;
  const visible = (note.status === "approved" && !note.hidden) || mine;
  const done = one(query.done);
  const error = errorMessage(one(query.error), one(query.retry));
  const cause = article?.causes.find((c) => c.n === note.cause) ?? null;
  const back = `/errors/${note.article}${note.cause ? `#cause-${note.cause}` : "#community-notes"}`;

  let status: string | null = done ? (DONE[done] ?? null) : null;
  if (done === "posted") status = note.status === "approved" ? "Thanks: your note is posted. It appears on the article within a minute." : "Thanks: your note waits for a moderator before it appears on the article.";
  const state =
    note.status === "pending"
      ? `This note waits for a moderator${mine && note.queueReason ? ` (${note.queueReason})` : ""}.`
      : note.hidden
        ? "Readers reported this note; it is hidden until a moderator reviews it."
        : null;

  return (
    <main id="main" className="notes-page">
      <p>
        <a href={back}>← {article?.title ?? "The article"}</a>
      </p>
      <h1>Community note{cause ? ` on cause ${cause.n}: ${cause.title}` : ""}</h1>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {status ? (
        <p className="notice" role="status">
          {status}
        </p>
      ) : null}
      {state ? <p className="notice">{state}</p> : null}
      {visible ? <NoteCard note={await toView(note)} level={2} standalone /> : null}
      {mine ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">Edit or delete</h2>
          <p>You posted this note from this browser. You can change or delete it until {formatTime(note.createdAt + EDIT_WINDOW_MS)}; after that it is fixed.</p>
          <form method="post" action={`/api/notes/${id}`} className="note-form">
            <input type="hidden" name="intent" value="edit" />
            <div className="note-form-grid">
              <label className="field">
                <span>Your name (optional)</span>
                <input name="name" maxLength={NAME_MAX} defaultValue={note.name ?? ""} />
              </label>
              <fieldset className="field-wide note-versions">
                <legend>Versions it applies to (optional)</legend>
                {([["platform", "Platform and plan"], ["runtime", "Runtime"], ["library", "Library"]] as const).map(([key, label]) => (
                  <label key={key} className="field">
                    <span>{label}</span>
                    <input name={key} maxLength={VERSION_MAX} defaultValue={note.versions[key] ?? ""} />
                  </label>
                ))}
              </fieldset>
              <label className="field field-wide">
                <span>Your note</span>
                <textarea name="body" rows={7} required minLength={BODY_MIN} maxLength={BODY_MAX} defaultValue={note.body} />
              </label>
            </div>
            <div className="note-form-buttons">
              <button type="submit" className="button button-primary">
                Save changes
              </button>
            </div>
          </form>
          <form method="post" action={`/api/notes/${id}`}>
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button">
              Delete this note
            </button>
          </form>
        </section>
      ) : null}
    </main>
  );
}
