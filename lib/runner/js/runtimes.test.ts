import { expect } from "vitest";
import { test } from "./engine-fixture";
import { expectSeconds } from "../virtual-time.fixture";

// Platform runtimes that register or dispatch handlers their own way: each builds the platform's
// objects from the event and reads the answer the way the platform does.

const js = (code: string) => code.replace(/^\n/, "");

const AZURE = js(`
import { app, HttpRequest, InvocationContext } from "@azure/functions";

app.http("orders", {
  methods: ["POST"],
  authLevel: "anonymous",
  route: "orders/{id}",
  handler: async (request: HttpRequest, context: InvocationContext) => {
    const order = (await request.json()) as { sku: string };
    context.log("order for", order.sku, "id", request.params.id, "invocation", context.invocationId.length);
    await new Promise((r) => setTimeout(r, 1500));
    return { status: 201, jsonBody: { sku: order.sku, by: context.functionName } };
  },
});

app.timer("nightly", {
  schedule: "0 0 2 * * *",
  handler: async (timer, context) => {
    context.log("past due:", timer.isPastDue);
  },
});
`);

test("Azure Functions v4: app.http gets an HttpRequest and InvocationContext; jsonBody and status are the response", async ({ engine }) => {
  const { result } = await engine.run(
    { language: "typescript", code: AZURE, handler: "orders", event: { method: "POST", url: "https://func.example/api/orders/7", params: { id: "7" }, body: { sku: "A-1" } } },
    "azure-functions",
  );
  expect(result.verdict, JSON.stringify(result.error)).toBe("ok");
  expect(result.result).toEqual({ status: 201, headers: { "content-type": "application/json" }, body: '{"sku":"A-1","by":"orders"}' });
  expect(result.stdout).toBe("order for A-1 id 7 invocation 36\n");
  expectSeconds(result.elapsedSeconds, 1.5);
  expect(result.timeline.find((span) => span.kind === "handler")?.label).toBe('app.http("orders")');
  expect(result.timeline.find((span) => span.kind === "timer")?.line).toBe(10);
});

test("Azure: with several functions the event's shape or --handler decides, else the candidates are listed", async ({ engine }) => {
  const timer = await engine.run({ language: "typescript", code: AZURE, event: { isPastDue: true } }, "azure-functions");
  expect(timer.result).toMatchObject({ verdict: "ok", result: null, stdout: "past due: true\n" });
  const http = await engine.run({ language: "typescript", code: AZURE, event: { method: "POST", body: { sku: "B" } } }, "azure-functions");
  expect(http.result.result).toMatchObject({ status: 201 });
  const unsure = await engine.run({ language: "typescript", code: AZURE }, "azure-functions");
  expect(unsure.result.error?.type).toBe("EntryPointError");
  expect(unsure.result.error?.candidates).toEqual([
    { name: "orders", kind: "azure-http", line: 3 },
    { name: "nightly", kind: "azure-timer", line: 15 },
  ]);
});

test("Azure: returning nothing from an HTTP function is 204 No Content", async ({ engine }) => {
  const { result } = await engine.run({ code: 'const { app } = require("@azure/functions");\napp.get("ping", async () => {});\n' }, "azure-functions");
  expect(result.result).toEqual({ status: 204, headers: {}, body: "" });
});

test("Azure: a storage queue trigger gets the message itself", async ({ engine }) => {
  const code = js(`
const { app } = require("@azure/functions");
app.storageQueue("resize", {
  queueName: "images",
  connection: "AzureWebJobsStorage",
  handler: async (message, context) => {
    context.log("resizing", message.name, "for", context.functionName);
    await new Promise((r) => setTimeout(r, 2500));
  },
});`);
  const { result } = await engine.run({ code, event: { message: { name: "cat.png" } } }, "azure-functions");
  expect(result).toMatchObject({ verdict: "ok", result: null, stdout: "resizing cat.png for resize\n" });
  expectSeconds(result.elapsedSeconds, 2.5);
});

const WORKER = js(`
export default {
  async fetch(request, env, ctx) {
    return new Response("fetched");
  },
  async scheduled(controller, env, ctx) {
    console.log("cron", controller.cron, new Date(controller.scheduledTime).toISOString());
    ctx.waitUntil(new Promise((r) => setTimeout(r, 5)));
  },
  async queue(batch, env, ctx) {
    for (const message of batch.messages) {
      if (message.body.ok) message.ack();
      else if (message.body.later) message.retry();
    }
    console.log(batch.queue, batch.messages.length);
  },
};`);

test("Workers: a Cron Trigger event runs scheduled(controller, env, ctx)", async ({ engine }) => {
  const { result } = await engine.run({ code: WORKER, event: { cron: "*/5 * * * *", scheduledTime: Date.UTC(2026, 0, 1) } }, "cloudflare-workers");
  expect(result.verdict).toBe("ok");
  expect(result.stdout).toBe("cron */5 * * * * 2026-01-01T00:00:00.000Z\n");
  expect(result.timeline.find((span) => span.kind === "handler")?.label).toBe("scheduled");
});

test("Workers: a Queue batch runs queue(batch, env, ctx); acks, retries and the implicit ack are the answer", async ({ engine }) => {
  const { result } = await engine.run(
    { code: WORKER, event: { queue: "orders", messages: [{ id: "m1", body: { ok: true } }, { id: "m2", body: { later: true } }, { id: "m3", body: {} }] } },
    "cloudflare-workers",
  );
  expect(result.verdict).toBe("ok");
  expect(result.result).toEqual({
    queue: "orders",
    messages: [
      { id: "m1", outcome: "acked" },
      { id: "m2", outcome: "retried" },
      { id: "m3", outcome: "implicit ack" },
    ],
  });
  expect(result.stdout).toBe("orders 3\n");
  const fetched = await engine.run({ code: WORKER, event: { url: "https://w.example/" } }, "cloudflare-workers");
  expect(fetched.result.result).toMatchObject({ body: "fetched" });
  const named = await engine.run({ code: WORKER, handler: "scheduled" }, "cloudflare-workers");
  expect(named.result.stdout).toMatch(/^cron \* \* \* \* \* /);
});

test("Workers: a Cron event for a Worker without scheduled() names what it has", async ({ engine }) => {
  const { result } = await engine.run({ code: "export default { fetch: () => new Response('x') };\n", event: { cron: "0 * * * *" } }, "cloudflare-workers");
  expect(result.error).toEqual({
    type: "EntryPointError",
    message: "the event is a Cron Trigger ({ cron, scheduledTime }), but the default export has no scheduled() handler; it has fetch(). Give an event of that shape, or name the handler with --handler fetch",
    line: null,
    candidates: [{ name: "fetch", kind: "workers-fetch", line: null }],
  });
});

test("Netlify Functions v2: (req, context) with Netlify.env and context.waitUntil; a scheduled function gets next_run", async ({ engine }) => {
  const code = js(`
export default async (req: Request, context: { waitUntil(p: Promise<unknown>): void; requestId: string }) => {
  const { next_run } = await req.json();
  context.waitUntil(new Promise((r) => setTimeout(r, 2000)));
  return Response.json({ next: typeof next_run, method: req.method, env: Netlify.env.get("NODE_ENV") });
};

export const config = { schedule: "@hourly" };`);
  const { result } = await engine.run({ language: "typescript", code }, "netlify");
  expect(result.verdict, JSON.stringify(result.error)).toBe("ok");
  expect(result.result).toMatchObject({ status: 200, body: '{"next":"string","method":"POST","env":"production"}' });
  // the answer went out at once; the waitUntil work ran on for 2 s
  expect(result.timeline.find((span) => span.kind === "timer")).toMatchObject({ end: expect.closeTo(2, 1) });
});

test("Netlify Edge: context.next() fetches the origin through the world's rules", async ({ engine }) => {
  const code = js(`
export default async (request, context) => {
  const response = await context.next();
  const page = await response.text();
  return new Response(page.toUpperCase(), { headers: { "x-edge": Deno.env.get("NODE_ENV") } });
};
export const config = { path: "/*" };`);
  const { result } = await engine.run(
    { code, event: { url: "https://site.example/about" }, latency: { "site.example": 0.3 }, responses: [{ match: "GET site.example/about", answers: [{ status: 200, text: "about us" }] }] },
    "netlify-edge",
  );
  expect(result.verdict, JSON.stringify(result.error)).toBe("ok");
  expect(result.result).toMatchObject({ status: 200, body: "ABOUT US", headers: { "x-edge": "production" } });
  expect(result.timeline.find((span) => span.kind === "network")).toMatchObject({ host: "site.example", line: 2, answer: "rule", status: 200, latency: 0.3 });
});

test("Google Cloud: functions.cloudEvent gets the event as a CloudEvent", async ({ engine }) => {
  const code = js(`
const functions = require("@google-cloud/functions-framework");
functions.cloudEvent("onUpload", async (cloudEvent) => {
  await new Promise((r) => setTimeout(r, 700));
  console.log(cloudEvent.specversion, cloudEvent.type, cloudEvent.data.name);
});`);
  const { result } = await engine.run({ code, event: { name: "photo.jpg" } }, "gcp-functions");
  expect(result.verdict).toBe("ok");
  expect(result.stdout).toBe("1.0 google.cloud.pubsub.topic.v1.messagePublished photo.jpg\n");
  expectSeconds(result.elapsedSeconds, 0.7);
  const own = await engine.run({ code, event: { specversion: "1.0", type: "google.cloud.storage.object.v1.finalized", data: { name: "a.png" } } }, "gcp-functions");
  expect(own.result.stdout).toBe("1.0 google.cloud.storage.object.v1.finalized a.png\n");
});
