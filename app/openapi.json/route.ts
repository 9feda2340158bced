import { openApiDocument } from "@/lib/discovery/openapi";
import { SITE_URL } from "@/lib/site";

export const dynamic = "force-static";

export async function GET(): Promise<Response> {
  return Response.json(openApiDocument(SITE_URL), { headers: { "Access-Control-Allow-Origin": "*" } });
}
