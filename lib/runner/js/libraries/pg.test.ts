import { expect } from "vitest";
import { durationOf, js, spansOf, test } from "./library-test-kit";

const callbackHandler = (waits: boolean) =>
  js(`
const { Pool } = require("pg");
const pool = new Pool({ connectionString: process.env.DATABASE_URL || "postgres://app:secret@db.internal:5432/orders" });
exports.handler = (event, context, callback) => {
  ${waits ? "" : "context.callbackWaitsForEmptyEventLoop = false;"}
  pool.query("SELECT id, status FROM orders WHERE id = $1", [event.orderId], (err, res) => {
    if (err) return callback(err);
    callback(null, { statusCode: 200, body: JSON.stringify(res.rows[0]) });
  });
};`);

const orderRule = [{ match: "db.internal:5432", answers: [{ json: [{ id: "o-1", status: "shipped" }] }] }];

test("pg.Pool in a Lambda callback handler: the idle client holds the invocation for idleTimeoutMillis (10 s), past a 3 s timeout", async ({ engine }) => {
  const { result } = await engine.run({ code: callbackHandler(true), event: { orderId: "o-1" }, responses: orderRule, latency: { "db.internal": 0.02 } });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(3);
  const idle = spansOf(result.timeline, "timer").find((span) => span.label?.startsWith("pg-pool idle client"));
  expect(idle?.label).toMatch(/^pg-pool idle client \(idleTimeoutMillis 10000 ms\)/);
  // connect, then the query: two round trips of the host's latency
  const network = spansOf(result.timeline, "network");
  expect(network.map((span) => span.label?.split(" ")[0])).toEqual(["CONNECT", "QUERY"]);
  for (const span of network) expect(durationOf(span)).toBeCloseTo(0.02, 3);
});

test("with a 15 s timeout the same handler answers when the pool closes the idle client, 10 s after the query", async ({ engine }) => {
  const { result } = await engine.run({ code: callbackHandler(true), event: { orderId: "o-1" }, responses: orderRule, latency: { "db.internal": 0.02 }, timeout: 15 });
  expect(result.verdict).toBe("ok");
  expect(result.elapsedSeconds).toBeGreaterThanOrEqual(10.04);
  expect(result.elapsedSeconds).toBeLessThan(10.04 + 0.5);
  expect(result.result).toEqual({ statusCode: 200, body: JSON.stringify({ id: "o-1", status: "shipped" }) });
});

test("callbackWaitsForEmptyEventLoop = false answers as soon as the query returns", async ({ engine }) => {
  const { result } = await engine.run({ code: callbackHandler(false), event: { orderId: "o-1" }, responses: orderRule, latency: { "db.internal": 0.02 } });
  expect(result.verdict).toBe("ok");
  expect(result.elapsedSeconds).toBeLessThan(0.2);
});

test("allowExitOnIdle lets the event loop empty; a Client never ended holds it until the timeout", async ({ engine }) => {
  const exitOnIdle = await engine.run({
    code: js(`
const { Pool } = require("pg");
const pool = new Pool({ host: "db.internal", allowExitOnIdle: true });
exports.handler = (event, context, callback) => {
  pool.query("SELECT 1").then((res) => callback(null, res.rowCount));
};`),
  });
  expect(exitOnIdle.result.verdict).toBe("ok");
  expect(exitOnIdle.result.elapsedSeconds).toBeLessThan(0.2);
  // no rule: no rows, and the query is listed as a default answer
  expect(exitOnIdle.result.result).toBe(0);
  expect(spansOf(exitOnIdle.result.timeline, "network").map((span) => [span.label?.split(" (")[0], span.answer])).toEqual([
    ["CONNECT postgres://db.internal:5432/", undefined],
    ["QUERY postgres://db.internal:5432/", "default"],
  ]);

  const leaked = await engine.run({
    code: js(`
const { Client } = require("pg");
exports.handler = (event, context, callback) => {
  const client = new Client({ host: "db.internal", database: "app" });
  client.connect().then(() => client.query("SELECT now()")).then(() => callback(null, "done"));
};`),
  });
  expect(leaked.result.verdict).toBe("timeout");
  expect(leaked.result.line).toBe(4);
  const open = spansOf(leaked.result.timeline, "timer").find((span) => span.label?.startsWith("pg connection to db.internal:5432"));
  expect(open?.label).toMatch(/open until client\.end\(\)\) \(/);
});

test("connectionTimeoutMillis: a Client fails with 'timeout expired', a Pool with 'Connection terminated due to connection timeout'; refused is ECONNREFUSED", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import pg from "pg";
// Date.now() also counts the CPU the code takes, which a loaded machine stretches: compare to the half second
const since = (t) => Math.round((Date.now() - t) / 500) * 500;
export const handler = async () => {
  const out = {};
  const t0 = Date.now();
  try { await new pg.Client({ host: "db.internal", connectionTimeoutMillis: 2000 }).connect(); } catch (e) { out.client = [e.message, since(t0)]; }
  const t1 = Date.now();
  try { await new pg.Pool({ host: "db.internal", connectionTimeoutMillis: 3000 }).query("SELECT 1"); } catch (e) { out.pool = [e.message, e.cause?.message, since(t1)]; }
  try { await new pg.Client("postgres://localhost:5432/app").connect(); } catch (e) { out.refused = [e.message, e.code]; }
  return out;
};`),
    responses: [
      { match: "db.internal:5432", answers: [{ connection: "dropped" }] },
      { match: "localhost:5432", answers: [{ connection: "refused" }] },
    ],
    timeout: 30,
  });
  expect(result.result).toEqual({
    client: ["timeout expired", 2000],
    pool: ["Connection terminated due to connection timeout", "Connection terminated unexpectedly", 3000],
    refused: ["connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"],
  });
});

test("a dropped database host without connectionTimeoutMillis (default 0) waits until the function's timeout", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { Pool } from "pg";
const pool = new Pool({ host: "db.internal" });
export const handler = async () => {
  const { rows } = await pool.query("SELECT 1");
  return rows;
};`),
    responses: [{ match: "db.internal:5432", answers: [{ connection: "dropped" }] }],
    timeout: 10,
  });
  expect(result.verdict).toBe("timeout");
  expect(result.elapsedSeconds).toBe(10);
  expect(result.line).toBe(4);
});

test("query_timeout is 'Query read timeout'; statement_timeout is the server's 57014 error; pool max 10 queues the 11th", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { Pool, Client, DatabaseError } from "pg";
// Date.now() also counts the CPU the code takes, which a loaded machine stretches: compare to the half second
const since = (t) => Math.round((Date.now() - t) / 500) * 500;
export const handler = async () => {
  const out = {};
  const a = new Client({ host: "slow.db", query_timeout: 1500 });
  await a.connect();
  let t = Date.now();
  try { await a.query("SELECT pg_sleep(60)"); } catch (e) { out.read = [e.message, since(t)]; }
  const b = new Client({ host: "slow.db", statement_timeout: 2500 });
  await b.connect();
  t = Date.now();
  try { await b.query({ text: "SELECT pg_sleep(60)" }); } catch (e) { out.statement = [e.message, e.code, e.severity, e instanceof DatabaseError, since(t)]; }
  const pool = new Pool({ host: "fast.db" });
  t = Date.now();
  const done = await Promise.all(Array.from({ length: 11 }, () => pool.query("SELECT 1").then(() => since(t))));
  out.pool = { total: pool.totalCount, idle: pool.idleCount, last: done[10], first: done[0] };
  return out;
};`),
    responses: [{ match: "slow.db", answers: [{ latency: 60, json: [] }] }],
    latency: { "fast.db": 1 },
    timeout: 60,
  });
  const out = result.result as Record<string, unknown>;
  expect(out.read).toEqual(["Query read timeout", 1500]);
  expect(out.statement).toEqual(["canceling statement due to statement timeout", "57014", "ERROR", true, 2500]);
  // 10 clients connect (1 s) and query (1 s); the 11th reuses the first one released: 3 s
  expect(out.pool).toEqual({ total: 10, idle: 10, last: 3000, first: 2000 });
});

test("a rule's error body is a DatabaseError; a rule's rows come back in order after the connect, which uses none", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import pg from "pg";
export const handler = async () => {
  const client = new pg.Client({ host: "db.internal" });
  await client.connect();
  const first = await client.query("SELECT * FROM jobs");
  const second = await client.query({ text: "SELECT * FROM jobs", rowMode: "array" });
  const err = await client.query("INSERT INTO jobs VALUES (1)").catch((e) => [e.name, e.message, e.code]);
  await client.end();
  const reuse = await client.query("SELECT 1").catch((e) => e.message);
  return { first: [first.command, first.rowCount, first.rows, first.fields.map((f) => f.name)], second: second.rows, err, reuse };
};`),
    responses: [
      {
        match: "postgres://db.internal:5432",
        answers: [{ times: 1, json: { rows: [{ id: 1 }, { id: 2 }] } }, { times: 1, json: [{ id: 3, name: "x" }] }, { json: { error: { message: 'duplicate key value violates unique constraint "jobs_pkey"', code: "23505" } } }],
      },
    ],
  });
  expect(result.result).toEqual({
    first: ["SELECT", 2, [{ id: 1 }, { id: 2 }], ["id"]],
    second: [[3, "x"]],
    err: ["error", 'duplicate key value violates unique constraint "jobs_pkey"', "23505"],
    reuse: "Client was closed and is not queryable",
  });
});

test("a query sent while the connect is still under way fails with the connect's error", async ({ engine }) => {
  const { result } = await engine.run({
    code: js(`
import { Client } from "pg";
export const handler = async () => {
  const client = new Client({ host: "localhost" });
  const connecting = client.connect().catch((e) => e.code);
  const query = client.query("SELECT 1").catch((e) => e.code);
  return [await connecting, await query];
};`),
    responses: [{ match: "localhost:5432", answers: [{ connection: "refused" }] }],
  });
  expect(result.result).toEqual(["ECONNREFUSED", "ECONNREFUSED"]);
});
