// Where to go from a search that found nothing: the articles most people arrive for, an editorial
// list (there are no visit counts to rank by), shown with the platform index.

export const POPULAR_SLUGS = [
  "aws-lambda-task-timed-out",
  "vercel-function-invocation-timeout",
  "runpod-handler-timeout",
  "gunicorn-worker-timeout",
  "api-gateway-endpoint-request-timed-out",
  "python-requests-timeout",
] as const;

/** The popular articles that exist, in order. */
export function popularArticles<T extends { slug: string }>(docs: readonly T[], count = 5): T[] {
  const bySlug = new Map(docs.map((d) => [d.slug, d]));
  return POPULAR_SLUGS.map((slug) => bySlug.get(slug)).filter((d): d is T => d !== undefined).slice(0, count);
}
