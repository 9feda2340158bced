// Build-time job, after `next build` (npm's postbuild): writes the search index of the articles
// this build rendered to .next/search-index.json, tagged with the build's id, so `next start`
// loads it instead of reading and indexing every article again (lib/search/documents.server.ts).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { BUILT_INDEX_FILE, buildSearchIndexData, type BuiltIndex } from "../lib/search/documents.server";

const distDir = path.resolve(import.meta.dirname, "..", ".next");
let buildId: string;
try {
  buildId = (await readFile(path.join(distDir, "BUILD_ID"), "utf8")).trim();
} catch {
  console.error(`write-search-index: no ${path.join(distDir, "BUILD_ID")}; run it after next build`);
  process.exit(1);
}
const built: BuiltIndex = { buildId, data: await buildSearchIndexData() };
const file = path.join(distDir, BUILT_INDEX_FILE);
await writeFile(file, JSON.stringify(built));
console.log(`search index for build ${buildId}: ${built.data.docs.length} articles, ${path.relative(process.cwd(), file)}`);
