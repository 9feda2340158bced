// /llms.txt and /llms-full.txt in the shape https://llmstxt.org proposes: an H1, a one-line
// summary in a blockquote, then H2 sections of links, each link with a short note. Every article
// links to its Markdown twin, which is what a language model should read.
import { ARTICLE_PLATFORMS, platformName, type ArticlePlatform } from "../content/platforms";
import type { ArticleMeta } from "../content/load.server";
import { inlineCode } from "../markdown/fence";
import { articlePath, SITE_NAME, SITE_TAGLINE } from "../site";

export function llmsTxt(metas: ArticleMeta[], origin: string): string {
  const lines = [
    `# ${SITE_NAME}`,
    "",
    `> ${SITE_TAGLINE}`,
    "",
    "Each article explains one timeout error: what it means, what the logs say, a quick fix, why it happens, how to detect it, its causes with one fix each (linkable as #cause-N or the cause's own id), broken and fixed code that CI runs through a deadline simulator, a workaround and prevention. Every article is also served as Markdown (/errors/<slug>.md) and JSON (/errors/<slug>.json).",
  ];
  for (const platform of Object.keys(ARTICLE_PLATFORMS) as ArticlePlatform[]) {
    const list = metas.filter((m) => m.frontmatter.platform === platform).sort((a, b) => a.frontmatter.title.localeCompare(b.frontmatter.title));
    if (!list.length) continue;
    lines.push("", `## ${platformName(platform)}`, "");
    for (const { slug, frontmatter: fm } of list) lines.push(`- [${fm.title.replace(/[[\]]/g, "\\$&")}](${origin}${articlePath(slug)}.md): ${inlineCode(fm.error)}. ${fm.summary}`);
  }
  lines.push(
    "",
    "## API",
    "",
    `- [Article index](${origin}/errors.json): every article with its links and causes, as JSON`,
    `- [Search](${origin}/api/search?q=Task%20timed%20out%20after%203.00%20seconds): GET ?q=<error text> or POST the pasted log; answers the best-matching articles`,
    `- [OpenAPI description](${origin}/openapi.json): the JSON endpoints, their parameters and schemas`,
    "",
    "## Optional",
    "",
    `- [All articles in one file](${origin}/llms-full.txt): every article's Markdown, one after another`,
    `- [Atom feed](${origin}/feed.xml): new and re-verified articles`,
    "",
  );
  return lines.join("\n");
}

/** Every article's Markdown twin, one after another, under the llms.txt header. */
export function llmsFullTxt(markdowns: string[]): string {
  return [`# ${SITE_NAME}`, "", `> ${SITE_TAGLINE}`, "", ...markdowns.map((md) => `---\n\n${md}`)].join("\n");
}
