import { articleIndex } from "@/lib/content/twins/json";
import { loadAllTwinArticles } from "@/lib/content/twins/load.server";

// Every article, with its links (HTML, Markdown, JSON) and its causes' permalinks. Built once.
export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  return Response.json(articleIndex(await loadAllTwinArticles()), { headers: { "Access-Control-Allow-Origin": "*" } });
}
