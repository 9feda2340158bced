import { listSlugs, loadAliases, loadArticleMeta } from "@/lib/content/load.server";
import { badgeSvg } from "@/lib/discovery/badge";

// /badge/<slug>.svg for project READMEs: "deadline | verified 2026-11", written at build time.
export const dynamic = "force-static";
export const dynamicParams = false;

export async function generateStaticParams() {
  return [...(await listSlugs()), ...(await loadAliases()).keys()].map((slug) => ({ file: `${slug}.svg` }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const slug = (await params).file.replace(/\.svg$/, "");
  const renamed = (await loadAliases()).get(slug);
  if (renamed) return new Response(null, { status: 308, headers: { Location: `/badge/${renamed}.svg` } });
  const { frontmatter } = await loadArticleMeta(slug);
  return new Response(badgeSvg("deadline", `verified ${frontmatter.verified}`), {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
