// index.js: receives order events from the shop platform and records paid orders.
const functions = require("@google-cloud/functions-framework");

functions.http("orderWebhook", async (req, res) => {
  const event = req.body;
  if (!event || event.type !== "order.paid") {
    // Every path ends the response: here with an empty 204.
    res.status(204).end();
    return;
  }

  const saved = await fetch(`${process.env.ORDERS_API}/orders/${event.data.id}/paid`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ORDERS_TOKEN}` },
    body: JSON.stringify({ paidAt: event.created }),
    signal: AbortSignal.timeout(10_000),
  });
  res.status(saved.ok ? 200 : 502).json({ recorded: saved.ok });
});
