import { listSlugs, loadAliases } from "@/lib/content/load.server";
import { articleJson } from "@/lib/content/twins/json";
import { loadTwinArticle } from "@/lib/content/twins/load.server";
import { articleMarkdown } from "@/lib/content/twins/markdown";
import { articlePath, SITE_URL } from "@/lib/site";

// /errors/<slug>.md and /errors/<slug>.json, rewritten here by next.config.mjs (a [slug] page and
// a [file] route cannot share the /errors folder). Written at build time, one file per article
// and per former slug (which answers 308 to the article's own twin).
export const dynamic = "force-static";
export const dynamicParams = false;

const FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.(md|json)$/;

export async function generateStaticParams() {
  const slugs = [...(await listSlugs()), ...(await loadAliases()).keys()];
  return slugs.flatMap((slug) => [{ file: `${slug}.md` }, { file: `${slug}.json` }]);
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const [, slug = "", ext] = FILE.exec(file) ?? [];
  const renamed = (await loadAliases()).get(slug);
  if (renamed) return new Response(null, { status: 308, headers: { Location: `${articlePath(renamed)}.${ext}` } });
  const article = await loadTwinArticle(slug);
  const headers = { Link: `<${SITE_URL}${articlePath(slug)}>; rel="canonical"`, "Access-Control-Allow-Origin": "*" };
  if (ext === "json") return Response.json(articleJson(article), { headers });
  return new Response(articleMarkdown(article), { headers: { ...headers, "Content-Type": "text/markdown; charset=utf-8" } });
}
