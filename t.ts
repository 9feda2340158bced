import { loadAllTwinArticles } from "./lib/content/twins/load.server";
import { ogFonts } from "./lib/og/fonts.server";
const { coverage } = ogFonts();
const miss = new Map<string, string[]>();
for (const a of await loadAllTwinArticles()) {
  const texts = [a.frontmatter.title, a.frontmatter.summary, a.frontmatter.fixTime, ...a.outline.causes.map((c) => c.title)];
  for (const t of texts) for (const ch of t) if (!coverage.sans[700].has(ch.codePointAt(0)!)) miss.set(ch, [...(miss.get(ch) ?? []), a.slug]);
  for (const ch of a.frontmatter.error) if (!coverage.mono[400].has(ch.codePointAt(0)!)) miss.set("mono:" + ch, [a.slug]);
}
console.log(miss);
