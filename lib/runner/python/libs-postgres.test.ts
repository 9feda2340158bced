import { describe, expect, test } from "vitest";
import { parseWorld } from "../world";
import { network, run } from "./libs.fixture";

const dropped = parseWorld({ responses: [{ match: "db.internal:5432", answers: [{ connection: "dropped" }] }] });

describe("psycopg2 (libpq underneath)", () => {
  test("connect to a dropped host without connect_timeout waits until the deadline; with connect_timeout=5 it fails at 5 s with libpq's text", async () => {
    const hang = await run(
      `
      import psycopg2
      def lambda_handler(event, context):
          conn = psycopg2.connect(host="db.internal", dbname="app", user="app")
          return "connected"
    `,
      { timeout: 30, ...dropped },
    );
    expect(hang).toMatchObject({ verdict: "timeout", elapsedSeconds: 30, line: 3 });

    const r = await run(
      `
      import time, psycopg2
      def lambda_handler(event, context):
          t = time.monotonic()
          try:
              psycopg2.connect("postgresql://app:pw@db.internal:5432/app?connect_timeout=5")
          except psycopg2.OperationalError as e:
              return [type(e).__module__ + "." + type(e).__name__, str(e), round(time.monotonic() - t)]
    `,
      { timeout: 30, ...dropped },
    );
    expect(r.result).toEqual(["psycopg2.OperationalError", 'connection to server at "db.internal", port 5432 failed: timeout expired\n', 5]);
  });

  test("a refused localhost connection fails at once with libpq's hint; rows from a rule come back as tuples, dict cursors give dicts", async () => {
    const r = await run(
      `
      import psycopg2, psycopg2.extras
      def lambda_handler(event, context):
          out = {}
          try:
              psycopg2.connect(host="localhost", dbname="app")
          except psycopg2.OperationalError as e:
              out["refused"] = str(e)
          conn = psycopg2.connect("host=db.internal dbname=orders user=app")
          with conn, conn.cursor() as cur:
              cur.execute("SELECT id, status FROM orders WHERE id = %s", ("o-1",))
              out["rows"] = cur.fetchall()
              out["description"] = [c.name for c in cur.description]
          cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
          cur.execute("SELECT id, status FROM orders")
          out["dict"] = cur.fetchone()
          cur.execute("UPDATE orders SET status = 'x'")
          out["rowcount"] = cur.rowcount
          try:
              cur.fetchall()
          except psycopg2.ProgrammingError as e:
              out["fetch"] = str(e)
          conn.close()
          try:
              conn.cursor()
          except psycopg2.InterfaceError as e:
              out["closed"] = str(e)
          return out
    `,
      {
        ...parseWorld({
          responses: [
            { match: "localhost:5432", answers: [{ connection: "refused" }] },
            { match: "db.internal:5432", answers: [{ times: 2, json: [{ id: "o-1", status: "shipped" }] }, { json: { rows: [], rowCount: 3 } }] },
          ],
        }),
      },
    );
    expect(r.result).toEqual({
      refused: 'connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n',
      rows: [["o-1", "shipped"]],
      description: ["id", "status"],
      dict: { id: "o-1", status: "shipped" },
      rowcount: 3,
      fetch: "no results to fetch",
      closed: "connection already closed",
    });
    // BEGIN, the query, COMMIT (the with block), then BEGIN is not repeated after commit until the next execute
    const labels = network(r).map((s) => s.label?.replace(/ \(.*$/, ""));
    expect(labels.slice(0, 5)).toEqual([
      "CONNECT postgres://localhost:5432/app [psycopg2 connect]",
      "CONNECT postgres://db.internal:5432/orders [psycopg2 connect]",
      "QUERY postgres://db.internal:5432/orders [psycopg2 BEGIN]",
      "QUERY postgres://db.internal:5432/orders [psycopg2 execute: SELECT id, status FROM orders WHERE id = %s]",
      "QUERY postgres://db.internal:5432/orders [psycopg2 COMMIT]",
    ]);
  });

  test("statement_timeout through options: the server cancels at the timeout with QueryCanceled (57014); the transaction is then aborted", async () => {
    const r = await run(
      `
      import time, psycopg2, psycopg2.errors
      def lambda_handler(event, context):
          conn = psycopg2.connect(host="db.internal", dbname="app", options="-c statement_timeout=5s")
          cur = conn.cursor()
          t = time.monotonic()
          out = []
          try:
              cur.execute("SELECT pg_sleep(60)")
          except psycopg2.errors.QueryCanceled as e:
              out.append([str(e), e.pgcode, isinstance(e, psycopg2.OperationalError), round(time.monotonic() - t)])
          try:
              cur.execute("SELECT 1")
          except psycopg2.InternalError as e:
              out.append([type(e).__name__, e.pgcode])
          return out
    `,
      { ...parseWorld({ responses: [{ match: "db.internal", answers: [{ latency: 60, json: [] }] }] }), latency: { "db.internal": 0 } },
    );
    expect(r.result).toEqual([
      ["canceling statement due to statement timeout\n", "57014", true, 5],
      ["InFailedSqlTransaction", "25P02"],
    ]);
  });
});

describe("psycopg 3", () => {
  test("its own connect timeout: 130 s by default on a dropped host, connect_timeout when given (ConnectionTimeout); refused is 'connection failed: ...'", async () => {
    const r = await run(
      `
      import time, psycopg
      def lambda_handler(event, context):
          out = []
          for kwargs in ({}, {"connect_timeout": 5}):
              t = time.monotonic()
              try:
                  psycopg.connect("host=db.internal dbname=app", **kwargs)
              except psycopg.errors.ConnectionTimeout as e:
                  out.append([type(e).__name__, str(e), isinstance(e, psycopg.OperationalError), round(time.monotonic() - t)])
          try:
              psycopg.connect("postgresql://localhost/app")
          except psycopg.OperationalError as e:
              out.append(str(e))
          with psycopg.connect("host=ok.db dbname=app", row_factory=psycopg.rows.dict_row) as conn:
              out.append(conn.execute("SELECT id FROM t").fetchall())
          return out
    `,
      {
        timeout: 300,
        ...parseWorld({
          responses: [
            { match: "db.internal:5432", answers: [{ connection: "dropped" }] },
            { match: "localhost:5432", answers: [{ connection: "refused" }] },
            { match: "ok.db", answers: [{ json: [{ id: 1 }, { id: 2 }] }] },
          ],
        }),
      },
    );
    expect(r.result).toEqual([
      ["ConnectionTimeout", "connection timeout expired", true, 130],
      ["ConnectionTimeout", "connection timeout expired", true, 5],
      'connection failed: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?',
      [{ id: 1 }, { id: 2 }],
    ]);
  });
});

describe("asyncpg", () => {
  test("connect(timeout=60) by default; command_timeout bounds each query with asyncio.TimeoutError; create_pool opens min_size (10) connections at once", async () => {
    const r = await run(
      `
      import asyncio, time, asyncpg
      async def main():
          out = []
          t = time.monotonic()
          try:
              await asyncpg.connect("postgresql://app@db.internal/app")
          except asyncio.TimeoutError:
              out.append(["TimeoutError", round(time.monotonic() - t)])
          try:
              await asyncpg.connect(host="localhost", database="app")
          except ConnectionRefusedError as e:
              out.append(str(e))
          conn = await asyncpg.connect("postgresql://app@slow.db/app", command_timeout=3)
          t = time.monotonic()
          try:
              await conn.fetch("SELECT pg_sleep(30)")
          except asyncio.TimeoutError:
              out.append(["command_timeout", round(time.monotonic() - t)])
          pool = await asyncpg.create_pool("postgresql://app@fast.db/app")
          out.append([pool.get_size(), await pool.fetchval("SELECT 1")])
          async with pool.acquire() as c:
              row = await c.fetchrow("SELECT 1")
              out.append(dict(row))
          return out
      def lambda_handler(event, context):
          return asyncio.run(main())
    `,
      {
        timeout: 300,
        ...parseWorld({
          responses: [
            { match: "db.internal:5432", answers: [{ connection: "dropped" }] },
            { match: "localhost:5432", answers: [{ connection: "refused" }] },
            { match: "slow.db", answers: [{ latency: 30, json: [] }] },
            { match: "fast.db", answers: [{ json: [{ n: 1 }] }] },
          ],
        }),
      },
    );
    expect(r.result).toEqual([["TimeoutError", 60], "[Errno 111] Connect call failed ('127.0.0.1', 5432)", ["command_timeout", 3], [10, 1], { n: 1 }]);
    // the pool's 10 connections open together: one after the first, the other nine at once
    const connects = network(r).filter((s) => s.label?.startsWith("CONNECT postgres://fast.db"));
    expect(connects).toHaveLength(10);
  });
});

