// Google Cloud Functions (Node.js 20): returns a signed download link for an invoice PDF.
const functions = require("@google-cloud/functions-framework");
const axios = require("axios");

// One client for every billing call; most of them answer in a few hundred ms.
const billing = axios.create({
  baseURL: process.env.BILLING_API_URL ?? "https://billing.example.com/api",
  timeout: 5000,
});

functions.http("invoicePdf", async (req, res) => {
  const { data } = await billing.post(`/invoices/${encodeURIComponent(req.query.id)}/pdf`);
  res.json({ url: data.url, expires: data.expires });
});
