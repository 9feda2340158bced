// app/api/report/route.ts: a Next.js App Router route, deployed to a Hobby project
// (Fluid compute on, so Hobby's ceiling is 300 s).

// A literal the build can read, within the plan: 1 to 300 on Hobby with Fluid compute
// (800 on Pro and Enterprise). The ~200 s report fits with room to spare.
export const maxDuration = 300;

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
