// `npm run build` with the network out of reach, and proof that it did not even try: the build
// runs in a network namespace of its own (`unshare -n`, when this machine allows it) with every
// outbound connection and DNS lookup recorded (bench/lib/record-network.cjs). Prints the build
// time, what was attempted, and the size of every link-preview image it wrote.
//   npx tsx bench/offline-build.ts
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const log = path.join(root, ".next-network.log");
rmSync(log, { force: true });
rmSync(path.join(root, ".next"), { recursive: true, force: true });

const isolate = spawnSync("unshare", ["-n", "true"]).status === 0;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DEADLINE_NETWORK_LOG: log, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(root, "bench/lib/record-network.cjs")}`.trim() };
const command = isolate ? ["unshare", ["-n", "npm", "run", "build"]] : ["npm", ["run", "build"]];
const started = performance.now();
const build = spawnSync(command[0] as string, command[1] as string[], { env, stdio: ["ignore", "inherit", "inherit"] });
const seconds = (performance.now() - started) / 1000;

const attempts = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : [];
const outbound = attempts.filter((a) => !/ (connect (localhost|127\.0\.0\.1|::1):|lookup localhost$)/.test(a));

function pngs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? pngs(full) : e.name === "opengraph-image.body" ? [full] : [];
  });
}
const images = pngs(path.join(root, ".next", "server", "app")).map((file) => ({ file: path.relative(path.join(root, ".next", "server", "app"), path.dirname(file)), bytes: statSync(file).size }));
const total = images.reduce((sum, i) => sum + i.bytes, 0);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

console.log(`\nbuild: exit ${build.status}, ${seconds.toFixed(1)} s${isolate ? " in a network namespace with no interfaces up (unshare -n)" : " (unshare -n unavailable: network not isolated, attempts still recorded)"}`);
console.log(`network attempts: ${outbound.length === 0 ? "none" : `${outbound.length}\n  ${outbound.join("\n  ")}`}${attempts.length > outbound.length ? ` (${attempts.length - outbound.length} to loopback)` : ""}`);
if (images.length) {
  const sorted = [...images].sort((a, b) => a.bytes - b.bytes);
  console.log(`preview images: ${images.length}, ${kib(total)} in all; smallest ${kib(sorted[0]!.bytes)} (${sorted[0]!.file}), largest ${kib(sorted.at(-1)!.bytes)} (${sorted.at(-1)!.file}), mean ${kib(total / images.length)}`);
}
rmSync(log, { force: true });
process.exit(build.status === 0 && outbound.length === 0 ? 0 : 1);
