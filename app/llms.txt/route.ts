import { loadAllMeta } from "@/lib/content/load.server";
import { llmsTxt } from "@/lib/discovery/llms";
import { SITE_URL } from "@/lib/site";

// Next 16.4 has no llms.txt metadata file convention, so it is a static route handler.
export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  return new Response(llmsTxt(await loadAllMeta(), SITE_URL), { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
