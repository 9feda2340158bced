// Whether dist/cli (the `deadline` command bundled ahead of time by scripts/build-cli.mjs) was
// built from the sources as they are now. Plain JavaScript: bin/deadline.mjs asks before it has
// any TypeScript loader, on every call, so this has to cost a few milliseconds, not a build.
//
// The manifest lists every project file the bundle was built from with its size, mtime and
// SHA-256. A file whose size and mtime match is taken as unchanged; one whose mtime moved (a git
// checkout touches files it rewrites) is hashed, so only a real change of content makes the
// bundle stale. Dependencies count through package-lock.json.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DIST = path.join(ROOT, "dist", "cli");
export const MANIFEST = path.join(DIST, "manifest.json");
export const MANIFEST_VERSION = 1;

export function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

/** [size, mtimeMs, sha256] of a project file, as the manifest stores it. */
export function fingerprint(relative, root = ROOT) {
  const file = path.join(root, relative);
  const info = statSync(file);
  return [info.size, info.mtimeMs, sha256(readFileSync(file))];
}

/**
 * { state: "fresh", manifest } when the bundle matches the sources; otherwise
 * { state: "missing" | "stale", reason } saying what is wrong in words a person can act on.
 */
export function bundleState({ root = ROOT, manifestFile = MANIFEST } = {}) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    return { state: "missing", reason: "dist/cli has not been built" };
  }
  if (manifest.version !== MANIFEST_VERSION) return { state: "stale", reason: "dist/cli was built by another version of the build script" };
  if (manifest.node !== process.versions.node.split(".")[0]) return { state: "stale", reason: `dist/cli was built for Node ${manifest.node}` };
  for (const [relative, [size, mtimeMs, hash]] of Object.entries(manifest.inputs)) {
    let info;
    try {
      info = statSync(path.join(root, relative));
    } catch {
      return { state: "stale", reason: `${relative} is gone since dist/cli was built` };
    }
    if (info.size !== size) return { state: "stale", reason: `${relative} changed since dist/cli was built` };
    if (info.mtimeMs === mtimeMs) continue;
    if (sha256(readFileSync(path.join(root, relative))) !== hash) return { state: "stale", reason: `${relative} changed since dist/cli was built` };
  }
  return { state: "fresh", manifest };
}
