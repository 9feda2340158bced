import { checkBody, checkQuery, isApiError, MAX_BODY_BYTES, parseLimit, readBounded, toApiResults, tooLarge, type ApiError } from "@/lib/search/api";
import { serverEngine } from "@/lib/search/documents.server";

// GET  /api/search?q=<text>&limit=N   q up to 8,192 characters
// POST /api/search?limit=N            the raw pasted text as the body, up to 2 MiB
// Both answer [{slug, title, url, platform, score, section?}], best first, with X-Search-Verdict:
// match | ambiguous | not-covered (then the list holds at most the two closest); 400 on bad
// parameters, 413 over the size limits. The site is otherwise static: this runs in `next start`.
export const dynamic = "force-dynamic";

function fail({ status, error }: ApiError): Response {
  return Response.json({ error }, { status });
}

async function answer(query: string, limit: number): Promise<Response> {
  const engine = await serverEngine();
  const { hits, verdict } = engine.search(query, { limit });
  // The body stays the list it always was; whether the list is an answer rides in a header.
  return Response.json(toApiResults(hits), { headers: { "Cache-Control": "no-store", "X-Search-Verdict": verdict } });
}

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const limit = parseLimit(params.get("limit"));
  if (isApiError(limit)) return fail(limit);
  const q = checkQuery(params.get("q"));
  if (isApiError(q)) return fail(q);
  return answer(q, limit);
}

export async function POST(request: Request): Promise<Response> {
  const limit = parseLimit(new URL(request.url).searchParams.get("limit"));
  if (isApiError(limit)) return fail(limit);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return fail(tooLarge());
  const text = await readBounded(request.body, MAX_BODY_BYTES);
  if (text === null) return fail(tooLarge());
  const body = checkBody(text);
  if (isApiError(body)) return fail(body);
  return answer(body, limit);
}
