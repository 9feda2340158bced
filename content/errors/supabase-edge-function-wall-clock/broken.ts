// supabase/functions/embed-sections/index.ts: fills in missing embeddings for document sections.
// Called by a pg_cron job (through pg_net) after documents are imported.
import "jsr:@supabase/functions-js/edge-runtime.d.ts";

const REST = `${Deno.env.get("SUPABASE_URL")}/rest/v1`;
const DB_HEADERS = {
  apikey: Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  authorization: `Bearer ${Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")}`,
  "content-type": "application/json",
};

async function embed(text: string): Promise<number[]> {
  const res = await fetch("https://api.openai.com/v1/embeddings", {
    method: "POST",
    headers: { authorization: `Bearer ${Deno.env.get("OPENAI_API_KEY")}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "text-embedding-3-small", input: text }),
  });
  const { data } = await res.json();
  return data[0].embedding;
}

Deno.serve(async () => {
  let done = 0;
  // Works through the whole backlog in one request: every section waits for its own
  // embedding call, so a large import keeps this worker busy far past its wall clock.
  while (true) {
    const rows = await fetch(`${REST}/document_sections?embedding=is.null&select=id,content&limit=1`, { headers: DB_HEADERS }).then((r) => r.json());
    if (rows.length === 0) break;
    const [section] = rows;
    const embedding = await embed(section.content);
    await fetch(`${REST}/document_sections?id=eq.${section.id}`, { method: "PATCH", headers: DB_HEADERS, body: JSON.stringify({ embedding }) });
    done++;
  }
  return Response.json({ embedded: done });
});
