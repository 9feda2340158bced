import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

const SUPABASE = "https://abcd.supabase.co";

test("from().select().eq() is a PostgREST GET whose rule gives the rows; single() with 0 rows is PGRST116; errors come back, not thrown", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { createClient } from "npm:@supabase/supabase-js@2";
const supabase = createClient("${SUPABASE}", "anon-key");
export const handler = async () => {
  const list = await supabase.from("orders").select("id, status").eq("status", "open").order("id", { ascending: false }).limit(2);
  const one = await supabase.from("orders").select().eq("id", 404).single();
  const inserted = await supabase.from("orders").insert({ status: "new" }).select();
  return { list: [list.data, list.error, list.status], one: [one.data, one.error, one.status], inserted: [inserted.data, inserted.status] };
};`),
    responses: [
      { match: `GET ${SUPABASE}/rest/v1/orders?*status=eq.open*`, answers: [{ json: [{ id: 2, status: "open" }, { id: 1, status: "open" }] }] },
      { match: `GET ${SUPABASE}/rest/v1/orders?*id=eq.404*`, answers: [{ json: [] }] },
      { match: `POST ${SUPABASE}/rest/v1/orders`, answers: [{ status: 201, json: [{ id: 3, status: "new" }] }] },
    ],
  });
  expect(result.result).toEqual({
    list: [[{ id: 2, status: "open" }, { id: 1, status: "open" }], null, 200],
    one: [null, { code: "PGRST116", details: "The result contains 0 rows", hint: null, message: "Cannot coerce the result to a single JSON object" }, 406],
    inserted: [[{ id: 3, status: "new" }], 201],
  });
  const labels = spansOf(result.timeline, "network").map((s) => s.label?.split(" (")[0]);
  expect(labels[0]).toBe(`GET ${SUPABASE}/rest/v1/orders?select=id%2Cstatus&status=eq.open&order=id.desc&limit=2`);
});

test("a GET to a dropped Supabase host: fetch's 10 s connect timeout, retried 3 times with 1, 2 and 4 s between, then an error object", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { createClient } from "@supabase/supabase-js";
const supabase = createClient("${SUPABASE}", "service-role");
export const handler = async () => {
  const { data, error } = await supabase.from("jobs").select();
  return { data, message: error.message, details: error.details.split("\\n")[2] };
};`),
    responses: [{ match: `${SUPABASE}/rest/v1/*`, answers: [{ connection: "dropped" }] }],
    timeout: 120,
  });
  expect(result.result).toEqual({
    data: null,
    message: "TypeError: fetch failed",
    details: "Caused by: ConnectTimeoutError: Connect Timeout Error (attempted address: abcd.supabase.co:443, timeout: 10000ms) (UND_ERR_CONNECT_TIMEOUT)",
  });
  expect(spansOf(result.timeline, "network")).toHaveLength(4);
  expect(spansOf(result.timeline, "timer").filter((s) => s.label?.startsWith("postgrest-js retry")).map(durationOf)).toEqual([1, 2, 4]);
  expect(result.elapsedSeconds).toBeCloseTo(47, 0);
});

test("rpc, functions.invoke (a non-2xx is FunctionsHttpError), auth.getUser without a session, storage upload", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { createClient, FunctionsHttpError } from "@supabase/supabase-js";
const supabase = createClient("${SUPABASE}", "anon");
export const handler = async () => {
  const rpc = await supabase.rpc("next_job", { queue: "emails" });
  const fn = await supabase.functions.invoke("resize", { body: { id: 1 } });
  const user = await supabase.auth.getUser();
  const upload = await supabase.storage.from("avatars").upload("u1/a.png", "bytes", { contentType: "image/png" });
  return { rpc: rpc.data, fn: [fn.error instanceof FunctionsHttpError, fn.error.message, fn.response.status], user: [user.data.user, user.error.name, user.error.message], upload: upload.data };
};`),
    responses: [
      { match: `POST ${SUPABASE}/rest/v1/rpc/next_job`, answers: [{ json: { id: 7 } }] },
      { match: `POST ${SUPABASE}/functions/v1/resize`, answers: [{ status: 500, json: { error: "boom" } }] },
      { match: `POST ${SUPABASE}/storage/v1/object/avatars/*`, answers: [{ json: { Key: "avatars/u1/a.png", Id: "obj-1" } }] },
    ],
  });
  expect(result.result).toEqual({
    rpc: { id: 7 },
    fn: [true, "Edge Function returned a non-2xx status code", 500],
    user: [null, "AuthSessionMissingError", "Auth session missing!"],
    upload: { path: "u1/a.png", id: "obj-1", fullPath: "avatars/u1/a.png" },
  });
});

test("a package declared modelled by name is inert even though the simulator models it", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { createClient } from "@supabase/supabase-js";
const supabase = createClient(undefined, undefined);
export const handler = async () => String(supabase.from("t"));`),
    model: ["@supabase/supabase-js"],
  });
  expect(result.result).toBe("[modelled @supabase/supabase-js.createClient().from()]");
});
