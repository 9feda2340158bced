// app/api/quote/route.ts (Next.js App Router, deployed on Vercel)
const PRICING_URL = process.env.PRICING_URL ?? "https://pricing.shop.example.com";
const TAX_URL = process.env.TAX_URL ?? "https://rates.tax.example.net";
const CALL_MS = 2500;

async function getJson(url: string, signal: AbortSignal) {
  // Each call gets its own budget, and stops early if the visitor goes away.
  const res = await fetch(url, { signal: AbortSignal.any([AbortSignal.timeout(CALL_MS), signal]) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

export async function GET(request: Request) {
  const sku = new URL(request.url).searchParams.get("sku") ?? "";
  try {
    // The two lookups do not depend on each other: wait for the slower one, not the sum.
    const [price, tax] = await Promise.all([
      getJson(`${PRICING_URL}/v2/prices/${encodeURIComponent(sku)}`, request.signal),
      getJson(`${TAX_URL}/v1/rates?country=DE`, request.signal),
    ]);
    return Response.json({ sku, net: price.amount, gross: Math.round(price.amount * (1 + tax.rate)) });
  } catch (err) {
    if (err instanceof DOMException && err.name === "TimeoutError") {
      return Response.json({ error: "quote service too slow, try again" }, { status: 504, headers: { "retry-after": "5" } });
    }
    if (err instanceof DOMException && err.name === "AbortError") {
      return new Response(null, { status: 499 });
    }
    throw err;
  }
}
