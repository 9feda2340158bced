import { readFile } from "node:fs/promises";
import { configFromEnv, openStore } from "../lib/notes/db";
import { exportLines, ImportError, importRecords, parseLines } from "../lib/notes/transfer";
import { UsageError } from "../lib/runner/prepare";

// `deadline notes export` / `deadline notes import`: the community notes store as JSON Lines,
// from and to whichever store the environment names (DATABASE_URL, else DEADLINE_DB, else
// data/deadline.sqlite), the same way `npm start` chooses it.

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

const NOTES_USAGE = `usage:
  deadline notes export > notes.jsonl    every note, vote, report, "worked for me" and audit entry as JSON Lines
  deadline notes import [<file>] [--dry-run]   adds an export to the store (all or nothing; rows already there are kept);
                                         reads stdin without a file; --dry-run only checks it
the store is the one DATABASE_URL (PostgreSQL) or DEADLINE_DB (SQLite, default data/deadline.sqlite) names`;

export async function notesCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, input: NodeJS.ReadableStream): Promise<number> {
  const [sub, ...rest] = argv;
  if (argv.some((a) => a === "--help" || a === "-h") || sub === "help") {
    out.write(`${NOTES_USAGE}\n`);
    return 0;
  }
  if (sub === "export") {
    if (rest.length) throw new UsageError("notes export takes no arguments: it reads the store DATABASE_URL or DEADLINE_DB names, and writes to stdout");
    const store = await openStore(configFromEnv());
    try {
      let rows = 0;
      for await (const line of exportLines(store.db, store.dialect, Date.now())) {
        if (!out.write(`${line}\n`)) await new Promise((resolve) => out.once("drain", resolve));
        rows++;
      }
      err.write(`exported ${rows - 1} rows from ${store.where}\n`);
      return 0;
    } finally {
      await store.db.destroy();
    }
  }
  if (sub === "import") {
    const dryRun = rest.includes("--dry-run");
    const files = rest.filter((a) => a !== "--dry-run");
    const unknown = files.find((a) => a.startsWith("--"));
    if (unknown) throw new UsageError(`unknown flag ${unknown}`);
    if (files.length > 1) throw new UsageError("notes import takes at most one file");
    let text: string;
    if (files[0]) {
      try {
        text = await readFile(files[0], "utf8");
      } catch {
        throw new UsageError(`cannot read ${files[0]}`);
      }
    } else {
      if ((input as NodeJS.ReadStream).isTTY) throw new UsageError("notes import needs a file, or the export piped on stdin");
      text = await readAll(input);
    }
    let records;
    try {
      records = parseLines(text.split("\n"));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      err.write(`deadline: ${error.message}\n`);
      return 2;
    }
    if (dryRun) {
      out.write(`${records.length} rows are valid; nothing written (--dry-run)\n`);
      return 0;
    }
    const store = await openStore(configFromEnv());
    try {
      const summary = await importRecords(store.db, records);
      const names: Record<string, string> = { note: "notes", vote: "votes", report: "reports", worked: '"worked for me"', audit: "audit entries" };
      const parts = Object.entries(summary).map(([kind, s]) => `${s.added} of ${s.read} ${names[kind] ?? kind}`);
      out.write(`imported into ${store.where}: ${parts.join(", ")} (rows already there are kept)\n`);
      return 0;
    } finally {
      await store.db.destroy();
    }
  }
  throw new UsageError(sub ? `unknown notes command "${sub}": export or import` : "notes needs a command: export or import");
}
