import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

test("mysql2/promise: createPool query gives [rows, fields]; connectTimeout 10 s is 'connect ETIMEDOUT'; a query's timeout is 'Query inactivity timeout'", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import mysql from "mysql2/promise";
const pool = mysql.createPool({ host: "mysql.internal", user: "app", database: "shop" });
export const handler = async () => {
  const out = {};
  const [rows, fields] = await pool.query("SELECT id, name FROM products WHERE id = ?", [1]);
  out.rows = rows;
  out.fields = fields.map((f) => f.name);
  const [header] = await pool.execute("UPDATE products SET name = ? WHERE id = ?", ["x", 1]);
  out.affected = header.affectedRows;
  try { await pool.query({ sql: "SELECT SLEEP(60)", timeout: 2000 }); } catch (e) { out.timeout = [e.message, e.code]; }
  const t = Date.now();
  try { await mysql.createConnection({ host: "down.internal" }); } catch (e) { out.connect = [e.message, e.code, Math.round((Date.now() - t) / 1000) * 1000]; }
  await pool.end();
  return out;
};`),
    responses: [
      { match: "mysql.internal:3306", answers: [{ times: 1, json: [{ id: 1, name: "Lamp" }] }, { times: 1, json: { rows: [], affectedRows: 1 } }, { latency: 60, json: [] }] },
      { match: "down.internal", answers: [{ connection: "dropped" }] },
    ],
    timeout: 60,
  });
  expect(result.result).toEqual({
    rows: [{ id: 1, name: "Lamp" }],
    fields: ["id", "name"],
    affected: 1,
    timeout: ["Query inactivity timeout", "PROTOCOL_SEQUENCE_TIMEOUT"],
    connect: ["connect ETIMEDOUT", "ETIMEDOUT", 10000],
  });
});

test("mysql2 pool in a Lambda callback handler: idle connections are never closed by default (maxIdle = connectionLimit), so the invocation runs to its timeout", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
const mysql = require("mysql2");
const pool = mysql.createPool({ host: "mysql.internal", user: "app" });
exports.handler = (event, context, callback) => {
  pool.query("SELECT 1 AS ok", (err, rows) => callback(err, rows));
};`),
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(3);
});

test("mongodb: an unreachable server fails the first operation after serverSelectionTimeoutMS (30 s); a rule's array is what find() returns", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { MongoClient } from "mongodb";
const client = new MongoClient(process.env.MONGO_URL || "mongodb://mongo.internal:27017/app");
const down = new MongoClient("mongodb://down.internal:27017/app");
export const handler = async () => {
  const out = {};
  out.docs = await client.db().collection("users").find({ active: true }).toArray();
  out.one = await client.db("app").collection("users").findOne({ _id: "u1" });
  const t = Date.now();
  try { await down.db().collection("users").findOne({}); } catch (e) { out.down = [e.name, e.message, Math.round((Date.now() - t) / 1000)]; }
  await client.close();
  return out;
};`),
    responses: [
      { match: "mongodb://mongo.internal:27017/app", answers: [{ times: 1, json: [{ _id: "u1" }, { _id: "u2" }] }, { json: { _id: "u1", name: "Ada" } }] },
      { match: "down.internal", answers: [{ connection: "dropped" }] },
    ],
    timeout: 60,
  });
  expect(result.result).toEqual({
    docs: [{ _id: "u1" }, { _id: "u2" }],
    one: { _id: "u1", name: "Ada" },
    down: ["MongoServerSelectionError", "Server selection timed out after 30000 ms", 30],
  });
  const selection = spansOf(result.timeline, "network").find((s) => s.label?.includes("down.internal"));
  expect(durationOf(selection!)).toBeCloseTo(30, 1);
});
