// src/index.ts: GET /export streams every order as NDJSON, fetching the orders API page by page.
interface Env {}

type OrdersPage = { orders: Record<string, unknown>[]; next: string | null };

const ORDERS_API = "https://orders.internal.example.com/v2/orders";

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const encoder = new TextEncoder();

    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await fetch(`${ORDERS_API}?limit=100&cursor=${cursor}`);
      if (!res.ok) return new Response("orders API unavailable", { status: 502 });
      const page = (await res.json()) as OrdersPage;
      for (const order of page.orders) {
        // A write resolves once the readable side takes the chunk. Nothing reads it yet: the
        // Response that hands `readable` to the client is only built after this loop.
        await writer.write(encoder.encode(JSON.stringify(order) + "\n"));
      }
      cursor = page.next;
    }
    await writer.close();

    return new Response(readable, { headers: { "content-type": "application/x-ndjson" } });
  },
} satisfies ExportedHandler<Env>;
