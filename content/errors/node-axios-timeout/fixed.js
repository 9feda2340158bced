// Google Cloud Functions (Node.js 20): returns a signed download link for an invoice PDF.
const functions = require("@google-cloud/functions-framework");
const axios = require("axios");

const billing = axios.create({
  baseURL: process.env.BILLING_API_URL ?? "https://billing.example.com/api",
  timeout: 5000,
  // report timeouts as ETIMEDOUT instead of the generic ECONNABORTED
  transitional: { clarifyTimeoutError: true },
});

// Rendering a PDF takes the billing service 6-12 s (its p99); the function may run 60 s.
const RENDER_TIMEOUT_MS = 20_000;

functions.http("invoicePdf", async (req, res) => {
  try {
    const { data } = await billing.post(`/invoices/${encodeURIComponent(req.query.id)}/pdf`, null, { timeout: RENDER_TIMEOUT_MS });
    res.json({ url: data.url, expires: data.expires });
  } catch (err) {
    if (axios.isAxiosError(err) && err.code === "ETIMEDOUT") {
      console.error(`billing did not render invoice ${req.query.id} within ${RENDER_TIMEOUT_MS} ms`);
      res.status(504).set("retry-after", "30").json({ error: "invoice is still rendering, try again shortly" });
      return;
    }
    throw err;
  }
});
