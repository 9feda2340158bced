// `deadline check` over 20 handlers against 20 separate `deadline simulate` calls, and how the
// check scales with 1, 2 and 4 worker threads. Both through bin/deadline.mjs on the bundle, in the
// same run (the machine is noisy: compare ratios). Prints figures; asserts nothing.
//   npx tsx bench/check.ts [repeats, default 3]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "bin", "deadline.mjs");
const REPEATS = Number(process.argv[2] ?? 3);
const project = mkdtempSync(path.join(tmpdir(), "deadline-bench-check-"));
mkdirSync(path.join(project, "handlers"));

// 10 Python and 10 JavaScript/TypeScript handlers of the kinds people run: sleeps, HTTP calls to
// slow hosts, loops of awaits; a few time out, a few go over 80 % of their limit.
type Handler = { name: string; file: string; code: string; platform: string; timeout: number; latency: Record<string, number> };
const handlers: Handler[] = [];
for (let i = 0; i < 10; i++) {
  handlers.push({
    name: `py-${i}`,
    file: `handlers/py_${i}.py`,
    platform: "aws-lambda",
    timeout: 10,
    latency: { "api.example.com": 0.5 + i * 0.25 },
    code: `import time\nimport requests\n\n\ndef lambda_handler(event, context):\n    time.sleep(${i % 4})\n    for _ in range(3):\n        requests.get("https://api.example.com/items", timeout=5)\n    return {"ok": True}\n`,
  });
  handlers.push({
    name: `js-${i}`,
    file: i % 2 ? `handlers/js_${i}.ts` : `handlers/js_${i}.mjs`,
    platform: i % 2 ? "vercel" : "aws-lambda",
    timeout: 15,
    latency: { "api.example.com": 1 + i },
    code: `export ${i % 2 ? "async function GET()" : "const handler = async () =>"} {\n  for (let n = 0; n < 3; n++) await new Promise((r) => setTimeout(r, 500));\n  const res = await fetch("https://api.example.com/items");\n  ${i % 2 ? "return Response.json(await res.json());" : "return { statusCode: 200, body: await res.text() };"}\n}${i % 2 ? "" : ";"}\n`,
  });
}
for (const h of handlers) writeFileSync(path.join(project, h.file), h.code);
writeFileSync(
  path.join(project, "deadline.config.json"),
  JSON.stringify({ handlers: handlers.map(({ name, file, platform, timeout, latency }) => ({ name, file, platform, timeout, latency })) }, null, 2),
);

function time(args: string[]): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: project, env: { ...process.env, DEADLINE_CLI: "bundle" }, encoding: "utf8" });
  if (child.status !== 0 && child.status !== 1) throw new Error(`deadline ${args.join(" ")}: exit ${child.status}\n${child.stderr}`);
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

console.log(`${handlers.length} handlers (10 Python, 10 JS/TS), ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}; ${REPEATS} repeats, medians`);
// One untimed call so both sides start with the Python engine snapshot on disk.
time(["simulate", handlers[0]!.file, "--platform", "aws-lambda", "--timeout", "10"]);

const separate: number[] = [];
const check: Record<number, number[]> = { 1: [], 2: [], 4: [] };
for (let r = 0; r < REPEATS; r++) {
  let total = 0;
  for (const h of handlers) {
    const latency = Object.entries(h.latency).flatMap(([host, sec]) => ["--latency", `${host}=${sec}`]);
    total += time(["simulate", h.file, "--platform", h.platform, "--timeout", String(h.timeout), ...latency]);
  }
  separate.push(total);
  for (const workers of [1, 2, 4]) check[workers]!.push(time(["check", "--workers", String(workers), "--json"]));
}
const one = median(check[1]!);
console.log(`20 separate deadline simulate calls, one after another: ${s(median(separate))}`);
for (const workers of [1, 2, 4]) {
  const m = median(check[workers]!);
  console.log(`deadline check --workers ${workers}: ${s(m)}  (${(median(separate) / m).toFixed(1)}× faster than separate calls; ${(one / m).toFixed(2)}× the speed of 1 worker)`);
}
console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
rmSync(project, { recursive: true, force: true });
