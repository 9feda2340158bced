import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { VersionChips } from "@/components/notes/chips";
import { formatDay } from "@/components/notes/format";
import { NoteBody } from "@/components/notes/note-body";
import { ADMIN_COOKIE, adminToken, sessionValid } from "@/lib/notes/admin.server";
import { getStore } from "@/lib/notes/db";
import { REPORT_REASONS } from "@/lib/notes/limits";
import { errorMessage } from "@/lib/notes/messages";
import { renderNote } from "@/lib/notes/render.server";
import { auditLog, moderationQueue, type QueueItem } from "@/lib/notes/store";
import "@/components/notes/notes.css";

// Moderation: what waits (pending notes, reported notes) and what was done (the audit log).
// Without DEADLINE_ADMIN_TOKEN this page does not exist.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Moderation", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const DONE: Record<string, string> = { approve: "Approved: the note is published.", reject: "Rejected: the note is off the page.", delete: "Deleted." };

async function QueueEntry({ item }: { item: QueueItem }) {
  return (
    <article className="note" aria-labelledby={`q-${item.id}`}>
      <header className="note-head">
        <h3 id={`q-${item.id}`} className="note-name">
          {item.name ?? "Anonymous"} on <a href={`/errors/${item.article}${item.cause ? `#cause-${item.cause}` : ""}`}>{item.article}</a>
          {item.cause ? `, cause ${item.cause}` : ""}
        </h3>
        <p className="note-meta">
          {formatDay(item.createdAt)} · {item.status}
          {item.hidden ? " · hidden by reports" : ""}
          {item.queueReason ? ` · queued for ${item.queueReason}` : ""}
          {" · "}▲ {item.up} ▼ {item.down}
        </p>
        <VersionChips versions={item.versions} />
      </header>
      <NoteBody tree={await renderNote(item.body)} />
      {item.reportReasons.length ? (
        <ul className="admin-reports">
          {item.reportReasons.map((r, i) => (
            <li key={i}>
              {REPORT_REASONS[r.reason as keyof typeof REPORT_REASONS] ?? r.reason}
              {r.detail ? `: “${r.detail}”` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action={`/api/admin/notes/${item.id}`} className="admin-actions">
        <button type="submit" name="action" value="approve" className="button button-primary">
          Approve<span className="visually-hidden"> the note by {item.name ?? "Anonymous"}</span>
        </button>
        <button type="submit" name="action" value="reject" className="button">
          Reject<span className="visually-hidden"> the note by {item.name ?? "Anonymous"}</span>
        </button>
        <button type="submit" name="action" value="delete" className="button">
          Delete<span className="visually-hidden"> the note by {item.name ?? "Anonymous"}</span>
        </button>
      </form>
    </article>
  );
}

export default async function AdminPage({ searchParams }: Props) {
  const token = adminToken();
  if (!token) notFound();
  const query = await searchParams;
  const error = errorMessage(one(query.error), one(query.retry));
  const signedIn = sessionValid((await cookies()).get(ADMIN_COOKIE)?.value, token, Date.now());
  if (!signedIn) {
    return (
      <main id="main" className="notes-page">
        <h1>Moderation</h1>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action="/api/admin/session" className="note-form">
          <label className="field">
            <span>Admin token</span>
            <input type="password" name="token" required autoComplete="current-password" />
          </label>
          <div className="note-form-buttons">
            <button type="submit" className="button button-primary">
              Sign in
            </button>
          </div>
        </form>
      </main>
    );
  }
  const { db } = await getStore();
  const [{ pending, reported }, log] = await Promise.all([moderationQueue(db), auditLog(db, 100)]);
  const done = one(query.done);
  return (
    <main id="main" className="notes-page">
      <h1>Moderation</h1>
      {done && DONE[done] ? (
        <p className="notice" role="status">
          {DONE[done]}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/api/admin/logout">
        <button type="submit" className="button">
          Sign out
        </button>
      </form>
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">Waiting for review ({pending.length})</h2>
        {pending.length ? pending.map((item) => <QueueEntry key={item.id} item={item} />) : <p>Nothing waits.</p>}
      </section>
      <section aria-labelledby="reported-title">
        <h2 id="reported-title">Reported ({reported.length})</h2>
        {reported.length ? reported.map((item) => <QueueEntry key={item.id} item={item} />) : <p>No open reports.</p>}
      </section>
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Audit log</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit log">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Note</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {log.map((e) => (
                <tr key={e.id}>
                  <td>{new Date(e.at).toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td>{e.noteId ? <a href={`/notes/${e.noteId}`}>{e.noteId}</a> : "—"}</td>
                  <td>{e.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
