// How long the first search waits after `next start` (run `npm run build` first): starts the built
// site on a free loopback port, sends GET /search?q=… the moment the port accepts connections, and
// prints how long the server took to listen and how long that first request took, then a second
// one for comparison. Repeated --runs times, each with a fresh server.
//
//   npx tsx bench/search-first-request.ts [--runs 3] [--wait <seconds>] [--path '/api/search?q=...']
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const RUNS = Number(option("runs", "3"));
/** seconds to wait after the port accepts before the first request (0: at once, as a first visitor would) */
const WAIT = Number(option("wait", "0"));
const PATH = option("path", `/search?q=${encodeURIComponent("panic: runtime error: index out of range [3] with length 3\ngoroutine 1 [running]:")}`);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - started;
}

const ms = (v: number) => `${Math.round(v)} ms`;
for (let run = 1; run <= RUNS; run++) {
  const port = await freePort();
  const started = performance.now();
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr.on("data", (d: Buffer) => (log += d.toString()));
  try {
    const deadline = started + 120_000;
    while (!(await accepts(port))) {
      if (performance.now() > deadline || server.exitCode !== null) throw new Error(`next start did not listen:\n${log}`);
      await sleep(20);
    }
    const listening = performance.now() - started;
    if (WAIT) await sleep(WAIT * 1000);
    const first = await timed(`http://127.0.0.1:${port}${PATH}`);
    const second = await timed(`http://127.0.0.1:${port}${PATH}`);
    const warmed = /search engine warmed in (\d+) ms/.exec(log)?.[1];
    console.log(`run ${run}: listening after ${ms(listening)}; ${WAIT ? `after ${WAIT} s more, ` : ""}first ${PATH.split("?")[0]} ${ms(first)}, second ${ms(second)}${warmed ? `; engine warmed in ${warmed} ms at start-up` : "; no warm-up logged"}`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}
