// src/functions/invoiceSync.js (Azure Functions, Node.js v4 programming model, Consumption plan).
// Every night, copies the open invoices from the billing system into the ledger.
const { app, output } = require("@azure/functions");

const BILLING = "https://billing.example.com/api/v2";
const LEDGER = "https://ledger.example.com/api";
const headers = () => ({ authorization: `Bearer ${process.env.BILLING_TOKEN}`, "content-type": "application/json" });

const pageQueue = output.storageQueue({ queueName: "invoice-pages", connection: "AzureWebJobsStorage" });

// The timer only plans the work: one queue message per page of invoices.
app.timer("nightlyInvoiceSync", {
  schedule: "0 0 2 * * *",
  extraOutputs: [pageQueue],
  handler: async (timer, context) => {
    const first = await fetch(`${BILLING}/invoices?status=open&page=1&per_page=100`, { headers: headers() }).then((r) => r.json());
    const pages = Array.from({ length: first.total_pages }, (_, i) => ({ page: i + 1 }));
    context.extraOutputs.set(pageQueue, pages);
    context.log(`queued ${pages.length} pages of invoices`);
  },
});

// Each page is its own execution with its own functionTimeout, and a failed page is retried
// on its own (then moved to invoice-pages-poison) instead of failing the whole night.
app.storageQueue("syncInvoicePage", {
  queueName: "invoice-pages",
  connection: "AzureWebJobsStorage",
  handler: async (message, context) => {
    const batch = await fetch(`${BILLING}/invoices?status=open&page=${message.page}&per_page=100`, { headers: headers() }).then((r) => r.json());
    for (const invoice of batch.items) {
      await fetch(`${LEDGER}/entries`, { method: "POST", headers: headers(), body: JSON.stringify({ invoiceId: invoice.id, amount: invoice.amount }) });
    }
    context.log(`page ${message.page}: synced ${batch.items.length} invoices`);
  },
});
