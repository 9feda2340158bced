import type { Metadata } from "next";
import Link from "next/link";
import { ArticlesByPlatform } from "@/components/article/article-list";
import { loadAllMeta } from "@/lib/content/load.server";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default async function NotFound() {
  const articles = await loadAllMeta();
  return (
    <main id="main" className="not-found">
      <h1>This page timed out before it existed</h1>
      <p className="lede">
        Nothing lives at this address. The article you want is probably one of these; or start from the <Link href="/">home page</Link>.
      </p>
      <section aria-labelledby="suggested-title">
        <h2 id="suggested-title">Articles</h2>
        <ArticlesByPlatform articles={articles} headingLevel={3} />
      </section>
    </main>
  );
}
