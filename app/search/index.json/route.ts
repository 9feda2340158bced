import { buildSearchIndexData } from "@/lib/search/documents.server";

// The search index, built from every article when the site is built and served as a static file.
// The browser fetches it the first time someone searches (lib/search/client.ts).
export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  return Response.json(await buildSearchIndexData());
}
