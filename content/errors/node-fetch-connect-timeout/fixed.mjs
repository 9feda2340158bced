// Lambda (Node.js 20.x) in a VPC: reads stock levels from the warehouse service,
// falling back to the replica in the other availability zone.
const WAREHOUSES = [
  process.env.WAREHOUSE_URL ?? "https://10.20.4.15:8443",
  process.env.WAREHOUSE_REPLICA_URL ?? "https://10.20.36.15:8443",
];
// A healthy warehouse answers in well under a second; undici would wait 10 s
// for the TCP connection alone.
const ATTEMPT_MS = 2_000;

export const handler = async (event, context) => {
  const sku = encodeURIComponent(event.sku);
  for (const base of WAREHOUSES) {
    if (context.getRemainingTimeInMillis() < ATTEMPT_MS + 500) break;
    try {
      const res = await fetch(`${base}/v1/stock/${sku}`, { signal: AbortSignal.timeout(ATTEMPT_MS) });
      if (!res.ok) throw new Error(`warehouse answered ${res.status}`);
      return { statusCode: 200, body: JSON.stringify(await res.json()) };
    } catch (err) {
      // fetch reports every network failure as "fetch failed"; what happened is in err.cause
      const reason = err.name === "TimeoutError" ? `no answer within ${ATTEMPT_MS} ms` : `${err.message}: ${err.cause?.code ?? err.cause?.message}`;
      console.warn(JSON.stringify({ msg: "warehouse unavailable", base, reason }));
    }
  }
  return { statusCode: 503, headers: { "retry-after": "30" }, body: JSON.stringify({ error: "stock service unavailable" }) };
};
