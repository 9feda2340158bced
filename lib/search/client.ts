// The browser's engine: fetched and built the first time someone searches, then kept for the page's
// life. Imported lazily by the search box, so flexsearch costs nothing until it is used.

import { createEngine, type SearchEngine, type SearchIndexData } from "./engine";

export const INDEX_URL = "/search/index.json";

let engine: Promise<SearchEngine> | null = null;

export function browserEngine(url = INDEX_URL): Promise<SearchEngine> {
  if (!engine) {
    engine = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
        return response.json() as Promise<SearchIndexData>;
      })
      .then(createEngine);
    // A failed load (offline, a deploy in between) is retried on the next search.
    engine.catch(() => (engine = null));
  }
  return engine;
}
