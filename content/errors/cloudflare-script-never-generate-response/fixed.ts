// src/index.ts: GET /export streams every order as NDJSON, fetching the orders API page by page.
interface Env {}

type OrdersPage = { orders: Record<string, unknown>[]; next: string | null };

const ORDERS_API = "https://orders.internal.example.com/v2/orders";

async function writeOrders(writer: WritableStreamDefaultWriter<Uint8Array>): Promise<void> {
  const encoder = new TextEncoder();
  try {
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await fetch(`${ORDERS_API}?limit=100&cursor=${cursor}`);
      if (!res.ok) throw new Error(`orders API answered ${res.status}`);
      const page = (await res.json()) as OrdersPage;
      for (const order of page.orders) {
        // Waits while the client is slower than the API: back-pressure, not a deadlock.
        await writer.write(encoder.encode(JSON.stringify(order) + "\n"));
      }
      cursor = page.next;
    }
    await writer.close();
  } catch (err) {
    // Ends the body with an error instead of leaving the client waiting for more lines.
    await writer.abort(err);
  }
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    // Start producing, but do not wait for it: the client can only drain `readable` once
    // this handler has returned the Response.
    ctx.waitUntil(writeOrders(writable.getWriter()));
    return new Response(readable, { headers: { "content-type": "application/x-ndjson" } });
  },
} satisfies ExportedHandler<Env>;
