// main.ts: savings projection API on Deno Deploy Classic.
// GET /projection?amount=10000&years=30 → 10th, 50th and 90th percentile of the final value.
const ANNUAL_RETURN = 0.06;
const VOLATILITY = 0.15;
// z-scores of the standard normal distribution for the quantiles we report.
const Z = { p10: -1.2815515655, p50: 0, p90: 1.2815515655 };

Deno.serve((req) => {
  const url = new URL(req.url);
  const amount = Number(url.searchParams.get("amount") ?? 10_000);
  const years = Math.min(Number(url.searchParams.get("years") ?? 30), 50);

  // Yearly log-normal returns multiply into a log-normal final value, so its quantiles have a
  // closed form: the answer the Monte Carlo run approximates, for a few microseconds of CPU.
  const drift = (ANNUAL_RETURN - VOLATILITY ** 2 / 2) * years;
  const spread = VOLATILITY * Math.sqrt(years);
  const at = (z: number) => Math.round(amount * Math.exp(drift + z * spread));
  return Response.json(
    { p10: at(Z.p10), p50: at(Z.p50), p90: at(Z.p90) },
    { headers: { "cache-control": "public, max-age=86400" } },
  );
});
