// netlify/functions/generate-report.ts, served locally by `netlify dev`.
import type { Context } from "@netlify/functions";

export default async (req: Request, context: Context) => {
  const { accountId } = (await req.json()) as { accountId: string };
  const jobId = crypto.randomUUID();
  // The 45 s LLM call now lives in netlify/functions/generate-report-background.ts.
  // The -background suffix makes it a background function: the call below gets 202
  // as soon as the job is queued, and the work may run for up to 15 minutes, both
  // under netlify dev and in production.
  await fetch(new URL("/.netlify/functions/generate-report-background", req.url), {
    method: "POST",
    body: JSON.stringify({ jobId, accountId }),
  });
  // The background function stores the summary under jobId (for example in Netlify
  // Blobs); the browser polls a small status function until it is there.
  return Response.json({ jobId, status: "queued" }, { status: 202 });
};
