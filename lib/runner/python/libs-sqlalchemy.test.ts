import { describe, expect, test } from "vitest";
import { network, run } from "./libs.fixture";

const QUEUEPOOL_TIMEOUT =
  "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)";

describe("SQLAlchemy 2.0 over psycopg2", () => {
  test("16 threads each holding a connection for 40 s against size 5 + overflow 10: the 16th raises QueuePool's TimeoutError at 30 s", async () => {
    const r = await run(
      `
      import time
      from concurrent.futures import ThreadPoolExecutor
      from sqlalchemy import create_engine, text, exc
      engine = create_engine("postgresql+psycopg2://app:pw@db.internal:5432/app")
      def work(i):
          t = time.monotonic()
          try:
              with engine.connect() as conn:
                  conn.execute(text("SELECT pg_sleep(40)"))
                  time.sleep(40)
              return ["ok", round(time.monotonic() - t)]
          except exc.TimeoutError as e:
              return [type(e).__name__, str(e), round(time.monotonic() - t)]
      def lambda_handler(event, context):
          with ThreadPoolExecutor(max_workers=16) as pool:
              results = list(pool.map(work, range(16)))
          return {"results": results, "status": engine.pool.status()}
    `,
      { latency: { "db.internal": 0 } },
    );
    const out = r.result as { results: unknown[][]; status: string };
    expect(out.results.slice(0, 15)).toEqual(Array.from({ length: 15 }, () => ["ok", 40]));
    expect(out.results[15]).toEqual(["TimeoutError", QUEUEPOOL_TIMEOUT, 30]);
    // 15 connections were opened, and all came back; overflow ones returned to a full pool are
    // closed (how many depends on the order of returns within the same instant)
    expect(network(r).filter((s) => s.label?.includes("] CONNECT postgres://db.internal:5432/app"))).toHaveLength(15);
    expect(out.status).toMatch(/^Pool size: 5 {2}Connections in pool: ([5-9]|1[0-5]) Current Overflow: \d+ Current Checked out connections: 0$/);
  });

  test("a leaked connection holds its place: with pool_size=2, max_overflow=0 the third checkout waits pool_timeout, and a returned one is reused", async () => {
    const r = await run(
      `
      import time
      from sqlalchemy import create_engine, text, exc
      from sqlalchemy.orm import sessionmaker
      engine = create_engine("postgresql://app@db.internal/app", pool_size=2, max_overflow=0, pool_timeout=5)
      Session = sessionmaker(bind=engine)
      leaked = []
      def handle(i):
          s = Session()
          s.execute(text("SELECT 1"))
          leaked.append(s)  # never closed: the connection stays checked out
      def lambda_handler(event, context):
          out = []
          with Session() as s:
              s.execute(text("SELECT 1"))
          out.append(engine.pool.checkedout())
          handle(1)
          handle(2)
          t = time.monotonic()
          try:
              handle(3)
          except exc.TimeoutError as e:
              out.append([str(e), round(time.monotonic() - t)])
          leaked[0].commit()
          with engine.begin() as conn:
              conn.execute(text("UPDATE jobs SET done = true"))
          out.append(engine.pool.checkedout())
          return out
    `,
      { latency: { "db.internal": 0.01 } },
    );
    expect(r.result).toEqual([
      0,
      ["QueuePool limit of size 2 overflow 0 reached, connection timed out, timeout 5.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)", 5],
      1,
    ]);
    // two connections in all: the session's first one was returned and reused
    expect(network(r).filter((s) => s.label?.startsWith("CONNECT"))).toHaveLength(2);
  });

  test("a driver error is wrapped as SQLAlchemy wraps it: OperationalError with the libpq text, the SQL and the Background link", async () => {
    const r = await run(
      `
      from sqlalchemy import create_engine, text, exc
      def lambda_handler(event, context):
          out = []
          engine = create_engine("postgresql://app@db.internal/app", connect_args={"connect_timeout": 3})
          try:
              engine.connect()
          except exc.OperationalError as e:
              out.append(str(e))
          slow = create_engine("postgresql://app@slow.db/app", connect_args={"options": "-c statement_timeout=1000"})
          with slow.connect() as conn:
              try:
                  conn.execute(text("SELECT * FROM big WHERE id = :id"), {"id": 7})
              except exc.OperationalError as e:
                  out.append(str(e))
                  out.append(type(e.orig).__name__)
          try:
              slow.connect().execute("SELECT 1")
          except exc.ObjectNotExecutableError as e:
              out.append(str(e))
          return out
    `,
      {
        responses: [
          { match: "db.internal:5432", answers: [{ connection: "dropped" }] },
          { match: "slow.db", answers: [{ latency: 30, json: [] }] },
        ],
      },
    );
    expect(r.result).toEqual([
      '(psycopg2.OperationalError) connection to server at "db.internal", port 5432 failed: timeout expired\n\n(Background on this error at: https://sqlalche.me/e/20/e3q8)',
      "(psycopg2.errors.QueryCanceled) canceling statement due to statement timeout\n\n[SQL: SELECT * FROM big WHERE id = %(id)s]\n[parameters: {'id': 7}]\n(Background on this error at: https://sqlalche.me/e/20/e3q8)",
      "QueryCanceled",
      "Not an executable object: 'SELECT 1'",
    ]);
  });

  test("the psycopg and pymysql drivers; an argument create_engine does not take is SQLAlchemy's TypeError", async () => {
    const r = await run(
      `
      from sqlalchemy import create_engine, text
      def lambda_handler(event, context):
          out = []
          for url in ("postgresql+psycopg://app@pg.internal/app", "mysql+pymysql://app@mysql.internal/shop"):
              with create_engine(url).connect() as conn:
                  out.append(conn.execute(text("SELECT id FROM t WHERE id = :id"), {"id": 1}).mappings().all())
          try:
              create_engine("postgresql://app@pg.internal/app", pool_sizes=3)
          except TypeError as e:
              out.append(str(e))
          return out
    `,
      { responses: [{ match: "pg.internal:5432", answers: [{ json: [{ id: 1 }] }] }, { match: "mysql.internal:3306", answers: [{ json: [{ id: 2 }] }] }] },
    );
    expect(r.result).toEqual([
      [{ id: 1 }],
      [{ id: 2 }],
      "Invalid argument(s) 'pool_sizes' sent to create_engine(), using configuration PGDialect_psycopg2/QueuePool/Engine.  Please check that the keyword arguments are appropriate for this combination of components.",
    ]);
  });
});
