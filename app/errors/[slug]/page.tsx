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
import { CommunityNotes } from "@/components/notes/community-notes";
import { loadCommunity } from "@/lib/notes/community.server";

type Props = { params: Promise<{ slug: string }> };

// Every article is generated at build time; an unknown slug is a 404, never a render. Former
// slugs (`aliases:` in frontmatter) are generated too, as permanent redirects to the article.
export const dynamicParams = false;

// The article stays a static page; its community notes come from the store when the page is
// generated. Regenerated in the background at most every 30 s while it is being read (ISR), and
// at once on the instance that took a post, an edit or a moderator's decision (revalidatePath in
// the notes API). Next's cache is per instance, so behind a load balancer the 30 s is what bounds
// how stale any instance's copy can be; see README "Community notes".
export const revalidate = 30;

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
  const [article, twin, community] = await Promise.all([loadArticle(slug), loadTwinArticle(slug), loadCommunity(slug)]);
  const { frontmatter } = article;
  const components = articleComponents({
    slug,
    pair: article.pair,
    simulate: frontmatter.simulate,
    platform: frontmatter.platform,
    platformName: platformName(frontmatter.platform),
    copies: Object.fromEntries(twin.outline.causes.map((c) => [String(c.n), causeMarkdown(twin, c)])),
    community,
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
            <CommunityNotes community={community} causes={article.outline.causes.map(({ n, title }) => ({ n, title }))} />
          </div>
          <aside className="article-aside">
            <TableOfContents outline={article.outline} />
          </aside>
        </div>
      </article>
    </main>
  );
}
