// Lambda (Node.js 20.x): enriches an order with the customer's loyalty tier.
// Still on the request library, as when the service was written.
const request = require("request");

const LOYALTY_API = process.env.LOYALTY_API ?? "http://loyalty.internal.example:8080";

function getTier(customerId) {
  return new Promise((resolve, reject) => {
    request({ url: `${LOYALTY_API}/v1/customers/${customerId}/tier`, json: true, timeout: 10000 }, (err, res, body) => {
      if (err) return reject(err);
      if (res.statusCode !== 200) return reject(new Error(`loyalty answered ${res.statusCode}`));
      resolve(body.tier);
    });
  });
}

exports.handler = async (event) => {
  const order = JSON.parse(event.body);
  const tier = await getTier(order.customerId);
  return { statusCode: 200, body: JSON.stringify({ ...order, tier }) };
};
