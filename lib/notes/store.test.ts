import { mkdtempSync, rmSync } from "node:fs";
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { sql } from "kysely";
import { expect, test } from "vitest";
import { openStore } from "./db";
import { EDIT_WINDOW_MS, RATE_LIMITS } from "./limits";
import { hitRateLimit } from "./rate-limit";
import * as notes from "./store";
import { describeEachStore } from "./test/stores";

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
let seq = 0;

function draft(overrides: Partial<notes.NewNote> = {}): notes.NewNote {
  seq += 1;
  return {
    article: "runpod-handler-timeout",
    cause: null,
    name: "Ada",
    versions: { platform: "RunPod", runtime: "Python 3.12", library: "runpod-python 1.12.0" },
    body: `Raising executionTimeout to 600 fixed it for me, note ${seq}.`,
    client: `client-${seq}`,
    ownerKey: "ab".repeat(32),
    status: "approved",
    queueReason: null,
    ...overrides,
  };
}

describeEachStore("notes store", (current) => {
  const db = () => current().db;

  test("a note is stored with its versions and read back as posted", async () => {
    const created = await notes.createNote(db(), draft({ cause: 2 }), T0);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const read = await notes.getNote(db(), created.note.id);
    expect(read).toEqual(created.note);
    expect(read).toMatchObject({ cause: 2, versions: { library: "runpod-python 1.12.0" }, status: "approved", hidden: false, up: 0, down: 0, createdAt: T0 });
  });

  test("a body that differs only in case and spacing is a duplicate", async () => {
    const first = await notes.createNote(db(), draft({ body: "Set   executionTimeout in the endpoint settings, not the handler." }), T0);
    expect(first.ok).toBe(true);
    const again = await notes.createNote(db(), draft({ body: "set executionTimeout in the endpoint\nsettings, NOT the handler." }), T0);
    expect(again).toEqual({ ok: false, reason: "duplicate" });
  });

  test("two instances posting the same body at once store it once", async () => {
    const body = `Concurrent body ${Math.random()} that two instances receive together.`;
    const results = await Promise.all(Array.from({ length: 8 }, () => notes.createNote(db(), draft({ body }), T0)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toHaveLength(7);
  });

  test("readers see approved notes only, not pending, rejected or hidden ones", async () => {
    const article = "vercel-function-invocation-timeout";
    const shown = await notes.createNote(db(), draft({ article }), T0);
    const pending = await notes.createNote(db(), draft({ article, status: "pending", queueReason: "a link from a first-time poster" }), T0);
    const rejected = await notes.createNote(db(), draft({ article }), T0);
    if (!shown.ok || !pending.ok || !rejected.ok) throw new Error("setup");
    await notes.moderate(db(), rejected.note.id, "reject", "admin:test", T0 + 1);
    const { notes: listed, total } = await notes.listPublished(db(), article);
    expect(listed.map((n) => n.id)).toEqual([shown.note.id]);
    expect(total).toBe(1);
  });

  test("an article shows at most its best notes, and counts the rest", async () => {
    const article = "aws-lambda-init-timeout";
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await notes.createNote(db(), draft({ article }), T0 + i);
      if (r.ok) ids.push(r.note.id);
    }
    await notes.vote(db(), ids[0]!, "x", 1, T0);
    const { notes: shown, total } = await notes.listPublished(db(), article, 3);
    expect(total).toBe(5);
    expect(shown.map((n) => n.id)).toEqual([ids[0], ids[4], ids[3]]);
  });

  test("one vote per client: again changes nothing, the other way moves it", async () => {
    const created = await notes.createNote(db(), draft(), T0);
    if (!created.ok) throw new Error("setup");
    const id = created.note.id;
    expect(await notes.vote(db(), id, "voter-a", 1, T0)).toEqual({ ok: true, up: 1, down: 0, changed: true });
    expect(await notes.vote(db(), id, "voter-a", 1, T0)).toEqual({ ok: true, up: 1, down: 0, changed: false });
    expect(await notes.vote(db(), id, "voter-b", -1, T0)).toEqual({ ok: true, up: 1, down: 1, changed: true });
    expect(await notes.vote(db(), id, "voter-a", -1, T0)).toEqual({ ok: true, up: 0, down: 2, changed: true });
    expect(await notes.vote(db(), "no-such-note", "voter-a", 1, T0)).toEqual({ ok: false, reason: "not-found" });
  });

  test("concurrent votes from many clients are all counted", async () => {
    const created = await notes.createNote(db(), draft(), T0);
    if (!created.ok) throw new Error("setup");
    await Promise.all(Array.from({ length: 30 }, (_, i) => notes.vote(db(), created.note.id, `crowd-${i}`, i % 3 === 0 ? -1 : 1, T0)));
    const note = await notes.getNote(db(), created.note.id);
    expect({ up: note?.up, down: note?.down }).toEqual({ up: 20, down: 10 });
  });

  test("the third distinct report hides a note until a moderator approves it again", async () => {
    const created = await notes.createNote(db(), draft({ article: "netlify-function-timeout" }), T0);
    if (!created.ok) throw new Error("setup");
    const id = created.note.id;
    expect(await notes.report(db(), id, "r1", "wrong", "did not work on 1.13", T0)).toEqual({ ok: true, counted: true, hidden: false });
    expect(await notes.report(db(), id, "r1", "spam", null, T0)).toEqual({ ok: true, counted: false, hidden: false });
    expect(await notes.report(db(), id, "r2", "spam", null, T0)).toEqual({ ok: true, counted: true, hidden: false });
    expect(await notes.report(db(), id, "r3", "abuse", null, T0 + 5)).toEqual({ ok: true, counted: true, hidden: true });
    expect((await notes.listPublished(db(), "netlify-function-timeout")).notes.map((n) => n.id)).not.toContain(id);
    const queue = await notes.moderationQueue(db());
    const item = queue.reported.find((n) => n.id === id);
    expect(item?.hidden).toBe(true);
    expect(item?.reportReasons.map((r) => r.reason)).toEqual(["wrong", "spam", "abuse"]);
    expect((await notes.auditLog(db())).find((e) => e.noteId === id && e.action === "hide")).toMatchObject({ actor: "system", detail: "3 reports" });

    await notes.moderate(db(), id, "approve", "admin:test", T0 + 10);
    const back = await notes.getNote(db(), id);
    expect(back).toMatchObject({ hidden: false, reports: 0, status: "approved", reviewedAt: T0 + 10 });
    expect((await notes.moderationQueue(db())).reported.map((n) => n.id)).not.toContain(id);
  });

  test("moderation: approve, reject and delete are each in the audit log; delete takes votes and reports with it", async () => {
    const a = await notes.createNote(db(), draft({ status: "pending", queueReason: "a link from a first-time poster" }), T0);
    const b = await notes.createNote(db(), draft(), T0);
    if (!a.ok || !b.ok) throw new Error("setup");
    expect((await notes.moderationQueue(db())).pending.map((n) => n.id)).toContain(a.note.id);
    await notes.moderate(db(), a.note.id, "approve", "admin:abc", T0 + 1);
    expect((await notes.getNote(db(), a.note.id))?.status).toBe("approved");
    await notes.vote(db(), b.note.id, "v", 1, T0);
    await notes.report(db(), b.note.id, "r", "spam", null, T0);
    expect(await notes.moderate(db(), b.note.id, "delete", "admin:abc", T0 + 2)).toEqual({ ok: true, article: "runpod-handler-timeout" });
    expect(await notes.getNote(db(), b.note.id)).toBeNull();
    expect(await notes.moderate(db(), b.note.id, "delete", "admin:abc", T0 + 3)).toEqual({ ok: false, reason: "not-found" });
    const log = await notes.auditLog(db(), 500);
    expect(log.find((e) => e.noteId === a.note.id && e.action === "approve")).toMatchObject({ actor: "admin:abc", detail: "was pending" });
    expect(log.find((e) => e.noteId === b.note.id && e.action === "delete")?.detail).toContain("was approved, 1 reports:");
  });

  test("the poster edits and deletes within 15 minutes, with the right key only", async () => {
    const key = "cd".repeat(32);
    const created = await notes.createNote(db(), draft({ ownerKey: key }), T0);
    if (!created.ok) throw new Error("setup");
    const id = created.note.id;
    const edit = { name: "Ada L.", versions: { platform: null, runtime: "Python 3.13", library: null }, body: "Edited: executionTimeout 600 plus idle timeout 5.", status: "approved" as const, queueReason: null };
    expect(await notes.editOwnNote(db(), id, "ef".repeat(32), edit, T0 + 1000)).toEqual({ ok: false, reason: "not-owner" });
    expect(await notes.editOwnNote(db(), id, null, edit, T0 + 1000)).toEqual({ ok: false, reason: "not-owner" });
    const edited = await notes.editOwnNote(db(), id, key, edit, T0 + 60_000);
    expect(edited).toMatchObject({ ok: true, note: { name: "Ada L.", body: edit.body, editedAt: T0 + 60_000, versions: { runtime: "Python 3.13", platform: null } } });
    expect(await notes.editOwnNote(db(), id, key, edit, T0 + EDIT_WINDOW_MS + 1)).toEqual({ ok: false, reason: "window-closed" });
    expect(await notes.deleteOwnNote(db(), id, key, T0 + EDIT_WINDOW_MS + 1)).toEqual({ ok: false, reason: "window-closed" });
    expect(await notes.getNote(db(), id)).not.toBeNull();

    const other = await notes.createNote(db(), draft({ ownerKey: key }), T0);
    if (!other.ok) throw new Error("setup");
    expect(await notes.editOwnNote(db(), other.note.id, key, { ...edit }, T0 + 1)).toEqual({ ok: false, reason: "duplicate" });
    expect(await notes.deleteOwnNote(db(), other.note.id, key, T0 + 2)).toEqual({ ok: true, article: "runpod-handler-timeout" });
    expect(await notes.getNote(db(), other.note.id)).toBeNull();
    expect((await notes.auditLog(db(), 500)).filter((e) => e.actor === "owner" && [id, other.note.id].includes(e.noteId ?? "")).map((e) => e.action).sort()).toEqual(["delete", "edit"]);
  });

  test("a rejected note cannot be edited by its poster", async () => {
    const key = "12".repeat(32);
    const created = await notes.createNote(db(), draft({ ownerKey: key }), T0);
    if (!created.ok) throw new Error("setup");
    await notes.moderate(db(), created.note.id, "reject", "admin:x", T0 + 1);
    expect(await notes.deleteOwnNote(db(), created.note.id, key, T0 + 2)).toEqual({ ok: false, reason: "rejected" });
  });

  test("first-time posters are known by whether any note of theirs was approved", async () => {
    expect(await notes.hasApprovedNote(db(), "newcomer")).toBe(false);
    const pending = await notes.createNote(db(), draft({ client: "newcomer", status: "pending", queueReason: "x" }), T0);
    expect(await notes.hasApprovedNote(db(), "newcomer")).toBe(false);
    if (!pending.ok) throw new Error("setup");
    await notes.moderate(db(), pending.note.id, "approve", "admin:x", T0);
    expect(await notes.hasApprovedNote(db(), "newcomer")).toBe(true);
  });

  test("'worked for me' counts each client once per cause, newest version first", async () => {
    const article = "aws-lambda-task-timed-out";
    expect(await notes.markWorked(db(), { article, cause: 1, version: "Node 20", client: "w1" }, T0)).toEqual({ counted: true });
    expect(await notes.markWorked(db(), { article, cause: 1, version: "Node 22", client: "w2" }, T0 + 10)).toEqual({ counted: true });
    expect(await notes.markWorked(db(), { article, cause: 1, version: "Node 22", client: "w3" }, T0 + 20)).toEqual({ counted: true });
    expect(await notes.markWorked(db(), { article, cause: 1, version: null, client: "w4" }, T0 + 5)).toEqual({ counted: true });
    expect(await notes.markWorked(db(), { article, cause: 2, version: "Node 18", client: "w1" }, T0)).toEqual({ counted: true });
    // The same client again: not counted twice, its version updated.
    expect(await notes.markWorked(db(), { article, cause: 1, version: "Node 22", client: "w1" }, T0 + 30)).toEqual({ counted: false });
    expect(await notes.workedSummaries(db(), article)).toEqual([
      {
        cause: 1,
        count: 4,
        versions: [
          { version: "Node 22", count: 3, lastAt: T0 + 30 },
          { version: null, count: 1, lastAt: T0 + 5 },
        ],
      },
      { cause: 2, count: 1, versions: [{ version: "Node 18", count: 1, lastAt: T0 }] },
    ]);
  });

  test("rate limits count per client and window, and say when to come back", async () => {
    const { limit, windowMs } = RATE_LIMITS.note;
    const start = Math.floor(T0 / windowMs) * windowMs;
    for (let i = 0; i < limit; i++) expect((await hitRateLimit(db(), "note", "busy", start + i)).ok).toBe(true);
    const refused = await hitRateLimit(db(), "note", "busy", start + 60_000);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: (windowMs - 60_000) / 1000, limit, windowSeconds: windowMs / 1000 });
    expect((await hitRateLimit(db(), "note", "someone-else", start + 60_000)).ok).toBe(true);
    expect((await hitRateLimit(db(), "vote", "busy", start + 60_000)).ok).toBe(true);
    expect((await hitRateLimit(db(), "note", "busy", start + windowMs)).ok).toBe(true);
  });

  test("concurrent requests cannot overshoot a rate limit", async () => {
    const { limit } = RATE_LIMITS.vote;
    const results = await Promise.all(Array.from({ length: limit + 10 }, () => hitRateLimit(db(), "vote", "racer", T0)));
    expect(results.filter((r) => r.ok)).toHaveLength(limit);
  });

  test("a setting is created once; later callers get the first value", async () => {
    const first = await notes.setting(db(), "k", () => "one");
    const second = await notes.setting(db(), "k", () => "two");
    expect([first, second]).toEqual(["one", "one"]);
  });
});

// Two processes (next build's workers, or two `next start` on one machine) opening a file that
// does not exist yet: both must come up, and the schema must be created once.
const OPENER = `
  const { openStore } = await import(process.argv[1]);
  const store = await openStore({ file: process.argv[2] });
  await store.db.destroy();
  console.log("opened");
`;

test("the SQLite file is created and migrated once when several processes open it at once, in WAL mode", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "deadline-notes-"));
  const file = path.join(dir, "nested", "notes.sqlite");
  const dbModule = pathToFileURL(path.resolve("lib/notes/db.ts")).href;
  try {
    const run = () =>
      new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", OPENER, dbModule, file], { encoding: "utf8" }, (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim()),
        );
      });
    expect(await Promise.all([run(), run(), run()])).toEqual(["opened", "opened", "opened"]);
    const store = await openStore({ file });
    const created = await notes.createNote(store.db, draft(), T0);
    expect(created.ok).toBe(true);
    const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
    expect(migrations.rows.map((r) => r.name)).toEqual(["0001-initial"]);
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    expect(rows[0]?.journal_mode).toBe("wal");
    await store.db.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
