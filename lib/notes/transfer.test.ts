import { expect, inject, test } from "vitest";
import * as notes from "./store";
import { freshStore, type StoreKind } from "./test/stores";
import { exportLines, importRecords, ImportError, parseLines } from "./transfer";

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

async function fill(db: Awaited<ReturnType<typeof freshStore>>["store"]["db"]) {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await notes.createNote(
      db,
      {
        article: i % 2 ? "runpod-handler-timeout" : "vercel-function-invocation-timeout",
        cause: i % 3 === 0 ? null : i,
        name: i === 1 ? null : `Poster ${i} «ünïcode»`,
        versions: { platform: "Vercel", runtime: i === 2 ? null : "Node 22", library: null },
        body: `Note ${i}: \`maxDuration = 60\` in the route, with "quotes" and a\nnewline.`,
        client: `c${i}`,
        ownerKey: "ab".repeat(32),
        status: i === 4 ? "pending" : "approved",
        queueReason: i === 4 ? "a link from a first-time poster" : null,
      },
      T0 + i,
    );
    if (!r.ok) throw new Error("setup");
    ids.push(r.note.id);
  }
  await notes.vote(db, ids[0]!, "v1", 1, T0 + 10);
  await notes.vote(db, ids[0]!, "v2", -1, T0 + 11);
  await notes.report(db, ids[1]!, "r1", "wrong", "not on 1.13", T0 + 12);
  await notes.markWorked(db, { article: "runpod-handler-timeout", cause: 2, version: "runpod-python 1.12.0", client: "w1" }, T0 + 13);
  await notes.moderate(db, ids[3]!, "reject", "admin:test", T0 + 14);
}

async function dump(db: Awaited<ReturnType<typeof freshStore>>["store"]["db"], from: "sqlite" | "postgres"): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of exportLines(db, from, T0)) lines.push(line);
  return lines;
}

const withoutHeader = (lines: string[]) => lines.slice(1);

const kinds: StoreKind[] = inject("postgresUrl") ? ["sqlite", "postgres"] : ["sqlite"];
for (const from of kinds) {
  for (const to of kinds) {
    test(`export from ${from}, import into ${to}, export again: the same lines`, async () => {
      const a = await freshStore(from);
      const b = await freshStore(to);
      try {
        await fill(a.store.db);
        const first = await dump(a.store.db, a.store.dialect);
        expect(first.length).toBe(1 + 5 + 2 + 1 + 1 + 1);
        const summary = await importRecords(b.store.db, parseLines(first));
        expect(summary).toEqual({ note: { read: 5, added: 5 }, vote: { read: 2, added: 2 }, report: { read: 1, added: 1 }, worked: { read: 1, added: 1 }, audit: { read: 1, added: 1 } });
        expect(withoutHeader(await dump(b.store.db, b.store.dialect))).toEqual(withoutHeader(first));
        // Importing again adds nothing and changes nothing.
        const again = await importRecords(b.store.db, parseLines(first));
        expect(Object.values(again).map((s) => s.added)).toEqual([0, 0, 0, 0, 0]);
        expect(withoutHeader(await dump(b.store.db, b.store.dialect))).toEqual(withoutHeader(first));
        // The imported store works: votes keep counting on imported notes.
        const votedNote = first.map((l) => JSON.parse(l) as { kind: string; id: string; status?: string }).find((r) => r.kind === "note" && r.status === "approved")!;
        expect((await notes.vote(b.store.db, votedNote.id, "v3", 1, T0 + 20)).ok).toBe(true);
      } finally {
        await a.close();
        await b.close();
      }
    });
  }
}

test("a file with a bad line imports nothing, and says which line", async () => {
  const a = await freshStore("sqlite");
  try {
    await fill(a.store.db);
    const lines = await dump(a.store.db, "sqlite");
    const broken = [...lines];
    broken[3] = broken[3]!.replace(/"status":"[a-z]+"/, '"status":"published"');
    broken.splice(5, 0, "{oops");
    expect(() => parseLines(broken)).toThrow(ImportError);
    expect(() => parseLines(broken)).toThrow(/nothing imported; 2 problems:\n {2}line 4: status: .*\n {2}line 6: not JSON/);
    expect(() => parseLines([])).toThrow(/the file is empty/);
    expect(() => parseLines(['{"kind":"note"}'])).toThrow(/line 1: expected the header/);
  } finally {
    await a.close();
  }
});
