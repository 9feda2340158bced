// supabase/functions/embed-sections/index.ts: fills in missing embeddings for document sections.
// Called by a pg_cron job (through pg_net) every minute until the backlog is empty.
import "jsr:@supabase/functions-js/edge-runtime.d.ts";

const REST = `${Deno.env.get("SUPABASE_URL")}/rest/v1`;
const DB_HEADERS = {
  apikey: Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  authorization: `Bearer ${Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")}`,
  "content-type": "application/json",
};
// Stop taking new work well before the 150 s wall clock (Free plan) and the 150 s
// request idle timeout; the next cron run picks up where this one stopped.
const TIME_BUDGET_MS = 90_000;
const BATCH = 50;

Deno.serve(async () => {
  const startedAt = Date.now();
  let done = 0;
  while (Date.now() - startedAt < TIME_BUDGET_MS) {
    const rows: { id: number; content: string }[] = await fetch(
      `${REST}/document_sections?embedding=is.null&select=id,content&limit=${BATCH}`,
      { headers: DB_HEADERS },
    ).then((r) => r.json());
    if (rows.length === 0) return Response.json({ embedded: done, remaining: false });

    // One embeddings request for the whole batch instead of one per section.
    const res = await fetch("https://api.openai.com/v1/embeddings", {
      method: "POST",
      headers: { authorization: `Bearer ${Deno.env.get("OPENAI_API_KEY")}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "text-embedding-3-small", input: rows.map((row) => row.content) }),
      signal: AbortSignal.timeout(30_000),
    });
    const { data } = await res.json();
    const updates = rows.map((row, i) => ({ id: row.id, content: row.content, embedding: data[i].embedding }));
    await fetch(`${REST}/document_sections?on_conflict=id`, {
      method: "POST",
      headers: { ...DB_HEADERS, prefer: "resolution=merge-duplicates" },
      body: JSON.stringify(updates),
    });
    done += rows.length;
  }
  return Response.json({ embedded: done, remaining: true });
});
