// index.js: Cloud Run service (deployed with `gcloud run deploy --source . --function exportContacts`)
// that starts an export of every CRM contact and answers at once with the execution to poll.
const functions = require("@google-cloud/functions-framework");

// The export itself runs as a Cloud Run job (task timeout 10 min by default, up to 168 h),
// not inside this request.
const JOB = "projects/shop-prod/locations/europe-west1/jobs/export-contacts";

async function accessToken() {
  // The service's own identity, from the metadata server every Cloud Run instance has.
  const res = await fetch("http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token", {
    headers: { "Metadata-Flavor": "Google" },
  });
  return (await res.json()).access_token;
}

functions.http("exportContacts", async (req, res) => {
  const requestedBy = req.headers["x-user-email"];
  const started = await fetch(`https://run.googleapis.com/v2/${JOB}:run`, {
    method: "POST",
    headers: { authorization: `Bearer ${await accessToken()}`, "content-type": "application/json" },
    body: JSON.stringify({
      overrides: { containerOverrides: [{ env: [{ name: "REQUESTED_BY", value: String(requestedBy ?? "") }] }] },
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!started.ok) return res.status(502).json({ error: "could not start the export" });

  const operation = await started.json();
  res.status(202).json({ status: "started", operation: operation.name });
});
