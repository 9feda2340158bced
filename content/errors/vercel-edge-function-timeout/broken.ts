// app/api/answer/route.ts: long-form answers from a reasoning model.
export const runtime = "edge";

export async function POST(request: Request): Promise<Response> {
  const { question } = await request.json();
  // Not streamed: the model replies in one piece after ~40 s of reasoning.
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
