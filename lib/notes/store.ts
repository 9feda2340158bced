import { randomBytes, timingSafeEqual } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { EDIT_WINDOW_MS, REPORTS_TO_HIDE, type ReportReason } from "./limits";
import type { AuditRow, Database, NoteRow, NoteStatus } from "./schema";
import { bodyKey } from "./body-key";

// The notes store: named functions over plain objects. This file and its neighbours in
// lib/notes are the only places that build queries; routes validate input and call these.
// Every function takes the Kysely handle first (getStore().db in the app, a test's own store in
// tests) and the current time where time matters, so tests control the clock.

type Db = Kysely<Database> | Transaction<Database>;

export type NoteVersions = { platform: string | null; runtime: string | null; library: string | null };

export type Note = {
  id: string;
  article: string;
  cause: number | null;
  name: string | null;
  versions: NoteVersions;
  body: string;
  status: NoteStatus;
  queueReason: string | null;
  hidden: boolean;
  reports: number;
  up: number;
  down: number;
  createdAt: number;
  editedAt: number | null;
  reviewedAt: number | null;
};

export function newId(): string {
  return randomBytes(9).toString("base64url");
}

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    article: row.article,
    cause: row.cause === null ? null : Number(row.cause),
    name: row.name,
    versions: { platform: row.platform, runtime: row.runtime, library: row.library },
    body: row.body,
    status: row.status,
    queueReason: row.queue_reason,
    hidden: Number(row.hidden) === 1,
    reports: Number(row.reports),
    up: Number(row.up),
    down: Number(row.down),
    createdAt: Number(row.created_at),
    editedAt: row.edited_at === null ? null : Number(row.edited_at),
    reviewedAt: row.reviewed_at === null ? null : Number(row.reviewed_at),
  };
}

export async function audit(db: Db, entry: { actor: string; action: string; noteId?: string | null; article?: string | null; detail?: string | null }, now: number): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({ id: newId(), at: now, actor: entry.actor, action: entry.action, note_id: entry.noteId ?? null, article: entry.article ?? null, detail: entry.detail ?? null })
    .execute();
}

// ---------- posting ----------

export type NewNote = {
  article: string;
  cause: number | null;
  name: string | null;
  versions: NoteVersions;
  body: string;
  client: string;
  /** SHA-256 (hex) of the secret the poster keeps in a cookie */
  ownerKey: string;
  status: "approved" | "pending";
  queueReason: string | null;
};

export type CreateResult = { ok: true; note: Note } | { ok: false; reason: "duplicate" };

/** Has this client had a note approved before? A first-time poster's links wait for review. */
export async function hasApprovedNote(db: Db, client: string): Promise<boolean> {
  const row = await db.selectFrom("notes").select("id").where("client", "=", client).where("status", "=", "approved").limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function createNote(db: Db, input: NewNote, now: number): Promise<CreateResult> {
  const row: NoteRow = {
    id: newId(),
    article: input.article,
    cause: input.cause,
    name: input.name,
    platform: input.versions.platform,
    runtime: input.versions.runtime,
    library: input.versions.library,
    body: input.body,
    body_key: bodyKey(input.body),
    status: input.status,
    queue_reason: input.queueReason,
    hidden: 0,
    reports: 0,
    up: 0,
    down: 0,
    client: input.client,
    owner_key: input.ownerKey,
    created_at: now,
    edited_at: null,
    reviewed_at: null,
  };
  // One statement: the unique index on body_key decides duplicates atomically, across instances.
  const inserted = await db
    .insertInto("notes")
    .values(row)
    .onConflict((oc) => oc.column("body_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return { ok: false, reason: "duplicate" };
  return { ok: true, note: toNote(row) };
}

export async function getNote(db: Db, id: string): Promise<Note | null> {
  const row = await db.selectFrom("notes").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toNote(row) : null;
}

/** How many notes an article shows at most; the rest are counted, not shown. */
export const PUBLISHED_MAX = 100;

/**
 * The notes readers see on an article: approved and not hidden by reports, at most `limit`, the
 * best by net votes and then the newest (score.ts orders these for the page), and how many there
 * are in all.
 */
export async function listPublished(db: Db, article: string, limit = PUBLISHED_MAX): Promise<{ notes: Note[]; total: number }> {
  const visible = db.selectFrom("notes").where("article", "=", article).where("status", "=", "approved").where("hidden", "=", 0);
  const [rows, count] = await Promise.all([
    visible.selectAll().orderBy(sql`up - down`, "desc").orderBy("created_at", "desc").limit(limit).execute(),
    visible.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { notes: rows.map(toNote), total: Number(count.n) };
}

// ---------- the poster's own edits ----------

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export type OwnerCheck = { ok: true; row: NoteRow } | { ok: false; reason: "not-found" | "not-owner" | "window-closed" | "rejected" };

async function checkOwner(db: Db, id: string, ownerKey: string | null, now: number): Promise<OwnerCheck> {
  const row = await db.selectFrom("notes").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return { ok: false, reason: "not-found" };
  if (!ownerKey || !sameKey(row.owner_key, ownerKey)) return { ok: false, reason: "not-owner" };
  if (now - Number(row.created_at) > EDIT_WINDOW_MS) return { ok: false, reason: "window-closed" };
  if (row.status === "rejected") return { ok: false, reason: "rejected" };
  return { ok: true, row };
}

/** Whether this owner key may still edit the note (for showing the edit form). */
export async function canEdit(db: Db, id: string, ownerKey: string | null, now: number): Promise<boolean> {
  return (await checkOwner(db, id, ownerKey, now)).ok;
}

export type NoteEdit = { name: string | null; versions: NoteVersions; body: string; status: "approved" | "pending"; queueReason: string | null };

export type OwnerRefusal = Exclude<OwnerCheck, { ok: true }>["reason"];

export type EditResult = { ok: true; note: Note } | { ok: false; reason: OwnerRefusal | "duplicate" };

export async function editOwnNote(db: Kysely<Database>, id: string, ownerKey: string | null, edit: NoteEdit, now: number): Promise<EditResult> {
  return db.transaction().execute(async (trx) => {
    const check = await checkOwner(trx, id, ownerKey, now);
    if (!check.ok) return check;
    const key = bodyKey(edit.body);
    const clash = await trx.selectFrom("notes").select("id").where("body_key", "=", key).where("id", "!=", id).executeTakeFirst();
    if (clash) return { ok: false, reason: "duplicate" } as const;
    // An approved note edited into one that needs review goes back to the queue; a pending one
    // whose reason was edited away is published, as it would have been when first posted.
    const status: NoteStatus = edit.status;
    await trx
      .updateTable("notes")
      .set({
        name: edit.name,
        platform: edit.versions.platform,
        runtime: edit.versions.runtime,
        library: edit.versions.library,
        body: edit.body,
        body_key: key,
        status,
        queue_reason: edit.queueReason,
        edited_at: now,
      })
      .where("id", "=", id)
      .execute();
    await audit(trx, { actor: "owner", action: "edit", noteId: id, article: check.row.article, detail: status === "pending" ? `queued: ${edit.queueReason}` : null }, now);
    const row = await trx.selectFrom("notes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    return { ok: true, note: toNote(row) } as const;
  });
}

export async function deleteOwnNote(db: Kysely<Database>, id: string, ownerKey: string | null, now: number): Promise<{ ok: true; article: string } | { ok: false; reason: OwnerRefusal }> {
  return db.transaction().execute(async (trx) => {
    const check = await checkOwner(trx, id, ownerKey, now);
    if (!check.ok) return check;
    await trx.deleteFrom("notes").where("id", "=", id).execute();
    await audit(trx, { actor: "owner", action: "delete", noteId: id, article: check.row.article, detail: check.row.body.slice(0, 120) }, now);
    return { ok: true, article: check.row.article } as const;
  });
}

// ---------- votes, reports, "worked for me" ----------

export type VoteResult = { ok: true; up: number; down: number; changed: boolean } | { ok: false; reason: "not-found" };

/** One vote per client per note; voting the other way moves the vote, voting again changes nothing. */
export async function vote(db: Kysely<Database>, noteId: string, client: string, value: 1 | -1, now: number): Promise<VoteResult> {
  return db.transaction().execute(async (trx) => {
    const note = await trx.selectFrom("notes").select(["id"]).where("id", "=", noteId).where("status", "=", "approved").where("hidden", "=", 0).executeTakeFirst();
    if (!note) return { ok: false, reason: "not-found" } as const;
    const inserted = await trx
      .insertInto("votes")
      .values({ note_id: noteId, client, value, created_at: now })
      .onConflict((oc) => oc.columns(["note_id", "client"]).doNothing())
      .returning("note_id")
      .executeTakeFirst();
    let changed = false;
    if (inserted) {
      await trx
        .updateTable("notes")
        .set(value === 1 ? { up: sql`up + 1` } : { down: sql`down + 1` })
        .where("id", "=", noteId)
        .execute();
      changed = true;
    } else {
      const moved = await trx.updateTable("votes").set({ value, created_at: now }).where("note_id", "=", noteId).where("client", "=", client).where("value", "!=", value).returning("note_id").executeTakeFirst();
      if (moved) {
        await trx
          .updateTable("notes")
          .set(value === 1 ? { up: sql`up + 1`, down: sql`down - 1` } : { up: sql`up - 1`, down: sql`down + 1` })
          .where("id", "=", noteId)
          .execute();
        changed = true;
      }
    }
    const counts = await trx.selectFrom("notes").select(["up", "down"]).where("id", "=", noteId).executeTakeFirstOrThrow();
    return { ok: true, up: Number(counts.up), down: Number(counts.down), changed } as const;
  });
}

export type ReportResult = { ok: true; counted: boolean; hidden: boolean } | { ok: false; reason: "not-found" };

/** One report per client per note; the third distinct one hides the note until it is reviewed. */
export async function report(db: Kysely<Database>, noteId: string, client: string, reason: ReportReason, detail: string | null, now: number): Promise<ReportResult> {
  return db.transaction().execute(async (trx) => {
    const note = await trx.selectFrom("notes").select(["id", "article", "hidden"]).where("id", "=", noteId).where("status", "=", "approved").executeTakeFirst();
    if (!note) return { ok: false, reason: "not-found" } as const;
    const inserted = await trx
      .insertInto("reports")
      .values({ id: newId(), note_id: noteId, client, reason, detail, created_at: now, resolved_at: null })
      .onConflict((oc) => oc.columns(["note_id", "client"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return { ok: true, counted: false, hidden: Number(note.hidden) === 1 } as const;
    const after = await trx
      .updateTable("notes")
      .set({ reports: sql`reports + 1`, hidden: sql`case when reports + 1 >= ${REPORTS_TO_HIDE} then 1 else hidden end` })
      .where("id", "=", noteId)
      .returning(["reports", "hidden"])
      .executeTakeFirstOrThrow();
    const hidden = Number(after.hidden) === 1;
    if (hidden && Number(note.hidden) !== 1) {
      await audit(trx, { actor: "system", action: "hide", noteId, article: note.article, detail: `${Number(after.reports)} reports` }, now);
    }
    return { ok: true, counted: true, hidden } as const;
  });
}

export type WorkedVersion = { version: string | null; count: number; lastAt: number };
export type WorkedSummary = { cause: number; count: number; versions: WorkedVersion[] };

/** "This fix worked for me": once per client per cause; saying it again updates the version. */
export async function markWorked(db: Db, input: { article: string; cause: number; version: string | null; client: string }, now: number): Promise<{ counted: boolean }> {
  const existing = await db.selectFrom("worked").select("id").where("article", "=", input.article).where("cause", "=", input.cause).where("client", "=", input.client).executeTakeFirst();
  await db
    .insertInto("worked")
    .values({ id: newId(), article: input.article, cause: input.cause, version: input.version, client: input.client, created_at: now })
    .onConflict((oc) => oc.columns(["article", "cause", "client"]).doUpdateSet({ version: input.version, created_at: now }))
    .execute();
  return { counted: !existing };
}

/** Per cause: how many people it worked for, and on which versions, most recent first. */
export async function workedSummaries(db: Db, article: string): Promise<WorkedSummary[]> {
  const rows = await db
    .selectFrom("worked")
    .select(["cause", "version", (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.max("created_at").as("last")])
    .where("article", "=", article)
    .groupBy(["cause", "version"])
    .execute();
  const byCause = new Map<number, WorkedSummary>();
  for (const row of rows) {
    const cause = Number(row.cause);
    const summary = byCause.get(cause) ?? { cause, count: 0, versions: [] };
    const count = Number(row.n);
    summary.count += count;
    summary.versions.push({ version: row.version, count, lastAt: Number(row.last) });
    byCause.set(cause, summary);
  }
  for (const s of byCause.values()) s.versions.sort((a, b) => b.lastAt - a.lastAt);
  return [...byCause.values()].sort((a, b) => a.cause - b.cause);
}

// ---------- moderation ----------

export type ModerationAction = "approve" | "reject" | "delete";

export type QueueItem = Note & { reportReasons: { reason: string; detail: string | null; createdAt: number }[] };

/** What waits for a moderator: pending notes, and approved notes readers have reported. */
export async function moderationQueue(db: Db): Promise<{ pending: QueueItem[]; reported: QueueItem[] }> {
  const pendingRows = await db.selectFrom("notes").selectAll().where("status", "=", "pending").orderBy("created_at", "asc").limit(200).execute();
  const reportedRows = await db.selectFrom("notes").selectAll().where("status", "=", "approved").where("reports", ">", 0).orderBy("hidden", "desc").orderBy("reports", "desc").limit(200).execute();
  const ids = [...pendingRows, ...reportedRows].map((r) => r.id);
  const reports = ids.length ? await db.selectFrom("reports").selectAll().where("note_id", "in", ids).where("resolved_at", "is", null).orderBy("created_at", "asc").execute() : [];
  const withReports = (row: NoteRow): QueueItem => ({
    ...toNote(row),
    reportReasons: reports.filter((r) => r.note_id === row.id).map((r) => ({ reason: r.reason, detail: r.detail, createdAt: Number(r.created_at) })),
  });
  return { pending: pendingRows.map(withReports), reported: reportedRows.map(withReports) };
}

export async function moderate(db: Kysely<Database>, id: string, action: ModerationAction, actor: string, now: number): Promise<{ ok: true; article: string } | { ok: false; reason: "not-found" }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("notes").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (action === "delete") {
      await trx.deleteFrom("notes").where("id", "=", id).execute();
    } else {
      await trx
        .updateTable("notes")
        .set({ status: action === "approve" ? "approved" : "rejected", hidden: 0, reports: 0, queue_reason: null, reviewed_at: now })
        .where("id", "=", id)
        .execute();
      await trx.updateTable("reports").set({ resolved_at: now }).where("note_id", "=", id).where("resolved_at", "is", null).execute();
    }
    const was = `${row.status}${Number(row.hidden) ? ", hidden" : ""}${Number(row.reports) ? `, ${Number(row.reports)} reports` : ""}`;
    await audit(trx, { actor, action, noteId: id, article: row.article, detail: action === "delete" ? `was ${was}: ${row.body.slice(0, 120)}` : `was ${was}` }, now);
    return { ok: true, article: row.article } as const;
  });
}

export type AuditEntry = { id: string; at: number; actor: string; action: string; noteId: string | null; article: string | null; detail: string | null };

function toAudit(row: AuditRow): AuditEntry {
  return { id: row.id, at: Number(row.at), actor: row.actor, action: row.action, noteId: row.note_id, article: row.article, detail: row.detail };
}

export async function auditLog(db: Db, limit = 100): Promise<AuditEntry[]> {
  const rows = await db.selectFrom("audit_log").selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map(toAudit);
}

// ---------- settings ----------

/** A value kept in the store, created once (the first writer wins across instances). */
export async function setting(db: Db, key: string, create: () => string): Promise<string> {
  const found = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto("settings")
    .values({ key, value: create() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirstOrThrow();
  return row.value;
}

/** Which of these note ids are in the store (the load bench's durability check). */
export async function existingNoteIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.selectFrom("notes").select("id").where("id", "in", chunk).execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export async function countNotes(db: Db): Promise<number> {
  const row = await db.selectFrom("notes").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
