import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type DialectAdapter } from "kysely";
import type { Database } from "./schema";
import { MIGRATIONS } from "./migrations";

// The one connection to the notes store. One dialect, chosen from the environment:
//   DATABASE_URL=postgres://…   PostgreSQL, shared by every `next start` behind a load balancer
//   DEADLINE_DB=path/to/file    SQLite (better-sqlite3, WAL), default data/deadline.sqlite
// The database is created and migrated on first use, so `npm start` needs no setup step.

export type Store = { db: Kysely<Database>; dialect: "sqlite" | "postgres"; where: string };

export type StoreConfig = { databaseUrl?: string; file?: string };

export const DEFAULT_DB_FILE = "data/deadline.sqlite";

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { file: env.DEADLINE_DB || DEFAULT_DB_FILE };
}

/**
 * Kysely's SQLite adapter takes no migration lock: it assumes one process. `next build` renders
 * pages in several worker processes and several `next start` may share one file, so the lock
 * here is SQLite's own write lock, held for the whole migration (BEGIN IMMEDIATE waits for it
 * under busy_timeout). SQLite's DDL is transactional, so a migration lands whole or not at all.
 */
class LockingSqliteAdapter extends SqliteAdapter {
  #locked = false;
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`begin immediate`.execute(db);
    this.#locked = true;
  }
  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    if (!this.#locked) return;
    this.#locked = false;
    await sql`commit`.execute(db);
  }
}

class LockingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter();
  }
}

async function openSqlite(file: string): Promise<Kysely<Database>> {
  // Imported here, not at the top: a PostgreSQL deployment never loads the native module.
  const { default: BetterSqlite3 } = await import("better-sqlite3");
  const resolved = path.resolve(/*turbopackIgnore: true*/ file);
  mkdirSync(path.dirname(resolved), { recursive: true });
  const database = new BetterSqlite3(resolved);
  // WAL: readers never wait for the writer. synchronous=FULL: a commit is on disk before the
  // 201 that acknowledges it, so neither kill -9 nor a power cut loses an acknowledged note
  // (NORMAL would survive kill -9 but not power loss). busy_timeout: other processes' writers
  // are waited for, not failed.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  return new Kysely<Database>({ dialect: new LockingSqliteDialect({ database }) });
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DEADLINE_DB_POOL ?? 10),
    // int8 (our epoch-millisecond columns) arrives as a string by default; every value we store
    // is far below 2^53, so a number is exact.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export async function migrate(db: Kysely<Database>, dialect: "sqlite" | "postgres"): Promise<void> {
  // In PostgreSQL the migration tables go in the schema the store's tables go in (the first of
  // search_path); Kysely would otherwise find another schema's and skip creating its own.
  const schema = dialect === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`the notes store could not be migrated${failed ? ` (migration ${failed})` : ""}: ${(error as Error).message ?? String(error)}`);
  }
}

/** Opens (creating and migrating if needed) a store. Tests and the CLI call this directly. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store: Store = config.databaseUrl
    ? { db: await openPostgres(config.databaseUrl), dialect: "postgres", where: redact(config.databaseUrl) }
    : { db: await openSqlite(config.file ?? DEFAULT_DB_FILE), dialect: "sqlite", where: path.resolve(/*turbopackIgnore: true*/ config.file ?? DEFAULT_DB_FILE) };
  try {
    await migrate(store.db, store.dialect);
  } catch (error) {
    await store.db.destroy();
    throw error;
  }
  return store;
}

/** A connection string without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}

// Next loads route handlers, pages and the proxy as separate bundles in one process: the store
// lives on globalThis so they share one connection (and one SQLite handle) instead of one each.
const KEY = Symbol.for("deadline.notes.store");
type Holder = { [KEY]?: Promise<Store> };

/** The process's store, from the environment. */
export function getStore(): Promise<Store> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openStore(configFromEnv()).catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

export async function closeStore(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[KEY];
  delete holder[KEY];
  if (pending) await (await pending).db.destroy();
}
