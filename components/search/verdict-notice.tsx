import Link from "next/link";
import type { SearchHit, SearchResponse } from "@/lib/search/engine";
import { requestHref } from "@/lib/search/paste";
import { RecognisedList } from "./recognised";

export type PopularLink = { slug: string; title: string; url: string };

type Props = {
  response: SearchResponse;
  query: string;
  /** the results page (headings) or the search box's popup (compact) */
  variant: "page" | "popup";
  /** where to go when nothing comes close: shown when there are no closest articles */
  popular?: PopularLink[];
};

function titleOf(hits: SearchHit[], slug: string): string | undefined {
  return hits.find((h) => h.slug === slug)?.title;
}

/**
 * What the search could not settle, said plainly: two articles about as likely (and the log lines
 * that would tell them apart), or an error Deadline has no article for (what was recognised, the
 * closest two at most, a way to ask for one, and where else to look).
 */
export function VerdictNotice({ response, query, variant, popular = [] }: Props) {
  const { verdict, hits, contrast, recognised, condensed } = response;
  const Heading = variant === "page" ? "h2" : "p";
  if (verdict === "ambiguous" && contrast) {
    const items = contrast.filter((c) => titleOf(hits, c.slug));
    return (
      <div className={`search-verdict search-verdict-ambiguous search-verdict-${variant}`}>
        <Heading id={variant === "page" ? "results-title" : undefined} className="search-verdict-title">
          Two articles fit this equally well
        </Heading>
        {items.length === 2 ? (
          <>
            <p className="search-verdict-lead">What would tell them apart:</p>
            <ul className="search-contrast">
              {items.map((c) => (
                <li key={c.slug}>
                  <strong>{titleOf(hits, c.slug)}</strong> ({c.platformName})
                  {c.lookFor.length ? (
                    <>
                      {" "}
                      if your logs also show{" "}
                      {c.lookFor.map((s, i) => (
                        <span key={s}>
                          {i ? " or " : ""}
                          <code>{s}</code>
                        </span>
                      ))}
                    </>
                  ) : (
                    <> if it ran on {c.platformName}</>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );
  }
  if (verdict !== "not-covered") return null;
  return (
    <div className={`search-verdict search-verdict-none search-verdict-${variant}`}>
      <Heading id={variant === "page" ? "results-title" : undefined} className="search-verdict-title">
        Deadline has no article for this error
      </Heading>
      <p className="search-verdict-lead">{variant === "page" ? "It does not look like a timeout any article covers. What was recognised in what you pasted:" : "What was recognised:"}</p>
      <RecognisedList recognised={recognised} />
      <p className="search-verdict-actions">
        <Link href={requestHref(query, condensed)} className="search-request-link">
          Request an article
        </Link>
        {hits.length === 0 ? (
          <>
            {" · "}
            <Link href="/#articles">Browse articles by platform</Link>
          </>
        ) : null}
      </p>
      {hits.length ? (
        <Heading className="search-verdict-subtitle">{hits.length === 1 ? "The closest article" : "The closest two"}</Heading>
      ) : popular.length ? (
        <>
          <Heading className="search-verdict-subtitle">Popular articles</Heading>
          <ul className="search-popular">
            {popular.map((p) => (
              <li key={p.slug}>
                <Link href={p.url}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
