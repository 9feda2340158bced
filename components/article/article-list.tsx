import Link from "next/link";
import type { ArticleMeta } from "@/lib/content/load.server";
import { ARTICLE_PLATFORMS, platformName, type ArticlePlatform } from "@/lib/content/platforms";
import { articlePath } from "@/lib/site";

export function ArticleCard({ meta }: { meta: ArticleMeta }) {
  const { frontmatter } = meta;
  return (
    <li className="article-card">
      <Link href={articlePath(meta.slug)}>
        <span className="card-title">{frontmatter.title}</span>
        <code className="card-error">{frontmatter.error}</code>
        <span className="card-meta">
          <span className={`dot dot-${frontmatter.severity}`} aria-hidden="true" />
          {frontmatter.severity} severity · {frontmatter.fixTime}
        </span>
      </Link>
    </li>
  );
}

/** Articles grouped by platform, in the order of the platform list. */
export function ArticlesByPlatform({ articles, headingLevel = 2 }: { articles: ArticleMeta[]; headingLevel?: 2 | 3 }) {
  const groups = new Map<ArticlePlatform, ArticleMeta[]>();
  for (const id of Object.keys(ARTICLE_PLATFORMS) as ArticlePlatform[]) {
    const list = articles.filter((a) => a.frontmatter.platform === id);
    if (list.length) groups.set(id, list.sort((a, b) => a.frontmatter.title.localeCompare(b.frontmatter.title)));
  }
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="platform-groups">
      {[...groups].map(([platform, list]) => (
        <section key={platform} id={`platform-${platform}`} className="platform-group" aria-labelledby={`platform-${platform}-title`}>
          <Heading id={`platform-${platform}-title`}>
            {platformName(platform)} <span className="count">{list.length}</span>
          </Heading>
          <ul className="article-cards">
            {list.map((meta) => (
              <ArticleCard key={meta.slug} meta={meta} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
