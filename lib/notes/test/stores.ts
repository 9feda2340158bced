import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, inject } from "vitest";
import pg from "pg";
import { openStore, type Store } from "../db";

// Runs a test suite once per store: SQLite always, PostgreSQL when the global setup found one.
// Each suite gets a fresh database: a new SQLite file, or a new PostgreSQL schema.

export type StoreKind = "sqlite" | "postgres";

async function freshPostgres(url: string): Promise<{ config: { databaseUrl: string }; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return {
    config: { databaseUrl: u.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** Opens a fresh store of one kind; the caller closes it with the returned function. */
export async function freshStore(kind: StoreKind): Promise<{ store: Store; close: () => Promise<void> }> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "deadline-notes-"));
    const store = await openStore({ file: path.join(dir, "notes.sqlite") });
    return {
      store,
      close: async () => {
        await store.db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = inject("postgresUrl");
  if (!url) throw new Error("no PostgreSQL for this run");
  const fresh = await freshPostgres(url);
  const store = await openStore(fresh.config);
  return {
    store,
    close: async () => {
      await store.db.destroy();
      await fresh.drop();
    },
  };
}

/** describe() once per store, with `current()` returning that suite's open store. */
export function describeEachStore(name: string, body: (current: () => Store, kind: StoreKind) => void): void {
  const kinds: StoreKind[] = ["sqlite", "postgres"];
  for (const kind of kinds) {
    const skip = kind === "postgres" && !inject("postgresUrl");
    const run = skip ? describe.skip : describe;
    run(`${name} [${kind}${skip ? `: skipped, ${inject("postgresSkipReason")}` : ""}]`, () => {
      let opened: { store: Store; close: () => Promise<void> } | undefined;
      beforeAll(async () => {
        opened = await freshStore(kind);
      });
      afterAll(async () => {
        await opened?.close();
      });
      body(() => opened!.store, kind);
    });
  }
}
