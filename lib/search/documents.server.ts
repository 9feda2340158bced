// Reads every article with the same loader and schema the build uses, and builds the index data.
// Node-only: used at build time by the static index route, and by the CLI and the API.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { contentDir, listSlugs, parseArticleSource } from "../content/load.server";
import { platformName } from "../content/platforms";
import { articleDocument, type ArticleDocument } from "./documents";
import { buildIndexData, createEngine, INDEX_VERSION, type SearchEngine, type SearchIndexData } from "./engine";

export async function loadArticleDocuments(dir = contentDir()): Promise<ArticleDocument[]> {
  const slugs = await listSlugs(dir);
  return Promise.all(
    slugs.map(async (slug) => {
      const file = path.join(dir, slug, "index.mdx");
      const { frontmatter, body } = parseArticleSource(await readFile(file, "utf8"), path.relative(process.cwd(), file) || file);
      return articleDocument({
        slug,
        title: frontmatter.title,
        error: frontmatter.error,
        summary: frontmatter.summary,
        platform: frontmatter.platform,
        platformName: platformName(frontmatter.platform),
        signatures: frontmatter.signatures,
        notThis: frontmatter.notThis ?? [],
        body,
      });
    }),
  );
}

export async function buildSearchIndexData(dir = contentDir()): Promise<SearchIndexData> {
  return buildIndexData(await loadArticleDocuments(dir));
}

// One engine per server process and content folder: articles only change with a new build. Next
// bundles the search page, the API route and instrumentation.ts separately, each with its own copy
// of this module, so the cache lives on globalThis: the engine warmed at start-up is the one every
// route uses.
const ENGINES = Symbol.for("deadline.search.engines");
const engines: Map<string, Promise<SearchEngine>> = ((globalThis as Record<symbol, unknown>)[ENGINES] as Map<string, Promise<SearchEngine>> | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[ENGINES] = engines;

/**
 * The index `npm run build` wrote beside its output (scripts/write-search-index.ts), with the id of
 * that build. Reading it costs a JSON parse; building it again costs reading and parsing every
 * article, seconds on a busy machine, which the first search after `next start` would wait for.
 */
export const BUILT_INDEX_FILE = "search-index.json";

export type BuiltIndex = { buildId: string; data: SearchIndexData };

/** The built index, when this is `next start` on the build that wrote it; otherwise null. */
export async function readBuiltIndex(distDir = path.join(process.cwd(), ".next")): Promise<SearchIndexData | null> {
  // `next dev` reads the articles as they are being edited.
  if (process.env.NODE_ENV !== "production") return null;
  let buildId: string;
  let built: BuiltIndex;
  try {
    buildId = (await readFile(path.join(distDir, "BUILD_ID"), "utf8")).trim();
    built = JSON.parse(await readFile(path.join(distDir, BUILT_INDEX_FILE), "utf8")) as BuiltIndex;
  } catch {
    return null;
  }
  // Another build's index (a build that failed before writing it) would answer for other articles.
  if (built.buildId !== buildId || built.data?.version !== INDEX_VERSION) return null;
  return built.data;
}

export function serverEngine(dir = contentDir()): Promise<SearchEngine> {
  let engine = engines.get(dir);
  if (!engine) {
    const data = dir === contentDir() ? readBuiltIndex().then((built) => built ?? buildSearchIndexData(dir)) : buildSearchIndexData(dir);
    engine = data.then(createEngine);
    engine.catch(() => engines.delete(dir));
    engines.set(dir, engine);
  }
  return engine;
}
