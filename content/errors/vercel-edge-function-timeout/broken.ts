// api/answer.ts: a Vercel Function (no framework) on the Edge runtime, long-form answers
// from a reasoning model.
export const config = { runtime: "edge" };

export default async function handler(request: Request): Promise<Response> {
  const { question } = await request.json();
  // Not streamed: the model replies in one piece once it has finished reasoning.
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    body: JSON.stringify({
      model: process.env.ANSWER_MODEL,
      messages: [{ role: "user", content: question }],
      stream: false,
    }),
  });
  // Nothing has reached the client yet. At 25 s the Edge runtime gives up with
  // EDGE_FUNCTION_INVOCATION_TIMEOUT, although the model is still working.
  const completion = await res.json();
  return Response.json({ completion });
}
