import { loadArticleDocuments } from "@/lib/search/documents.server";

// Which articles and causes a note can be attached to, read once per process from content/
// (cheaply: frontmatter and cause titles, no MDX compile).

export type ArticleCauses = { slug: string; title: string; causes: { n: number; title: string }[] };

let catalogue: Promise<Map<string, ArticleCauses>> | undefined;

export function articleCatalogue(): Promise<Map<string, ArticleCauses>> {
  catalogue ??= loadArticleDocuments().then((docs) => new Map(docs.map((d) => [d.slug, { slug: d.slug, title: d.title, causes: d.causes.map(({ n, title }) => ({ n, title })) }])));
  catalogue.catch(() => (catalogue = undefined));
  return catalogue;
}

export async function findArticle(slug: string): Promise<ArticleCauses | null> {
  return (await articleCatalogue()).get(slug) ?? null;
}
