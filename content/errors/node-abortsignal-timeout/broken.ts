// app/api/quote/route.ts (Next.js App Router, deployed on Vercel)
const PRICING_URL = process.env.PRICING_URL ?? "https://pricing.shop.example.com";
const TAX_URL = process.env.TAX_URL ?? "https://rates.tax.example.net";

export async function GET(request: Request) {
  const sku = new URL(request.url).searchParams.get("sku") ?? "";
  // Nothing on this page may wait more than 3 s for a quote.
  const signal = AbortSignal.timeout(3000);
  const price = await fetch(`${PRICING_URL}/v2/prices/${encodeURIComponent(sku)}`, { signal }).then((r) => r.json());
  const tax = await fetch(`${TAX_URL}/v1/rates?country=DE`, { signal }).then((r) => r.json());
  return Response.json({ sku, net: price.amount, gross: Math.round(price.amount * (1 + tax.rate)) });
}
