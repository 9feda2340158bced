import type { Metadata } from "next";
import { platformName } from "../platforms";
import type { Frontmatter } from "../schema";
import { articlePath, formatMonth, SITE_NAME } from "../../site";

/**
 * What a link to an article shows where it is pasted: Open Graph for Slack, Discord and
 * Facebook, X's large card with two label/data pairs (platform, fix time), the Markdown and JSON
 * twins as alternates. The image comes from the segment's opengraph-image.tsx.
 */
export function articleMetadata(slug: string, fm: Frontmatter, extra: { title?: string; description?: string; path?: string } = {}): Metadata {
  const path = extra.path ?? articlePath(slug);
  const title = extra.title ?? fm.title;
  const description = extra.description ?? fm.summary;
  return {
    title,
    description,
    alternates: {
      canonical: path,
      types: {
        "text/markdown": `${articlePath(slug)}.md`,
        "application/json": `${articlePath(slug)}.json`,
        "application/atom+xml": [{ url: "/feed.xml", title: `${SITE_NAME}: new and re-verified articles` }],
      },
    },
    openGraph: {
      title,
      description,
      type: "article",
      url: path,
      siteName: SITE_NAME,
      section: platformName(fm.platform),
      modifiedTime: `${fm.verified}-01`,
      tags: fm.signatures.slice(0, 6),
    },
    twitter: { card: "summary_large_image", title, description },
    other: {
      "twitter:label1": "Platform",
      "twitter:data1": platformName(fm.platform),
      "twitter:label2": "Fix time",
      "twitter:data2": fm.fixTime,
      "article:verified": formatMonth(fm.verified),
    },
  };
}
