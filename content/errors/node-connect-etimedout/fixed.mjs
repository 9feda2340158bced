// Lambda (Node.js 20.x) attached to a VPC: posts each order to the fulfilment
// partner's HTTPS API.
import https from "node:https";

const PARTNER_HOST = process.env.PARTNER_HOST ?? "api.fulfil-partner.example";
// The partner connects and answers in well under a second when the path is open;
// without a limit of our own the kernel keeps retrying the handshake for minutes.
const SOCKET_TIMEOUT_MS = 3000;

function postJson(path, payload) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    const req = https.request(
      {
        host: PARTNER_HOST,
        path,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: SOCKET_TIMEOUT_MS, // idle timeout, armed before the socket connects
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode, body: text }));
      },
    );
    // 'timeout' only reports the idle socket; the request goes on until it is destroyed
    req.on("timeout", () => {
      const what = req.socket?.connecting ? `could not connect to ${PARTNER_HOST}` : `${PARTNER_HOST} went silent`;
      req.destroy(Object.assign(new Error(`${what} within ${SOCKET_TIMEOUT_MS} ms`), { code: "ETIMEDOUT" }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const handler = async (event) => {
  const order = JSON.parse(event.body);
  try {
    const answer = await postJson("/v1/shipments", { orderId: order.id, items: order.items });
    return { statusCode: answer.status === 201 ? 202 : 502, body: answer.body };
  } catch (err) {
    console.error(JSON.stringify({ msg: "partner unreachable", host: PARTNER_HOST, code: err.code, detail: err.message }));
    // The order stays queued on our side; the caller retries later.
    return { statusCode: 503, headers: { "retry-after": "60" }, body: JSON.stringify({ error: "fulfilment partner unreachable" }) };
  }
};
