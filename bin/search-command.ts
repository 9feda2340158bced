// `deadline search`: the articles that match a pasted error.
import path from "node:path";
import { UsageError } from "../lib/runner/prepare";
import type { SearchEngine } from "../lib/search/engine";
import { SITE_URL } from "../lib/site";
import { EXIT, launchInfo, parseArgs, readAll, FLAGS, usageOf } from "./args";

/** `deadline search` found no article: exit 1, like grep. */
const NO_MATCH = 1;
const MAX_SEARCH_LIMIT = 50;

/**
 * The articles' index. The bundle reads the one built with it while the articles are unchanged
 * (lib/search/prebuilt.server.ts); run from TypeScript, whose search code may differ from the
 * bundle's, it builds the index from every article as the site does.
 */
async function searchEngine(): Promise<SearchEngine> {
  const launch = launchInfo();
  const dir = process.env.DEADLINE_CONTENT_DIR ? path.resolve(process.env.DEADLINE_CONTENT_DIR) : path.join(launch.root, "content", "errors");
  if (launch.via === "bundle" && launch.build) {
    const { prebuiltEngine } = await import("../lib/search/prebuilt.server");
    const dist = path.join(launch.root, "dist", "cli");
    return (await prebuiltEngine({ dir, prebuilt: path.join(dist, "search-index.json"), cacheDir: path.join(launch.root, "node_modules", ".cache", "deadline"), build: launch.build })).engine;
  }
  // Loaded here, not at the top: `simulate` should not pay for reading every article.
  const { serverEngine } = await import("../lib/search/documents.server");
  return serverEngine(dir);
}

export async function search(argv: string[], out: NodeJS.WritableStream, input: NodeJS.ReadableStream): Promise<number> {
  const args = parseArgs(argv, FLAGS.search.valued, FLAGS.search.booleans);
  if (args.bools.has("help")) {
    out.write(`${usageOf("search")}\n`);
    return EXIT.ok;
  }
  const limitText = args.flags.get("limit")?.at(-1);
  const limit = limitText === undefined ? 5 : Number(limitText);
  if (limitText !== undefined && !(/^\d+$/.test(limitText) && limit >= 1 && limit <= MAX_SEARCH_LIMIT)) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got "${limitText}"`);
  }
  let query = args.positional.join(" ");
  if (!query) {
    if ((input as NodeJS.ReadStream).isTTY) throw new UsageError("search needs a query: pass it as an argument or pipe it on stdin");
    query = await readAll(input);
  }
  if (!query.trim()) throw new UsageError("search needs a query: the text is empty");
  const { hits, confident, recognised } = (await searchEngine()).search(query, { limit });
  if (args.bools.has("json")) {
    out.write(`${JSON.stringify(hits.map(({ slug, title, url, platform, score }) => ({ slug, title, url: `${SITE_URL}${url}`, platform, score })))}\n`);
    return hits.length ? EXIT.ok : NO_MATCH;
  }
  if (!confident) {
    const found = [...recognised.exceptions, ...recognised.codes].slice(0, 6);
    out.write(`No article matches this well${found.length ? ` (recognised: ${found.join(", ")})` : ""}.${hits.length ? " The closest:" : ""}\n`);
  }
  hits.forEach((hit, i) => {
    out.write(`${i + 1}. ${hit.title}  [${hit.platformName}, ${hit.score.toFixed(2)}]\n   ${SITE_URL}${hit.url}${hit.cause ? `  (cause ${hit.cause.n}: ${hit.cause.title})` : ""}\n`);
  });
  return hits.length ? EXIT.ok : NO_MATCH;
}

