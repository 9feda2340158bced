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
    // Fail this one call before the platform kills the whole invocation.
    signal: AbortSignal.timeout(45_000),
  });
  if (!res.ok) throw new Error(`summary for ${team} failed: ${res.status}`);
  return res.json();
}

export async function POST(request: Request): Promise<Response> {
  // The six calls do not depend on each other: start them together. The wall time is
  // now the slowest call (~12 s), not the sum of all of them (~72 s).
  const results = await Promise.all(TEAMS.map((team) => summarise(team)));
  const summaries = Object.fromEntries(TEAMS.map((team, i) => [team, results[i]]));
  return Response.json({ summaries });
}
