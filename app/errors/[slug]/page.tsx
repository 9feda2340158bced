import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import { ArticleHeader } from "@/components/article/article-header";
import { TableOfContents } from "@/components/article/toc";
import { Verification } from "@/components/article/verification";
import { ArticleBody } from "@/components/mdx/article-body";
import { RunnerPanel } from "@/components/runner/runner-panel";
import { articleComponents } from "@/components/mdx/mdx-components";
import { listSlugs, loadAliases, loadArticle, loadArticleMeta } from "@/lib/content/load.server";
import { platformName } from "@/lib/content/platforms";
import { loadTwinArticle } from "@/lib/content/twins/load.server";
import { causeMarkdown } from "@/lib/content/twins/markdown";
import { articleMetadata } from "@/lib/content/twins/metadata";
import { articlePath } from "@/lib/site";

type Props = { params: Promise<{ slug: string }> };

// Every article is generated at build time; an unknown slug is a 404, never a render. Former
// slugs (`aliases:` in frontmatter) are generated too, as permanent redirects to the article.
export const dynamicParams = false;

export async function generateStaticParams() {
  return [...(await listSlugs()), ...(await loadAliases()).keys()].map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  if ((await loadAliases()).has(slug)) return {};
  const { frontmatter } = await loadArticleMeta(slug);
  return articleMetadata(slug, frontmatter);
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const renamed = (await loadAliases()).get(slug);
  if (renamed) permanentRedirect(articlePath(renamed));
  const [article, twin] = await Promise.all([loadArticle(slug), loadTwinArticle(slug)]);
  const { frontmatter } = article;
  const components = articleComponents({
    slug,
    pair: article.pair,
    simulate: frontmatter.simulate,
    platform: frontmatter.platform,
    platformName: platformName(frontmatter.platform),
    copies: Object.fromEntries(twin.outline.causes.map((c) => [String(c.n), causeMarkdown(twin, c)])),
  });
  return (
    <main id="main" className="article-main">
      <article className="article" data-slug={slug}>
        <ArticleHeader slug={slug} frontmatter={frontmatter} />
        <div className="article-layout">
          <div className="article-content prose">
            <ArticleBody code={article.code} components={components} />
            {article.pair ? null : (
              <section id="try-it" aria-labelledby="try-it-title" className="article-section">
                <h2 id="try-it-title">Try your handler</h2>
                <RunnerPanel slug={slug} pair={null} simulate={frontmatter.simulate} articlePlatform={frontmatter.platform} />
              </section>
            )}
            <Verification frontmatter={frontmatter} />
          </div>
          <aside className="article-aside">
            <TableOfContents outline={article.outline} />
          </aside>
        </div>
      </article>
    </main>
  );
}
