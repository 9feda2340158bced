// Lambda (Node.js 20.x) in a VPC: reads stock levels from the warehouse service
// over its private address.
const WAREHOUSE_URL = process.env.WAREHOUSE_URL ?? "https://10.20.4.15:8443";

export const handler = async (event) => {
  const sku = encodeURIComponent(event.sku);
  const res = await fetch(`${WAREHOUSE_URL}/v1/stock/${sku}`);
  if (!res.ok) throw new Error(`warehouse answered ${res.status}`);
  return { statusCode: 200, body: JSON.stringify(await res.json()) };
};
