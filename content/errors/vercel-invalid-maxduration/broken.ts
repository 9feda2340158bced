// app/api/report/route.ts: a Next.js App Router route, deployed to a Hobby project
// (Fluid compute on, so Hobby's ceiling is 300 s).

// Copied from a Pro project. 800 s is the Pro/Enterprise ceiling, not Hobby's, so the
// deployment fails at "Deploying outputs..." and this route never serves a request.
export const maxDuration = 800;

export async function POST(request: Request) {
  const { topic } = (await request.json()) as { topic: string };
  // One long LLM call: about 200 s for a full report.
  const res = await fetch("https://api.openai.com/v1/responses", {
    method: "POST",
    headers: {
      authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ model: "gpt-4.1", input: `Write a detailed report on ${topic}` }),
  });
  const report = await res.json();
  return Response.json({ topic, report });
}
