// netlify/functions/generate-report.ts, served locally by `netlify dev`.
import type { Context } from "@netlify/functions";

export default async (req: Request, context: Context) => {
  const { accountId } = (await req.json()) as { accountId: string };
  // One long LLM call, about 45 s for a full report. Deployed, it
  // fits Netlify's 60 s synchronous limit; under netlify dev, lambda-local gives the
  // whole invocation 30 s, so the request dies here with a TimeoutError.
  const res = await fetch("https://api.openai.com/v1/responses", {
    method: "POST",
    headers: {
      authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ model: "gpt-4.1", input: `Summarise last quarter for ${accountId}` }),
  });
  const summary = await res.json();
  return Response.json({ accountId, summary });
};
