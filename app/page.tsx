import { ArticlesByPlatform } from "@/components/article/article-list";
import { SearchBox } from "@/components/search/search-box.client";
import { loadAllMeta } from "@/lib/content/load.server";
import { SITE_TAGLINE } from "@/lib/site";

export default async function HomePage() {
  const articles = await loadAllMeta();
  return (
    <main id="main" className="home">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Why did your handler run out of time?</h1>
        <p className="lede">{SITE_TAGLINE}</p>
        <SearchBox variant="hero" primary />
        <p className="hero-examples" aria-label="Errors people bring here">
          <code>Task timed out after 3.00 seconds</code> <code>FUNCTION_INVOCATION_TIMEOUT</code> <code>[CRITICAL] WORKER TIMEOUT</code>{" "}
          <code>asyncio.exceptions.TimeoutError</code>
        </p>
      </section>
      <section id="articles" aria-labelledby="articles-title" className="home-articles">
        <h2 id="articles-title" className="visually-hidden">
          Articles by platform
        </h2>
        <ArticlesByPlatform articles={articles} headingLevel={3} />
      </section>
    </main>
  );
}
