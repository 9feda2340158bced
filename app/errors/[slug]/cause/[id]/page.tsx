import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { ArticleBody } from "@/components/mdx/article-body";
import { causeOnlyComponents } from "@/components/mdx/cause-only";
import { CopyButton } from "@/components/copy-button.client";
import { loadArticle } from "@/lib/content/load.server";
import { platformName } from "@/lib/content/platforms";
import { loadAllTwinArticles, loadTwinArticle } from "@/lib/content/twins/load.server";
import { causeMarkdown, causeSummary } from "@/lib/content/twins/markdown";
import { articleMetadata } from "@/lib/content/twins/metadata";
import { articlePath, formatMonth } from "@/lib/site";

type Props = { params: Promise<{ slug: string; id: string }> };

// A page for one cause, so a link shared in Slack or Discord unfurls with that cause's own
// title and image. People reading the article use its #anchor; this page points back there.
export const dynamicParams = false;

export async function generateStaticParams() {
  const articles = await loadAllTwinArticles();
  return articles.flatMap(({ slug, outline }) =>
    outline.causes.flatMap((c) => (c.id === c.alias ? [{ slug, id: c.id }] : [{ slug, id: c.id }, { slug, id: c.alias }])),
  );
}

async function find(slug: string, id: string) {
  const article = await loadTwinArticle(slug);
  const cause = article.outline.causes.find((c) => c.id === id || c.alias === id);
  if (!cause) notFound();
  return { article, cause };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const { article, cause } = await find(slug, id);
  const base = articleMetadata(slug, article.frontmatter, {
    title: `Cause ${cause.n}: ${cause.title} (${article.frontmatter.title})`,
    description: causeSummary(article, cause),
    path: `${articlePath(slug)}/cause/${cause.id}`,
  });
  // The article is what search engines should list; this page is for link previews.
  return { ...base, robots: { index: false, follow: true } };
}

export default async function CausePage({ params }: Props) {
  const { slug, id } = await params;
  const { article, cause } = await find(slug, id);
  if (cause.id !== id) permanentRedirect(`${articlePath(slug)}/cause/${cause.id}`);
  const compiled = await loadArticle(slug);
  const fm = article.frontmatter;
  const permalink = `${articlePath(slug)}#${cause.id}`;
  return (
    <main id="main" className="article-main cause-page">
      <article className="article" data-slug={slug} data-cause={cause.n}>
        <header className="article-header">
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <ol>
              <li>
                <Link href="/">Articles</Link>
              </li>
              <li>
                <Link href={`/#platform-${fm.platform}`}>{platformName(fm.platform)}</Link>
              </li>
              <li>
                <Link href={articlePath(slug)}>{fm.title}</Link>
              </li>
            </ol>
          </nav>
          <p className="cause-kicker">
            Cause {cause.n} of {article.outline.causes.length}
          </p>
          <h1>{cause.title}</h1>
          <p className="error-name">
            <span className="visually-hidden">Error: </span>
            <code>{fm.error}</code>
          </p>
          <p className="verified-line">
            <a href={fm.verify} rel="noopener noreferrer" className="verified-link">
              Verified {formatMonth(fm.verified)}
            </a>
            <span aria-hidden="true"> · </span>
            <span>{fm.versions}</span>
          </p>
          <p className="article-actions">
            <Link href={permalink}>Read it in the whole article</Link>
            <CopyButton what={{ text: causeMarkdown(article, cause) }} label={`Copy fix for cause ${cause.n} as Markdown: ${cause.title}`} done="Fix copied as Markdown">
              Copy fix
            </CopyButton>
          </p>
        </header>
        <div className="article-content prose">
          <ArticleBody code={compiled.code} components={causeOnlyComponents(cause.n, articlePath(slug))} />
        </div>
      </article>
    </main>
  );
}
