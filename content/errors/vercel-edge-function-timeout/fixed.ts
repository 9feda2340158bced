// app/api/answer/route.ts: long-form answers from a reasoning model.
export const runtime = "edge";

export async function POST(request: Request): Promise<Response> {
  const { question } = await request.json();
  const jobId = crypto.randomUUID();
  // Hand the ~40 s model call to a worker instead of waiting for it here. The worker is a
  // Node.js function (maxDuration 300) fed by a queue; it stores the answer under jobId.
  // Publishing the job is one short request (~0.2 s).
  const queued = await fetch("https://jobs.example.com/v1/publish/answers", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.QUEUE_TOKEN}` },
    body: JSON.stringify({ jobId, question }),
  });
  if (!queued.ok) return Response.json({ error: "could not queue the question" }, { status: 503 });
  // First byte well inside 25 s: the client polls the status URL for the answer.
  return Response.json(
    { jobId, status: "queued", statusUrl: `/api/answer/${jobId}` },
    { status: 202, headers: { location: `/api/answer/${jobId}` } },
  );
}
