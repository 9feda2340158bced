// Runs once when `next start` boots a server, before it takes requests: loads the search engine
// (from the index the build wrote, or every article read and indexed when there is none) so the
// first /search?q= or /api/search does not pay for it.
// https://nextjs.org/docs/app/guides/instrumentation (Next 15+: stable, no config flag)

export async function register() {
  // The Edge runtime has no file system; only the Node.js server searches.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEngine } = await import("./lib/search/documents.server");
  const started = performance.now();
  try {
    await serverEngine();
    console.log(`search engine warmed in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    // A content error is reported by the first search that needs the engine, with its file and field.
    console.error("search engine warm-up failed:", error instanceof Error ? error.message : error);
  }
}
