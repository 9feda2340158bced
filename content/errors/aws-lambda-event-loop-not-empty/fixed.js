// Stands in for `new Pool()` from pg (node-postgres): a query takes ~40 ms, then the pool
// keeps the connection as an idle client for idleTimeoutMillis (10 s by default). That
// socket and its timer are ref'd, so Node's event loop is not empty until the client closes.
function createPool({ idleTimeoutMillis = 10000 } = {}) {
  const run = (sql, params) =>
    new Promise((resolve) => {
      setTimeout(() => {
        setTimeout(() => {}, idleTimeoutMillis); // the idle client, closed after 10 s
        resolve({ rows: [{ id: params[0], status: "shipped" }] });
      }, 40);
    });
  return {
    query: (sql, params, cb) => (cb ? run(sql, params).then((res) => cb(null, res), cb) : run(sql, params)),
  };
}

// Created once per execution environment, outside the handler, as it should be.
const pool = createPool();

// Async handler: Lambda sends the returned value as soon as the promise settles. The idle
// client stays open, frozen with the environment, and is reused by the next invocation.
exports.handler = async (event) => {
  const res = await pool.query("SELECT id, status FROM orders WHERE id = $1", [event.orderId]);
  return { statusCode: 200, body: JSON.stringify(res.rows[0]) };
};
