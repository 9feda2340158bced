import type { Kysely } from "kysely";

// Dialect-neutral: only types both SQLite and PostgreSQL spell the same way (text, integer,
// bigint), no defaults computed by the database, ids made by the application. Every statement is
// `if not exists` so two processes that race to create a fresh SQLite file both succeed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notes")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("article", "text", (c) => c.notNull())
    .addColumn("cause", "integer")
    .addColumn("name", "text")
    .addColumn("platform", "text")
    .addColumn("runtime", "text")
    .addColumn("library", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("queue_reason", "text")
    .addColumn("hidden", "integer", (c) => c.notNull())
    .addColumn("reports", "integer", (c) => c.notNull())
    .addColumn("up", "integer", (c) => c.notNull())
    .addColumn("down", "integer", (c) => c.notNull())
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("owner_key", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("edited_at", "bigint")
    .addColumn("reviewed_at", "bigint")
    .execute();
  await db.schema.createIndex("notes_article_status").ifNotExists().on("notes").columns(["article", "status", "hidden"]).execute();
  await db.schema.createIndex("notes_status_created").ifNotExists().on("notes").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("notes_client").ifNotExists().on("notes").columns(["client", "status"]).execute();

  await db.schema
    .createTable("worked")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("article", "text", (c) => c.notNull())
    .addColumn("cause", "integer", (c) => c.notNull())
    .addColumn("version", "text")
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("worked_once_per_client", ["article", "cause", "client"])
    .execute();

  await db.schema
    .createTable("votes")
    .ifNotExists()
    .addColumn("note_id", "text", (c) => c.notNull().references("notes.id").onDelete("cascade"))
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("value", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("votes_pk", ["note_id", "client"])
    .execute();

  await db.schema
    .createTable("reports")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("note_id", "text", (c) => c.notNull().references("notes.id").onDelete("cascade"))
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("resolved_at", "bigint")
    .addUniqueConstraint("reports_once_per_client", ["note_id", "client"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("note_id", "text")
    .addColumn("article", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("audit_log_at").ifNotExists().on("audit_log").column("at").execute();

  await db.schema
    .createTable("rate_limits")
    .ifNotExists()
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limits_pk", ["key", "window_start"])
    .execute();

  await db.schema
    .createTable("settings")
    .ifNotExists()
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["settings", "rate_limits", "audit_log", "reports", "votes", "worked", "notes"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
