// Finding a deploy config the way the platforms' own tools do: in the handler's folder or the
// nearest folder above it, up to the project root.
import { existsSync } from "node:fs";
import path from "node:path";

/** The first of `names` in the file's folder or a folder above it, not above `root`; null if none. */
export function findUp(fromFile: string, root: string, names: readonly string[]): string | null {
  let dir = path.dirname(fromFile);
  const top = path.resolve(root);
  for (;;) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dir === top || !dir.startsWith(top + path.sep)) return null;
    dir = path.dirname(dir);
  }
}

/** A path as the report shows it: relative to the project root, with forward slashes. */
export function shown(file: string, root: string): string {
  const rel = path.relative(root, file);
  return (rel && !rel.startsWith("..") ? rel : file).split(path.sep).join("/");
}

/** `src/handlers/orders` for src/handlers/orders.ts: a module path as handler strings name it. */
export function withoutExtension(file: string): string {
  return file.replace(/\.(?:py|js|mjs|cjs|ts|mts|cts)$/, "");
}
