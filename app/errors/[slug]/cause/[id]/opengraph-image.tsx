import { loadAllTwinArticles, loadTwinArticle } from "@/lib/content/twins/load.server";
import { causeCardInput } from "@/lib/og/article-card.server";
import { OG_SIZE, renderCard } from "@/lib/og/card";

// One preview per cause, for links to /errors/<slug>/cause/<id>; drawn at build time.
export const dynamicParams = false;
export const size = OG_SIZE;
export const contentType = "image/png";
export const alt = "The cause's title, its article, the error line, fix time and when it was verified";

export async function generateStaticParams() {
  const articles = await loadAllTwinArticles();
  return articles.flatMap(({ slug, outline }) => outline.causes.map((c) => ({ slug, id: c.id })));
}

export default async function Image({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const article = await loadTwinArticle(slug);
  const cause = article.outline.causes.find((c) => c.id === id);
  if (!cause) throw new Error(`${article.file}: no cause "${id}" for its preview image`);
  return renderCard(causeCardInput(article, cause));
}
