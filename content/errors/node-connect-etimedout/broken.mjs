// Lambda (Node.js 20.x) attached to a VPC: posts each order to the fulfilment
// partner's HTTPS API.
import https from "node:https";

const PARTNER_HOST = process.env.PARTNER_HOST ?? "api.fulfil-partner.example";

function postJson(path, payload) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    const req = https.request(
      { host: PARTNER_HOST, path, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export const handler = async (event) => {
  const order = JSON.parse(event.body);
  const answer = await postJson("/v1/shipments", { orderId: order.id, items: order.items });
  return { statusCode: answer.status === 201 ? 202 : 502, body: answer.body };
};
