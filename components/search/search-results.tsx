import Link from "next/link";
import type { SearchResponse } from "@/lib/search/engine";
import { Highlighted } from "./highlighted";
import { VerdictNotice, type PopularLink } from "./verdict-notice";
import "./search-verdict.css";

type Props = {
  response: SearchResponse;
  query: string;
  /** the platform the list is filtered to, if any */
  platformName?: string;
  popular?: PopularLink[];
};

/** The results page's list: server-rendered, so it works without JavaScript and can be shared. */
export function SearchResults({ response, query, platformName, popular }: Props) {
  const { hits, verdict } = response;
  // Filtered to one platform, a tie between two platforms' articles is settled by the filter.
  const listed = verdict === "match" || (verdict === "ambiguous" && platformName !== undefined);
  return (
    <section aria-labelledby="results-title" className="search-results">
      {listed ? (
        <h2 id="results-title">
          {hits.length} {hits.length === 1 ? "article" : "articles"}
          {platformName ? ` on ${platformName}` : ""}
        </h2>
      ) : (
        <VerdictNotice response={response} query={query} variant="page" popular={popular} />
      )}
      {hits.length === 0 && platformName && verdict !== "not-covered" ? <p className="search-intro">No article on {platformName} matches: try all platforms.</p> : null}
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
            {hit.ruledOut ? (
              <p className="search-result-ruled-out">
                Ranked lower: your paste has <code>{hit.ruledOut}</code>, which this article says is a different error.
              </p>
            ) : null}
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
