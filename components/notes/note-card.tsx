import type { NoteView } from "@/lib/notes/community.server";
import { VersionChips } from "./chips";
import { formatDay } from "./format";
import { NoteBody } from "./note-body";
import { ReportForm, VoteForm } from "./note-actions.client";

type Props = {
  note: NoteView;
  /** the cause's title when the note is listed away from its cause */
  causeTitle?: string | null;
  /** heading level of the note's title, so the page outline never skips a level */
  level: 2 | 3 | 4;
  /** the note's own page shows no link to itself */
  standalone?: boolean;
};

/** One community note: who, which versions, the body, and the reader's actions. */
export function NoteCard({ note, causeTitle, level, standalone = false }: Props) {
  const Heading = (["h2", "h3", "h4"] as const)[level - 2]!;
  const titleId = `note-${note.id}-title`;
  return (
    <article id={standalone ? undefined : `note-${note.id}`} className={`note${note.faded ? " note-faded" : ""}`} aria-labelledby={titleId}>
      <header className="note-head">
        <Heading id={titleId} className="note-name">
          {note.name ?? "Anonymous"}
        </Heading>
        <p className="note-meta">
          <time dateTime={new Date(note.createdAt).toISOString()}>{formatDay(note.createdAt)}</time>
          {note.editedAt ? <span> · edited</span> : null}
          {note.cause && causeTitle ? (
            <span>
              {" · on "}
              <a href={`/errors/${note.article}#cause-${note.cause}`}>
                cause {note.cause}: {causeTitle}
              </a>
            </span>
          ) : null}
          {note.faded ? <span> · readers rated this note down</span> : null}
        </p>
        <VersionChips versions={note.versions} />
      </header>
      <NoteBody tree={note.tree} />
      <footer className="note-actions">
        <VoteForm id={note.id} up={note.up} down={note.down} label={note.name ?? "Anonymous"} />
        <ReportForm id={note.id} />
        {standalone ? null : (
          <a className="note-permalink" href={`/notes/${note.id}`}>
            Link<span className="visually-hidden"> to the note by {note.name ?? "Anonymous"}</span>
          </a>
        )}
      </footer>
    </article>
  );
}
