// netlify/functions/weekly-report.ts: a synchronous Netlify Function (60 s limit).
import type { Context } from "@netlify/functions";

// Three independent upstream reports. Each is slow on its own (20 to 25 s on a bad
// day), and none needs another's answer.
const SOURCES = [
  "https://billing.example.com/api/revenue?range=7d",
  "https://crm.example.com/api/pipeline?range=7d",
  "https://analytics.example.com/api/traffic?range=7d",
];

export default async (req: Request, context: Context) => {
  const headers = { authorization: `Bearer ${process.env.REPORTS_TOKEN}` };
  // Started together, so the function waits for the slowest one (25 s), not the sum.
  // Each call also gets its own deadline well inside the 60 s limit, so a stuck
  // upstream fails with a readable TimeoutError instead of Netlify killing the function.
  const sections = await Promise.all(
    SOURCES.map(async (url) => {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(45_000) });
      return res.json();
    }),
  );
  return Response.json({ requestId: context.requestId, sections });
};
