// Lambda (Node.js 20.x): enriches an order with the customer's loyalty tier.
// request is deprecated; the built-in fetch replaces it.
const LOYALTY_API = process.env.LOYALTY_API ?? "http://loyalty.internal.example:8080";
const LOYALTY_TIMEOUT_MS = 2000; // the tier is a nice-to-have: never hold an order for it

async function getTier(customerId) {
  const res = await fetch(`${LOYALTY_API}/v1/customers/${customerId}/tier`, { signal: AbortSignal.timeout(LOYALTY_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`loyalty answered ${res.status}`);
  const body = await res.json();
  return body.tier;
}

exports.handler = async (event) => {
  const order = JSON.parse(event.body);
  let tier = "standard";
  try {
    tier = await getTier(order.customerId);
  } catch (err) {
    console.warn(JSON.stringify({ msg: "loyalty tier unavailable", customerId: order.customerId, error: err.name, detail: err.cause?.code ?? err.message }));
  }
  return { statusCode: 200, body: JSON.stringify({ ...order, tier }) };
};
