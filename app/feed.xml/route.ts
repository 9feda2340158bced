import { loadAllMeta } from "@/lib/content/load.server";
import { atomFeed } from "@/lib/discovery/atom";
import { SITE_URL } from "@/lib/site";

export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  return new Response(atomFeed(await loadAllMeta(), SITE_URL), { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
