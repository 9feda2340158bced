import { execFile } from "node:child_process";
import { mkdtemp, mkdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { bundleState, fingerprint, MANIFEST_VERSION } from "./bundle.mjs";

const run = promisify(execFile);
const BIN = path.join(import.meta.dirname, "deadline.mjs");

async function project() {
  const root = await mkdtemp(path.join(tmpdir(), "deadline-bundle-"));
  await mkdir(path.join(root, "lib"));
  await writeFile(path.join(root, "lib", "a.ts"), "export const a = 1;\n");
  await writeFile(path.join(root, "lib", "b.ts"), "export const b = 2;\n");
  const manifestFile = path.join(root, "manifest.json");
  const manifest = { version: MANIFEST_VERSION, id: "test", node: process.versions.node.split(".")[0], builtAt: "", inputs: { "lib/a.ts": fingerprint("lib/a.ts", root), "lib/b.ts": fingerprint("lib/b.ts", root) } };
  await writeFile(manifestFile, JSON.stringify(manifest));
  return { root, manifestFile };
}

test("the bundle is fresh while its sources are as built, even when a checkout only touched them", async () => {
  const { root, manifestFile } = await project();
  expect(bundleState({ root, manifestFile }).state).toBe("fresh");
  // git checkout rewrites a file with the same content: a new mtime, the same bytes
  await writeFile(path.join(root, "lib", "a.ts"), "export const a = 1;\n");
  await utimes(path.join(root, "lib", "a.ts"), new Date(), new Date(Date.now() + 5000));
  expect(bundleState({ root, manifestFile }).state).toBe("fresh");
});

test("a changed, resized or removed source makes it stale, naming the file", async () => {
  const { root, manifestFile } = await project();
  await writeFile(path.join(root, "lib", "b.ts"), "export const b = 3;\n");
  await utimes(path.join(root, "lib", "b.ts"), new Date(), new Date(Date.now() + 5000));
  expect(bundleState({ root, manifestFile })).toEqual({ state: "stale", reason: "lib/b.ts changed since dist/cli was built" });
  await writeFile(path.join(root, "lib", "b.ts"), "export const b = 30;\n");
  expect(bundleState({ root, manifestFile })).toMatchObject({ state: "stale", reason: expect.stringMatching(/lib\/b\.ts changed/) });
  const other = await project();
  await import("node:fs/promises").then((fs) => fs.rm(path.join(other.root, "lib", "a.ts")));
  expect(bundleState(other)).toEqual({ state: "stale", reason: "lib/a.ts is gone since dist/cli was built" });
  expect(bundleState({ root, manifestFile: path.join(root, "nothing.json") })).toEqual({ state: "missing", reason: "dist/cli has not been built" });
});

test("the tests run the bundle; DEADLINE_CLI=tsx runs the TypeScript, with the same answers", async () => {
  const bundled = await run(process.execPath, [BIN, "--version"]);
  expect(bundled.stdout).toMatch(/^deadline \d+\.\d+\.\d+ \(bundled: dist\/cli, build [0-9a-f]{16} of /);
  const tsx = await run(process.execPath, [BIN, "--version"], { env: { ...process.env, DEADLINE_CLI: "tsx" } });
  expect(tsx.stdout).toMatch(/\(TypeScript through tsx, slower to start: DEADLINE_CLI=tsx\)/);
  const [a, b] = await Promise.all([run(process.execPath, [BIN, "platforms", "--json"]), run(process.execPath, [BIN, "platforms", "--json"], { env: { ...process.env, DEADLINE_CLI: "tsx" } })]);
  expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
  const bad = await run(process.execPath, [BIN, "--version"], { env: { ...process.env, DEADLINE_CLI: "fast" } }).catch((error: { code: number; stderr: string }) => error);
  expect(bad).toMatchObject({ code: 64, stderr: expect.stringMatching(/DEADLINE_CLI must be "tsx" or "bundle"/) });
});
