// api/answer.ts: a Vercel Function (no framework) on the Edge runtime, long-form answers
// from a reasoning model.
export const config = { runtime: "edge" };

export default async function handler(request: Request): Promise<Response> {
  const { question } = await request.json();
  const jobId = crypto.randomUUID();
  // Hand the model call to a worker instead of waiting for it here. QStash delivers the job to
  // a Node.js function (api/answer-worker.ts, maxDuration 300) with retries; the worker stores
  // the answer under jobId.
  const queued = await fetch(`https://qstash.upstash.io/v2/publish/${process.env.ANSWER_WORKER_URL}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.QSTASH_TOKEN}` },
    body: JSON.stringify({ jobId, question }),
  });
  if (!queued.ok) return Response.json({ error: "could not queue the question" }, { status: 503 });
  // First byte well inside 25 s: the client polls the status URL for the answer.
  return Response.json(
    { jobId, status: "queued", statusUrl: `/api/answer/${jobId}` },
    { status: 202, headers: { location: `/api/answer/${jobId}` } },
  );
}
