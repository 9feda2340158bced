import { loadAllTwinArticles } from "@/lib/content/twins/load.server";
import { articleMarkdown } from "@/lib/content/twins/markdown";
import { llmsFullTxt } from "@/lib/discovery/llms";

export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  const articles = await loadAllTwinArticles();
  return new Response(llmsFullTxt(articles.map((a) => articleMarkdown(a))), { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
