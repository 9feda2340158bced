// The Atom feed (RFC 4287) of articles. An entry's id is its article's URL, so a re-verified
// article comes back as the same entry with a newer <updated>, which feed readers show as updated.
import { platformName } from "../content/platforms";
import type { ArticleMeta } from "../content/load.server";
import { articlePath, formatMonth, SITE_NAME, SITE_TAGLINE } from "../site";
import { xml } from "./xml";

/** An article's verified month as an RFC 3339 instant: the first day of the month, UTC. */
const instant = (month: string) => `${month}-01T00:00:00Z`;

export function atomFeed(metas: ArticleMeta[], origin: string): string {
  const entries = [...metas].sort((a, b) => b.frontmatter.verified.localeCompare(a.frontmatter.verified) || a.frontmatter.title.localeCompare(b.frontmatter.title));
  const updated = entries[0] ? instant(entries[0].frontmatter.verified) : "1970-01-01T00:00:00Z";
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <title>${xml(SITE_NAME)}: new and re-verified articles</title>`,
    `  <subtitle>${xml(SITE_TAGLINE)}</subtitle>`,
    `  <id>${xml(`${origin}/`)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${origin}/feed.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${origin}/`)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xml(SITE_NAME)}</name></author>`,
  ];
  for (const { slug, frontmatter: fm } of entries) {
    const url = `${origin}${articlePath(slug)}`;
    lines.push(
      `  <entry>`,
      `    <id>${xml(url)}</id>`,
      `    <title>${xml(fm.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
      `    <link rel="alternate" type="text/markdown" href="${xml(`${url}.md`)}"/>`,
      `    <updated>${instant(fm.verified)}</updated>`,
      `    <category term="${xml(fm.platform)}" label="${xml(platformName(fm.platform))}"/>`,
      `    <summary>${xml(`${fm.summary} Verified ${formatMonth(fm.verified)} on ${fm.versions}.`)}</summary>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}
