import type { MetadataRoute } from "next";
import { loadAllMeta } from "@/lib/content/load.server";
import { articlePath, SITE_URL } from "@/lib/site";

// The sitemap protocol's lastmod is a W3C date (YYYY-MM-DD at its shortest, per the schema at
// https://www.sitemaps.org/protocol.html#lastmoddef): an article's verified month is written as
// its first day.
const firstDay = (month: string) => `${month}-01`;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const metas = await loadAllMeta();
  const newest = metas.map((m) => m.frontmatter.verified).sort().at(-1);
  return [
    { url: `${SITE_URL}/`, ...(newest ? { lastModified: firstDay(newest) } : {}), changeFrequency: "weekly" },
    ...metas.map((m) => ({ url: `${SITE_URL}${articlePath(m.slug)}`, lastModified: firstDay(m.frontmatter.verified), changeFrequency: "monthly" as const })),
  ];
}
