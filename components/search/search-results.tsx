import Link from "next/link";
import type { SearchResponse } from "@/lib/search/engine";
import { Highlighted } from "./highlighted";
import { RecognisedList } from "./recognised";

/** The results page's list: server-rendered, so it works without JavaScript and can be shared. */
export function SearchResults({ response }: { response: SearchResponse }) {
  const { hits, confident, recognised } = response;
  return (
    <section aria-labelledby="results-title" className="search-results">
      {confident ? (
        <h2 id="results-title">
          {hits.length} {hits.length === 1 ? "article" : "articles"}
        </h2>
      ) : (
        <div className="search-weak search-weak-page">
          <h2 id="results-title">{hits.length ? "No article matches this well" : "No article matches this"}</h2>
          <p>What was recognised in what you pasted:</p>
          <RecognisedList recognised={recognised} />
          {hits.length ? <h3>The closest articles</h3> : null}
        </div>
      )}
      <ol className="search-result-list">
        {hits.map((hit) => (
          <li key={hit.slug} className="search-result">
            <Link href={hit.url} className="search-result-link">
              <span className="search-result-title">
                <Highlighted text={hit.title} matched={hit.matched} />
              </span>
            </Link>
            <span className="search-platform">{hit.platformName}</span>
            <code className="search-option-error">
              <Highlighted text={hit.matchedPhrase ?? hit.error} matched={hit.matched} />
            </code>
            <p className="search-result-summary">
              <Highlighted text={hit.summary} matched={hit.matched} />
            </p>
            {hit.cause ? (
              <p className="search-result-cause">
                Most likely: <Link href={hit.url}>cause {hit.cause.n}, {hit.cause.title}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
