import type { Metadata } from "next";
import { SearchPageForm } from "@/components/search/search-page-form.client";
import { SearchResults } from "@/components/search/search-results";
import { serverEngine } from "@/lib/search/documents.server";

type Props = { searchParams: Promise<{ q?: string | string[] }> };

const queryOf = (q: string | string[] | undefined) => (Array.isArray(q) ? q[0] : q)?.slice(0, 20_000) ?? "";

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
// with or without JavaScript.
export default async function SearchPage({ searchParams }: Props) {
  const q = queryOf((await searchParams).q);
  const response = q.trim() ? (await serverEngine()).search(q, { limit: 20 }) : null;
  return (
    <main id="main" className="search-main">
      <h1>Search</h1>
      <SearchPageForm key={q} initial={q} />
      {response ? (
        <SearchResults response={response} />
      ) : (
        <p className="search-intro">
          Paste an error line, a log excerpt or a whole traceback. Timestamps, ids and paths are ignored; exception types, error codes and messages count most.
        </p>
      )}
    </main>
  );
}
