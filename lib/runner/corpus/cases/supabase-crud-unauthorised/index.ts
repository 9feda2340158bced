import "jsr:@supabase/functions-js/edge-runtime.d.ts";
import { createClient } from "jsr:@supabase/supabase-js@2";

const supUrl = Deno.env.get("_SUPABASE_URL") as string;
const supKey = Deno.env.get("_SUPABASE_SERVICE_KEY") as string;
const supabase = createClient(supUrl, supKey);

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" }, status });

Deno.serve(async (req) => {
  const { action, data, matter_id } = await req.json().catch(() => ({}));
  const table = "matters";

  const authHeader = req.headers.get("Authorization");
  if (!authHeader || authHeader !== `Bearer ${Deno.env.get("_USER_CRUD_TOKEN")}`) {
    return json({ code: 401, message: "Missing or invalid authorization header" }, 401);
  }

  try {
    if (action === "GET_ALL") {
      const { data: rows, error } = await supabase.from(table).select("*");
      if (error) throw new Error("Internal Server Error: " + error.message);
      return rows.length ? json({ status: 200, data: rows }) : json({ status: 404, error: "No records found" }, 404);
    }
    if (action === "GET_ONE") {
      const { data: row, error } = await supabase.from(table).select("*").eq("matter_id", matter_id).single();
      return error || !row ? json({ status: 404, error: "Record not found" }, 404) : json({ status: 200, data: row });
    }
    if (action === "POST") {
      const { data: inserted, error } = await supabase.from(table).insert(data).select("matter_id");
      if (error) throw new Error("Internal Server Error: " + error.message);
      return json({ status: 201, data: inserted }, 201);
    }
    if (action === "DELETE_ONE") {
      const { data: deleted, error } = await supabase.from(table).delete().eq("matter_id", matter_id).select("*");
      if (error) throw new Error("Internal Server Error: " + error.message);
      return deleted?.length ? json({ status: 200, data: deleted }) : json({ status: 404, error: "Record not found" }, 404);
    }
    return json({ status: 400, error: "Invalid action provided" }, 400);
  } catch (error: any) {
    console.error("General Error:", error);
    return json({ status: 500, error: error.message }, 500);
  }
});
