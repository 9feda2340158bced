const { Pool } = require("pg");

// Created once per execution environment, outside the handler, as it should be.
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// Callback handler: Lambda sends `callback`'s result only once the event loop is empty. After
// the query, pg-pool keeps the client idle for idleTimeoutMillis (10 s by default), its socket
// and timer ref'd, so the loop stays busy past the 3-second timeout.
exports.handler = (event, context, callback) => {
  pool.query("SELECT id, status FROM orders WHERE id = $1", [event.orderId], (err, res) => {
    if (err) return callback(err);
    callback(null, { statusCode: 200, body: JSON.stringify(res.rows[0]) });
  });
};
