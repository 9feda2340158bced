import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openStore } from "../lib/notes/db";
import { createNote, vote } from "../lib/notes/store";

// `deadline notes export` and `import`, as a person runs them: the command, the environment
// naming the store, a file in between.

const run = promisify(execFile);
const BIN = path.join(import.meta.dirname, "deadline.mjs");
let dir = "";

async function deadline(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: "", ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "deadline-cli-notes-"));
  const store = await openStore({ file: path.join(dir, "from.sqlite") });
  for (let i = 0; i < 3; i++) {
    const r = await createNote(
      store.db,
      { article: "runpod-handler-timeout", cause: i || null, name: `P${i}`, versions: { platform: null, runtime: "Python 3.12", library: null }, body: `CLI round trip note number ${i}, long enough.`, client: `c${i}`, ownerKey: "ab".repeat(32), status: "approved", queueReason: null },
      1_790_000_000_000 + i,
    );
    if (r.ok && i === 0) await vote(store.db, r.note.id, "v", 1, 1_790_000_000_100);
  }
  await store.db.destroy();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("export > file, import file into a fresh store, export again: the same rows", async () => {
  const exported = await deadline({ DEADLINE_DB: path.join(dir, "from.sqlite") }, "notes", "export");
  expect(exported.code).toBe(0);
  expect(exported.stderr).toMatch(/^exported 4 rows from .*from\.sqlite\n$/);
  const file = path.join(dir, "notes.jsonl");
  writeFileSync(file, exported.stdout);

  const imported = await deadline({ DEADLINE_DB: path.join(dir, "to.sqlite") }, "notes", "import", file);
  expect(imported.code).toBe(0);
  expect(imported.stdout).toMatch(/imported into .*to\.sqlite: 3 of 3 notes, 1 of 1 votes, 0 of 0 reports, 0 of 0 "worked for me", 0 of 0 audit entries/);

  const again = await deadline({ DEADLINE_DB: path.join(dir, "to.sqlite") }, "notes", "export");
  expect(again.stdout.split("\n").slice(1)).toEqual(exported.stdout.split("\n").slice(1));
  expect(readFileSync(file, "utf8").split("\n")[0]).toMatch(/^\{"kind":"deadline-notes","version":1,"exportedAt":\d+,"from":"sqlite"\}$/);
});

test("a damaged file is refused whole, with the line, and the store is untouched", async () => {
  const file = path.join(dir, "bad.jsonl");
  const good = (await deadline({ DEADLINE_DB: path.join(dir, "from.sqlite") }, "notes", "export")).stdout.split("\n");
  writeFileSync(file, [good[0], good[1], '{"kind":"vote","note_id":"x"}'].join("\n"));
  const result = await deadline({ DEADLINE_DB: path.join(dir, "empty.sqlite") }, "notes", "import", file);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^deadline: nothing imported; 1 problem:\n {2}line 3: client: /);
  const dry = await deadline({ DEADLINE_DB: path.join(dir, "empty.sqlite") }, "notes", "import", "--dry-run", path.join(dir, "notes.jsonl"));
  expect(dry.stdout).toBe("4 rows are valid; nothing written (--dry-run)\n");
  expect((await deadline({ DEADLINE_DB: path.join(dir, "empty.sqlite") }, "notes", "export")).stderr).toMatch(/^exported 0 rows/);
});

test("usage errors exit 64 and say what to do", async () => {
  expect(await deadline({}, "notes")).toMatchObject({ code: 64, stderr: expect.stringContaining("notes needs a command: export or import") });
  expect(await deadline({}, "notes", "backup")).toMatchObject({ code: 64, stderr: expect.stringContaining('unknown notes command "backup"') });
  expect(await deadline({}, "notes", "import", path.join(dir, "missing.jsonl"))).toMatchObject({ code: 64, stderr: expect.stringContaining("cannot read") });
});
