export async function GET(): Promise<Response> {
  // no timeout on the call: the function waits as long as the API does
  const res = await fetch("https://reports.example.com/export");
  return new Response(await res.text());
}
