import type { Community, NoteView } from "@/lib/notes/community.server";
import { NoteCard } from "./note-card";
import { CauseNoteLink, NoteForm } from "./note-form.client";
import { WorkedForMe } from "./worked.client";
import { plural } from "./format";
import "./notes.css";

type Cause = { n: number; title: string };

/** Under each cause: whether its fix worked for readers, and the notes attached to it. */
export function CauseCommunity({ community, cause }: { community: Community; cause: Cause }) {
  const attached = community.notes.filter((n) => n.cause === cause.n);
  const summary = community.worked.find((w) => w.cause === cause.n) ?? null;
  return (
    <div className="cause-community">
      <WorkedForMe article={community.slug} cause={cause.n} summary={summary} />
      {attached.length ? (
        <div className="cause-notes">
          <p className="cause-notes-title">{plural(attached.length, "community note")} on this cause</p>
          {attached.map((note) => (
            <NoteCard key={note.id} note={note} level={4} />
          ))}
        </div>
      ) : null}
      <CauseNoteLink article={community.slug} cause={cause.n} />
    </div>
  );
}

function attachedSummary(notes: NoteView[], causes: Cause[]) {
  const counts = causes.map((c) => ({ ...c, count: notes.filter((n) => n.cause === c.n).length })).filter((c) => c.count > 0);
  if (counts.length === 0) return null;
  return (
    <p className="notes-attached">
      Notes on a single cause are under that cause:{" "}
      {counts.map((c, i) => (
        <span key={c.n}>
          {i ? ", " : ""}
          <a href={`#cause-${c.n}`}>
            cause {c.n} ({c.count})
          </a>
        </span>
      ))}
      .
    </p>
  );
}

/** The article's last section: notes on the article as a whole, and the form to add one. */
export function CommunityNotes({ community, causes }: { community: Community; causes: Cause[] }) {
  const general = community.notes.filter((n) => n.cause === null);
  return (
    <section id="community-notes" aria-labelledby="community-notes-title" className="article-section community-notes">
      <h2 id="community-notes-title">
        <a href="#community-notes" className="heading-anchor">
          Community notes
        </a>
      </h2>
      {general.length ? (
        general.map((note) => <NoteCard key={note.id} note={note} level={3} causeTitle={null} />)
      ) : (
        <p className="notes-empty">Be the first to share a version-specific fix or tip.</p>
      )}
      {attachedSummary(community.notes, causes)}
      {community.total > community.notes.length ? (
        <p className="notes-attached">
          {plural(community.total - community.notes.length, "more note")} rated lower {community.total - community.notes.length === 1 ? "is" : "are"} not shown.
        </p>
      ) : null}
      <h3 id="note-form-title">Add a note</h3>
      <p className="note-form-intro">
        Did a fix work on your version, or did a limit move? Say which platform, runtime and library versions it applies to. Notes are shown to everyone; a first note with a link
        waits for a moderator.
      </p>
      <NoteForm article={community.slug} causes={causes} />
    </section>
  );
}
