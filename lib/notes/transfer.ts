import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "./schema";
import { existingNoteIds } from "./store";

// `deadline notes export` / `import`: the whole store as JSON Lines, one record per line, the
// same from SQLite and PostgreSQL. Rate-limit counters are not exported (they expire within a
// day), nor is the key that hashes client addresses (it would make the hashes in the file
// reversible for IPv4); set DEADLINE_SECRET on both stores to keep per-client dedupe across a
// move. Import is all or nothing and idempotent: rows already present are left as they are.

export const FORMAT = "deadline-notes";
export const FORMAT_VERSION = 1;

const int = z.number().int();
const time = z.number().int().nonnegative();
const text = z.string();
const maybe = <T extends z.ZodType>(t: T) => t.nullable();

const noteRecord = z.object({
  kind: z.literal("note"),
  id: text,
  article: text,
  cause: maybe(int),
  name: maybe(text),
  platform: maybe(text),
  runtime: maybe(text),
  library: maybe(text),
  body: text,
  body_key: text,
  status: z.enum(["pending", "approved", "rejected"]),
  queue_reason: maybe(text),
  hidden: z.union([z.literal(0), z.literal(1)]),
  reports: int,
  up: int,
  down: int,
  client: text,
  owner_key: text,
  created_at: time,
  edited_at: maybe(time),
  reviewed_at: maybe(time),
});
const voteRecord = z.object({ kind: z.literal("vote"), note_id: text, client: text, value: z.union([z.literal(1), z.literal(-1)]), created_at: time });
const reportRecord = z.object({ kind: z.literal("report"), id: text, note_id: text, client: text, reason: text, detail: maybe(text), created_at: time, resolved_at: maybe(time) });
const workedRecord = z.object({ kind: z.literal("worked"), id: text, article: text, cause: int, version: maybe(text), client: text, created_at: time });
const auditRecord = z.object({ kind: z.literal("audit"), id: text, at: time, actor: text, action: text, note_id: maybe(text), article: maybe(text), detail: maybe(text) });
const header = z.object({ kind: z.literal(FORMAT), version: z.literal(FORMAT_VERSION), exportedAt: time, from: z.enum(["sqlite", "postgres"]) });

const record = z.discriminatedUnion("kind", [noteRecord, voteRecord, reportRecord, workedRecord, auditRecord]);
type Record = z.infer<typeof record>;

const TABLES = [
  ["note", "notes", "id"],
  ["vote", "votes", "note_id"],
  ["report", "reports", "id"],
  ["worked", "worked", "id"],
  ["audit", "audit_log", "id"],
] as const;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function normalise(kind: string, row: { [key: string]: unknown }): { [key: string]: unknown } {
  // SQLite hands back integers, PostgreSQL's pg may hand back strings for counts: one shape out.
  const out: { [key: string]: unknown } = { kind };
  for (const [key, value] of Object.entries(row)) {
    out[key] = ["cause", "hidden", "reports", "up", "down", "value", "created_at", "edited_at", "reviewed_at", "resolved_at", "at"].includes(key) ? num(value) : value;
  }
  return out;
}

/** Every row of the store as lines of JSON (header first), in an order import can replay. */
export async function* exportLines(db: Kysely<Database>, from: "sqlite" | "postgres", now: number): AsyncGenerator<string> {
  yield JSON.stringify({ kind: FORMAT, version: FORMAT_VERSION, exportedAt: now, from });
  for (const [kind, table] of TABLES) {
    // Keyset pages, so a large store streams instead of loading whole.
    let after: { a: string; b: string } | null = null;
    for (;;) {
      const rows = (await (table === "votes"
        ? db
            .selectFrom("votes")
            .selectAll()
            .$if(after !== null, (q) => q.where((eb) => eb.or([eb("note_id", ">", after!.a), eb.and([eb("note_id", "=", after!.a), eb("client", ">", after!.b)])])))
            .orderBy("note_id")
            .orderBy("client")
            .limit(1000)
            .execute()
        : db
            .selectFrom(table as Exclude<typeof table, "votes">)
            .selectAll()
            .$if(after !== null, (q) => q.where("id", ">", after!.a))
            .orderBy("id")
            .limit(1000)
            .execute())) as { [key: string]: unknown }[];
      for (const row of rows) yield JSON.stringify(normalise(kind, row));
      if (rows.length < 1000) break;
      const last = rows[rows.length - 1]!;
      after = table === "votes" ? { a: String(last.note_id), b: String(last.client) } : { a: String(last.id), b: "" };
    }
  }
}

export class ImportError extends Error {}

export type ImportSummary = { [K in (typeof TABLES)[number][0]]: { read: number; added: number } };

/** Parses and checks every line first; writes nothing unless the whole file is valid. */
export function parseLines(lines: readonly string[]): Record[] {
  const records: Record[] = [];
  const problems: string[] = [];
  let sawHeader = false;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      return;
    }
    if (!sawHeader) {
      const h = header.safeParse(value);
      if (!h.success) {
        problems.push(`line ${i + 1}: expected the header {"kind":"${FORMAT}","version":${FORMAT_VERSION},...} written by \`deadline notes export\``);
        return;
      }
      sawHeader = true;
      return;
    }
    const parsed = record.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`line ${i + 1}: ${issue?.path.join(".") || "record"}: ${issue?.message ?? "invalid"}`);
      return;
    }
    records.push(parsed.data);
  });
  if (!sawHeader && problems.length === 0) problems.push("the file is empty: expected the output of `deadline notes export`");
  if (problems.length) throw new ImportError(`nothing imported; ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n  ${problems.slice(0, 20).join("\n  ")}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ""}`);
  return records;
}

export async function importRecords(db: Kysely<Database>, records: readonly Record[]): Promise<ImportSummary> {
  const summary = Object.fromEntries(TABLES.map(([kind]) => [kind, { read: 0, added: 0 }])) as ImportSummary;
  await db.transaction().execute(async (trx) => {
    for (const [kind, table] of TABLES) {
      let rows = records.filter((r) => r.kind === kind).map(({ kind: _kind, ...row }) => row);
      summary[kind].read = rows.length;
      if (table === "votes" || table === "reports") {
        // A vote or report whose note was skipped (another note there has the same body) has
        // nothing to belong to: skipped too, rather than failing the whole import.
        const ids = [...new Set(rows.map((r) => (r as { note_id: string }).note_id))];
        const present = await existingNoteIds(trx, ids);
        rows = rows.filter((r) => present.has((r as { note_id: string }).note_id));
      }
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        // Conflicts (the row is already there, or a note with the same body) are skipped.
        const added = await trx
          .insertInto(table)
          .values(chunk as never)
          .onConflict((oc) => oc.doNothing())
          .returning(table === "votes" ? "note_id" : "id")
          .execute();
        summary[kind].added += added.length;
      }
    }
  });
  return summary;
}
