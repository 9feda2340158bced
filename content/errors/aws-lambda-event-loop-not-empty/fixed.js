const { Pool } = require("pg");

// Created once per execution environment, outside the handler, as it should be.
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// Async handler: Lambda sends the returned value as soon as the promise settles. The idle
// client stays open, frozen with the environment, and is reused by the next invocation.
exports.handler = async (event) => {
  const res = await pool.query("SELECT id, status FROM orders WHERE id = $1", [event.orderId]);
  return { statusCode: 200, body: JSON.stringify(res.rows[0]) };
};
