// Load on the community notes store through `next start` on loopback (run `npm run build` first):
// N writers posting notes and N readers listing an article's notes, for a fixed time, per store;
// then the same with the server killed (SIGKILL) mid-run and restarted, counting how many notes
// were acknowledged with a 201 and how many of those the store holds afterwards.
//
//   npx tsx bench/notes-load.ts [--seconds 60] [--writers 8] [--readers 8] [--store sqlite|postgres|both]
//
// Bounded in time (--seconds per phase) and in count (at most 500,000 requests per phase); only
// 127.0.0.1 is contacted. The bench acts as the load balancer: each write carries its own
// X-Forwarded-For address (IPv6 documentation prefix) so per-client rate limits stay out of the
// way, as they would for many real clients. PostgreSQL is a throwaway cluster with its defaults
// (fsync on); SQLite is a file in a temp folder, WAL, synchronous=FULL.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openStore, type StoreConfig } from "../lib/notes/db";
import { existingNoteIds } from "../lib/notes/store";
import { postgresAvailable, startThrowawayPostgres } from "../lib/notes/throwaway-postgres";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SECONDS = Number(flag("seconds", "60"));
const WRITERS = Number(flag("writers", "8"));
const READERS = Number(flag("readers", "8"));
const STORES = flag("store", "both");
const MAX_REQUESTS = 500_000;
const SLUGS = ["runpod-handler-timeout", "aws-lambda-task-timed-out", "vercel-function-invocation-timeout", "netlify-function-timeout"];

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

function startServer(port: number, config: StoreConfig): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: config.databaseUrl ?? "", DEADLINE_DB: config.file ?? "" };
  // The server itself, not npx: SIGKILL must hit the process that holds the store open.
  return spawn(process.execPath, [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], { env, stdio: "ignore", detached: true });
}

async function waitReady(origin: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${origin}/api/notes?article=${SLUGS[0]}`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`the server at ${origin} did not come up`);
}

async function formCookie(origin: string): Promise<string> {
  const response = await fetch(`${origin}/errors/${SLUGS[0]}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("dl_form="));
  await response.arrayBuffer();
  if (!cookie) throw new Error("no form token on the article page");
  await sleep(3_200); // the minimum time-to-submit
  return cookie.split(";")[0]!;
}

type Sample = { ms: number; status: number };
type Tally = { writes: Sample[]; reads: Sample[]; acked: string[]; failed: Map<string, number> };

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function load(origin: () => string, cookie: () => string, seconds: number, tally: Tally, label: string, stopSignal: { stop: boolean }): Promise<void> {
  const until = performance.now() + seconds * 1000;
  let requests = 0;
  let seq = 0;
  const more = () => !stopSignal.stop && performance.now() < until && requests++ < MAX_REQUESTS;
  const fail = (what: string) => tally.failed.set(what, (tally.failed.get(what) ?? 0) + 1);
  const writer = async (w: number) => {
    while (more()) {
      const n = seq++;
      const body = {
        article: SLUGS[n % SLUGS.length],
        cause: n % 3 ? String((n % 3) + 0) : "",
        name: `bench ${w}`,
        runtime: "Node 20",
        body: `${label} note ${n} from writer ${w}: raising the timeout to ${n % 900} s fixed it on this version.`,
      };
      const started = performance.now();
      try {
        const response = await fetch(`${origin()}/api/notes`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: origin(), cookie: cookie(), "x-forwarded-for": `2001:db8:${(w + 1).toString(16)}:${(n % 65535).toString(16)}::1` },
          body: JSON.stringify(body),
        });
        const data = (await response.json()) as { note?: { id: string } };
        tally.writes.push({ ms: performance.now() - started, status: response.status });
        if (response.status === 201 && data.note) tally.acked.push(data.note.id);
        else fail(`write ${response.status}`);
      } catch {
        fail("write: connection failed");
        await sleep(50);
      }
    }
  };
  const reader = async (r: number) => {
    let i = r;
    while (more()) {
      const started = performance.now();
      try {
        const response = await fetch(`${origin()}/api/notes?article=${SLUGS[i++ % SLUGS.length]}`);
        await response.arrayBuffer();
        tally.reads.push({ ms: performance.now() - started, status: response.status });
        if (response.status !== 200) fail(`read ${response.status}`);
      } catch {
        fail("read: connection failed");
        await sleep(50);
      }
    }
  };
  await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), ...Array.from({ length: READERS }, (_, r) => reader(r))]);
}

function report(name: string, tally: Tally, seconds: number) {
  const line = (what: string, samples: Sample[]) => {
    const ok = samples.filter((s) => s.status < 400).map((s) => s.ms);
    return `${what}: ${(ok.length / seconds).toFixed(1)}/s (${ok.length} ok of ${samples.length}), p50 ${percentile(ok, 50).toFixed(1)} ms, p95 ${percentile(ok, 95).toFixed(1)} ms, p99 ${percentile(ok, 99).toFixed(1)} ms`;
  };
  console.log(`  ${line("writes", tally.writes)}`);
  console.log(`  ${line("reads ", tally.reads)}`);
  if (tally.failed.size) console.log(`  not ok: ${[...tally.failed].map(([k, v]) => `${k} ×${v}`).join(", ")}`);
  void name;
}

function kill(server: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-server.pid!, signal);
  } catch {}
}

async function runStore(name: "sqlite" | "postgres") {
  let config: StoreConfig;
  let cleanup: () => void;
  if (name === "postgres") {
    const cluster = await startThrowawayPostgres({ durable: true });
    config = { databaseUrl: cluster.url };
    cleanup = cluster.stop;
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "deadline-bench-notes-"));
    config = { file: path.join(dir, "notes.sqlite") };
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    // Create and migrate before the server starts, as `npm start` would on its first request.
    await (await openStore(config)).db.destroy();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;

    console.log(`\n${name}: ${WRITERS} writers + ${READERS} readers, ${SECONDS} s, next start on ${origin}`);
    let server = startServer(port, config);
    await waitReady(origin);
    let cookie = await formCookie(origin);
    const steady: Tally = { writes: [], reads: [], acked: [], failed: new Map() };
    await load(() => origin, () => cookie, SECONDS, steady, "steady", { stop: false });
    report(name, steady, SECONDS);

    console.log(`${name}, kill -9 at ${SECONDS / 2} s and restart:`);
    const crash: Tally = { writes: [], reads: [], acked: [], failed: new Map() };
    const running = load(() => origin, () => cookie, SECONDS, crash, "crash", { stop: false });
    await sleep((SECONDS / 2) * 1000);
    kill(server, "SIGKILL");
    const killedAt = crash.acked.length;
    server = startServer(port, config);
    const restartStarted = performance.now();
    await waitReady(origin);
    console.log(`  killed after ${killedAt} acknowledged writes; back up in ${((performance.now() - restartStarted) / 1000).toFixed(1)} s`);
    await running;
    kill(server, "SIGTERM");
    report(name, crash, SECONDS);

    const store = await openStore(config);
    try {
      const acked = [...steady.acked, ...crash.acked];
      const present = await existingNoteIds(store.db, acked);
      const crashPresent = crash.acked.filter((id) => present.has(id)).length;
      console.log(`  acknowledged (201) in the kill -9 run: ${crash.acked.length}, in the store afterwards: ${crashPresent}${crashPresent === crash.acked.length ? " (all)" : `, MISSING ${crash.acked.length - crashPresent}`}`);
      console.log(`  acknowledged in both runs: ${acked.length}, present: ${present.size}`);
    } finally {
      await store.db.destroy();
    }
  } finally {
    cleanup();
  }
}

const stores: ("sqlite" | "postgres")[] = STORES === "both" ? ["sqlite", "postgres"] : [STORES as "sqlite" | "postgres"];
if (stores.includes("postgres") && !postgresAvailable()) {
  console.log("postgres: skipped, PostgreSQL's binaries are not installed (apt-get install postgresql)");
  stores.splice(stores.indexOf("postgres"), 1);
}
for (const s of stores) await runStore(s);
