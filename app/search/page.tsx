import type { Metadata } from "next";
import { RecentSearches } from "@/components/search/recent-searches.client";
import { SearchPageForm } from "@/components/search/search-page-form.client";
import { SearchResults } from "@/components/search/search-results";
import { ARTICLE_PLATFORMS, type ArticlePlatform } from "@/lib/content/platforms";
import { serverEngine } from "@/lib/search/documents.server";
import { articleUrl } from "@/lib/search/engine";
import { popularArticles } from "@/lib/search/popular";

type Params = { q?: string | string[]; platform?: string | string[] };
type Props = { searchParams: Promise<Params> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const queryOf = (q: string | string[] | undefined) => first(q)?.slice(0, 20_000) ?? "";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = queryOf((await searchParams).q).trim();
  const firstLine = q.split("\n")[0] ?? "";
  return {
    title: q ? `Search: ${firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine}` : "Search",
    robots: { index: false },
    alternates: { canonical: "/search" },
  };
}

// Shareable results: /search?q=… renders on the server, so a link shows the same list to anyone,
// with or without JavaScript. &platform=… keeps the articles of one platform.
export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = queryOf(params.q);
  const engine = await serverEngine();
  // The platforms that have articles, in the site's order; an unknown id filters nothing.
  const present = new Set(engine.docs.map((d) => d.platform));
  const platforms = (Object.keys(ARTICLE_PLATFORMS) as ArticlePlatform[]).filter((id) => present.has(id)).map((id) => ({ id, name: ARTICLE_PLATFORMS[id] }));
  const requested = first(params.platform);
  const platform = platforms.find((p) => p.id === requested);
  const response = q.trim() ? engine.search(q, { limit: 20, platform: platform?.id }) : null;
  const popular = popularArticles(engine.docs).map((d) => ({ slug: d.slug, title: d.title, url: articleUrl(d.slug) }));
  return (
    <main id="main" className="search-main">
      <h1>Search</h1>
      <SearchPageForm key={`${q}\u0000${platform?.id ?? ""}`} initial={q} platform={platform?.id ?? ""} platforms={platforms} />
      {response ? (
        <SearchResults response={response} query={q} platformName={platform?.name} popular={popular} />
      ) : (
        <p className="search-intro">
          Paste an error line, a log excerpt or a whole traceback. Timestamps, ids and paths are ignored; exception types, error codes and messages count most.
        </p>
      )}
      <RecentSearches current={q.trim() ? q : null} />
    </main>
  );
}
