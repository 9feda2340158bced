// main.ts: savings projection API on Deno Deploy Classic.
// GET /projection?amount=10000&years=30 → 10th, 50th and 90th percentile of the final value.
const ANNUAL_RETURN = 0.06;
const VOLATILITY = 0.15;

function randomNormal(): number {
  const u = 1 - Math.random();
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

Deno.serve((req) => {
  const url = new URL(req.url);
  const amount = Number(url.searchParams.get("amount") ?? 10_000);
  const years = Math.min(Number(url.searchParams.get("years") ?? 30), 50);

  // Monte Carlo on every request: 100,000 paths of `years` yearly returns, then a sort.
  // Millions of floating-point operations of pure CPU per request.
  const paths = 100_000;
  const finals = new Float64Array(paths);
  for (let p = 0; p < paths; p++) {
    let value = amount;
    for (let y = 0; y < years; y++) value *= Math.exp(ANNUAL_RETURN - VOLATILITY ** 2 / 2 + VOLATILITY * randomNormal());
    finals[p] = value;
  }
  finals.sort();
  const at = (q: number) => Math.round(finals[Math.floor(q * (paths - 1))]);
  return Response.json({ p10: at(0.1), p50: at(0.5), p90: at(0.9) });
});
