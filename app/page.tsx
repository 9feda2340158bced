import Link from "next/link";
import { ArticlesByPlatform } from "@/components/article/article-list";
import { SearchBox } from "@/components/search/search-box.client";
import { loadAllMeta } from "@/lib/content/load.server";
import { searchPageHref } from "@/lib/search/paste";
import { SITE_TAGLINE } from "@/lib/site";

// Example chips: each one runs its search (a plain link to the results page, so it works without JavaScript).
const EXAMPLES = ["Task timed out after 3.00 seconds", "FUNCTION_INVOCATION_TIMEOUT", "[CRITICAL] WORKER TIMEOUT", "asyncio.exceptions.TimeoutError"];

export default async function HomePage() {
  const articles = await loadAllMeta();
  return (
    <main id="main" className="home">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Why did your handler run out of time?</h1>
        <p className="lede">{SITE_TAGLINE}</p>
        <SearchBox variant="hero" primary />
        <ul className="hero-examples" aria-label="Errors people bring here: search one">
          {EXAMPLES.map((example) => (
            <li key={example}>
              <Link href={searchPageHref(example)}>
                <code>{example}</code>
              </Link>
            </li>
          ))}
        </ul>
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
