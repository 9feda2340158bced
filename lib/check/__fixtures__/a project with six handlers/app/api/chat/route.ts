export const maxDuration = 10;

export async function POST(request: Request): Promise<Response> {
  const answer = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: await request.text() });
  return Response.json(await answer.json());
}
