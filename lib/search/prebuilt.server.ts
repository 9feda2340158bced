// The command line's search index: built once ahead of time (scripts/build-cli.mjs writes
// dist/cli/search-index.json) and used for as long as the articles are the ones it was built
// from. A call hashes every article's index.mdx (a few milliseconds) instead of parsing them all
// and building the index (seconds); only when the hash differs is the index rebuilt from MDX, and
// that index is kept in node_modules/.cache/deadline for the next call on the same content.
//
// Node-only. The MDX loader (documents.server) is imported only for a rebuild, so the usual call
// never loads it.

import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createEngine, INDEX_VERSION, type SearchEngine, type SearchIndexData } from "./engine";

/** What an index file holds: the index, and what it was built from. */
export type IndexFile = {
  /** the articles' hash (contentHash) */
  contentHash: string;
  /** the bundle whose code built it: another bundle may rank or tokenise differently */
  build: string;
  data: SearchIndexData;
};

/**
 * SHA-256 over every article folder's name and index.mdx, in name order: the folders the
 * loader reads (listSlugs: not starting with _ or .). A folder without index.mdx counts as such,
 * so the rebuild reports it the way the loader does.
 */
export async function contentHash(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const slugs = entries.filter((e) => e.isDirectory() && !e.name.startsWith("_") && !e.name.startsWith(".")).map((e) => e.name).sort();
  const sources = await Promise.all(slugs.map((slug) => readFile(path.join(dir, slug, "index.mdx")).catch(() => null)));
  const hash = createHash("sha256").update(`index v${INDEX_VERSION}\0`);
  slugs.forEach((slug, i) => {
    const source = sources[i];
    hash.update(`${slug}\0${source ? source.length : -1}\0`);
    if (source) hash.update(source);
  });
  return hash.digest("hex");
}

async function buildData(dir: string): Promise<SearchIndexData> {
  const { buildSearchIndexData } = await import("./documents.server");
  return buildSearchIndexData(dir);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, text);
  await rename(partial, file);
}

/** Builds the index of `dir` and writes it with its hash; returns how many articles it holds. */
export async function writePrebuiltIndex(file: string, dir: string, build: string): Promise<{ articles: number; contentHash: string }> {
  const [hash, data] = await Promise.all([contentHash(dir), buildData(dir)]);
  const index: IndexFile = { contentHash: hash, build, data };
  await writeAtomically(file, JSON.stringify(index));
  return { articles: data.docs.length, contentHash: hash };
}

async function readIndex(file: string, hash: string, build: string): Promise<SearchIndexData | null> {
  try {
    const index = JSON.parse(await readFile(file, "utf8")) as IndexFile;
    if (index.contentHash !== hash || index.build !== build || index.data?.version !== INDEX_VERSION) return null;
    return index.data;
  } catch {
    return null;
  }
}

export type PrebuiltOptions = {
  /** the articles' folder */
  dir: string;
  /** the index built ahead of time (dist/cli/search-index.json) */
  prebuilt: string;
  /** where rebuilt indexes are kept, one file per content hash */
  cacheDir: string;
  /** the bundle's id (its manifest's) */
  build: string;
};

export type LoadedEngine = { engine: SearchEngine; source: "prebuilt" | "cache" | "rebuilt" };

/** The engine for `dir`: from the prebuilt index when the articles match it, else cached or rebuilt. */
export async function prebuiltEngine({ dir, prebuilt, cacheDir, build }: PrebuiltOptions): Promise<LoadedEngine> {
  const hash = await contentHash(dir);
  const ready = await readIndex(prebuilt, hash, build);
  if (ready) return { engine: createEngine(ready), source: "prebuilt" };
  const cached = path.join(cacheDir, `search-index-${hash.slice(0, 16)}.json`);
  const kept = await readIndex(cached, hash, build);
  if (kept) return { engine: createEngine(kept), source: "cache" };
  const data = await buildData(dir);
  // A read-only checkout only loses the speed-up.
  await writeAtomically(cached, JSON.stringify({ contentHash: hash, build, data } satisfies IndexFile)).catch(() => {});
  return { engine: createEngine(data), source: "rebuilt" };
}
