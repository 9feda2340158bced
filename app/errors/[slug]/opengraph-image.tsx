import { listSlugs } from "@/lib/content/load.server";
import { loadTwinArticle } from "@/lib/content/twins/load.server";
import { articleCardInput } from "@/lib/og/article-card.server";
import { OG_SIZE, renderCard } from "@/lib/og/card";

// One preview per article, drawn at build time (no request data is read, so it is static).
export const dynamicParams = false;
export const size = OG_SIZE;
export const contentType = "image/png";
export const alt = "The article's title, error line, platform, fix time and when it was verified";

export async function generateStaticParams() {
  return (await listSlugs()).map((slug) => ({ slug }));
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return renderCard(articleCardInput(await loadTwinArticle(slug)));
}
