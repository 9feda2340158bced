// The JSON API's contract, framework-free so the route handler stays thin and the rules are tested
// on their own: GET /api/search?q=…&limit=N and POST /api/search with the pasted text as the body.

import type { SearchHit } from "./engine";

/** Longest `q` a GET accepts, in characters; longer pastes go in a POST body. */
export const MAX_QUERY_CHARS = 8_192;
/** Largest POST body, in bytes (2 MiB): a 1 MB paste fits with room to spare. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

export type ApiResult = { slug: string; title: string; url: string; platform: string; score: number; section?: string };

export type ApiError = { status: 400 | 413; error: string };

export function parseLimit(value: string | null): number | ApiError {
  if (value === null) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(value)) return { status: 400, error: `limit must be a whole number from 1 to ${MAX_LIMIT}, got "${value.slice(0, 40)}"` };
  const limit = Number(value);
  if (limit < 1 || limit > MAX_LIMIT) return { status: 400, error: `limit must be from 1 to ${MAX_LIMIT}, got ${limit}` };
  return limit;
}

export function checkQuery(q: string | null): string | ApiError {
  if (q === null) return { status: 400, error: "q is required: GET /api/search?q=<what your logs said>, or POST the text as the body" };
  if (!q.trim()) return { status: 400, error: "q is empty" };
  if (q.length > MAX_QUERY_CHARS) return { status: 413, error: `q is longer than ${MAX_QUERY_CHARS} characters: POST the text as the body instead (up to ${MAX_BODY_BYTES} bytes)` };
  return q;
}

export function checkBody(text: string): string | ApiError {
  if (!text.trim()) return { status: 400, error: "the body is empty: POST the text your logs printed" };
  return text;
}

export const tooLarge = (): ApiError => ({ status: 413, error: `the body is larger than ${MAX_BODY_BYTES} bytes` });

export function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && "status" in value && "error" in value;
}

export function toApiResults(hits: SearchHit[]): ApiResult[] {
  return hits.map(({ slug, title, url, platform, score, section }) => ({ slug, title, url, platform, score, ...(section ? { section } : {}) }));
}

/** Reads a request body up to a byte limit without buffering more than that. */
export async function readBounded(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string | null> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}
