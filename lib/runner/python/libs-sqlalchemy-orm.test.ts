import { describe, expect, test } from "vitest";
import { prepare } from "../prepare";
import type { SimulationResult } from "../types";
import { network, py, run } from "./libs.fixture";

const QUEUEPOOL_TIMEOUT =
  "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)";

const MODELS = `
  from sqlalchemy import String, create_engine, select, update, insert, delete, func, text
  from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

  class Base(DeclarativeBase):
      pass

  class Order(Base):
      __tablename__ = "orders"

      id: Mapped[int] = mapped_column(primary_key=True)
      status: Mapped[str] = mapped_column(String(20))
      payment_intent: Mapped[str] = mapped_column(String(64))
      captured_amount: Mapped[int | None]

  engine = create_engine("postgresql+psycopg://app@db.internal/shop")
  SessionLocal = sessionmaker(bind=engine)
`;

const ROW = { id: 1042, status: "pending", payment_intent: "pi_1", captured_amount: null };

/** The models, then a handler written at its own indentation. */
function orm(handler: string): string {
  return py(MODELS) + py(handler);
}

function sql(result: SimulationResult): string[] {
  return network(result)
    .map((s) => s.label ?? "")
    .filter((l) => l.includes("execute:") || l.includes("COMMIT") || l.includes("ROLLBACK") || l.includes("BEGIN"));
}

describe("SQLAlchemy 2.0 ORM over the simulated driver", () => {
  test("statements compile to SQLAlchemy's SQL with its bind names; str() shows them as :name", async () => {
    const r = await run(orm(`
      def lambda_handler(event, context):
          return [
              str(select(Order).where(Order.id == 5).with_for_update()),
              str(select(Order.id, Order.status).where(Order.status.in_(["a", "b"]), Order.captured_amount.is_(None)).order_by(Order.id.desc()).limit(10)),
              str(update(Order).where(Order.id == 5, Order.status == "pending").values(status="capturing").returning(Order.payment_intent)),
              str(insert(Order).values(status="new", payment_intent="pi")),
              str(delete(Order).where(Order.id != 3)),
              str(select(func.count()).select_from(Order)),
          ]
    `));
    expect(r.verdict).toBe("ok");
    expect(r.result).toEqual([
      "SELECT orders.id, orders.status, orders.payment_intent, orders.captured_amount \nFROM orders \nWHERE orders.id = :id_1 FOR UPDATE",
      "SELECT orders.id, orders.status \nFROM orders \nWHERE orders.status IN (:status_1, :status_2) AND orders.captured_amount IS NULL ORDER BY orders.id DESC \n LIMIT :param_1",
      "UPDATE orders SET status=:status WHERE orders.id = :id_1 AND orders.status = :status_1 RETURNING orders.payment_intent",
      "INSERT INTO orders (status, payment_intent) VALUES (:status, :payment_intent)",
      "DELETE FROM orders WHERE orders.id != :id_1",
      "SELECT count(*) \nFROM orders",
    ]);
  });

  test("select(Order) gives mapped objects read by column name; a change is flushed as UPDATE on commit; reading after commit loads the row again", async () => {
    const r = await run(
      orm(`
      def lambda_handler(event, context):
          with SessionLocal() as db:
              order = db.execute(select(Order).where(Order.id == 1042)).scalar_one_or_none()
              first = [type(order).__name__, order.id, order.status, order.payment_intent, order.captured_amount]
              order.status = "paid"
              db.commit()
              after = engine.pool.checkedout()
              again = order.status
              return {"first": first, "checkedOutAfterCommit": after, "again": again, "checkedOutAfterRead": engine.pool.checkedout()}
    `),
      { responses: [{ match: "db.internal:5432", answers: [{ json: [{ captured_amount: null, status: "pending", id: 1042, payment_intent: "pi_1" }] }] }] },
    );
    expect(r.result).toEqual({ first: ["Order", 1042, "pending", "pi_1", null], checkedOutAfterCommit: 0, again: "pending", checkedOutAfterRead: 1 });
    const statements = sql(r);
    expect(statements.some((l) => l.includes("execute: UPDATE orders SET status=%(status)s WHERE orders.id = %(id_1)s"))).toBe(true);
    // BEGIN, SELECT, UPDATE, COMMIT, then BEGIN and the refresh SELECT, and the rollback on close
    expect(statements.map((l) => l.replace(/^.*\[psycopg (execute: )?/, "").slice(0, 6))).toEqual(["BEGIN]", "SELECT", "UPDATE", "COMMIT", "BEGIN]", "SELECT", "ROLLBA"]);
  });

  test("add() is an INSERT that returns the primary key; scalars(), get() and the legacy query() read the rule's rows", async () => {
    const r = await run(
      orm(`
      def lambda_handler(event, context):
          with SessionLocal.begin() as db:
              o = Order(status="new", payment_intent="pi_9")
              db.add(o)
              db.flush()
              new_id = o.id
              many = db.scalars(select(Order)).all()
              same = db.get(Order, 1042) is many[0]
              legacy = db.query(Order).filter_by(status="pending").first()
              return [new_id, len(many), same, legacy.payment_intent]
    `),
      { responses: [{ match: "db.internal:5432", answers: [{ json: [ROW] }] }] },
    );
    expect(r.result).toEqual([1042, 1, true, "pi_1"]);
    expect(sql(r).some((l) => l.includes("INSERT INTO orders (status, payment_intent) VALUES (%(status)s, %(payment_inten"))).toBe(true);
  });

  test("update().returning() picks the returned column by name, and with no rule there is no row", async () => {
    const r = await run(
      orm(`
      def lambda_handler(event, context):
          with SessionLocal.begin() as db:
              claimed = db.execute(update(Order).where(Order.id == 1042).values(status="capturing").returning(Order.payment_intent)).scalar_one_or_none()
          return claimed
    `),
      { responses: [{ match: "db.internal:5432", answers: [{ json: [ROW] }] }] },
    );
    expect(r.result).toBe("pi_1");
    const none = await run(orm(`
      def lambda_handler(event, context):
          with SessionLocal() as db:
              return [db.execute(select(Order).where(Order.id == 1)).scalar_one_or_none()]
    `));
    expect(none.result).toEqual([null]);
  });

  test("a session that is never closed keeps its connection after the function that made it returns", async () => {
    const r = await run(orm(`
      def use():
          db = SessionLocal()
          db.execute(text("SELECT 1"))
      def lambda_handler(event, context):
          use()
          leaked = engine.pool.checkedout()
          with SessionLocal() as db:
              db.execute(text("SELECT 1"))
          return [leaked, engine.pool.checkedout()]
    `));
    expect(r.result).toEqual([1, 1]);
  });

  test("joins are not simulated and say so", async () => {
    const r = await run(orm(`
      def lambda_handler(event, context):
          return str(select(Order).join(Order))
    `));
    expect(r.verdict).toBe("error");
    expect(r.error?.message).toContain("select().join() is not simulated");
  });
});

const FASTAPI = (holdDuringCall: boolean) => `
import os
import requests
from fastapi import Depends, FastAPI
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

class Base(DeclarativeBase):
    pass

class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))

engine = create_engine("postgresql+psycopg://app@db.internal/shop")
SessionLocal = sessionmaker(bind=engine)
app = FastAPI()

def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()

@app.post("/orders/{order_id}/capture")
def capture(order_id: int, db: Session = Depends(get_db)):
    order = db.execute(select(Order).where(Order.id == order_id)).scalar_one()
    ${holdDuringCall ? "" : "db.commit()"}
    requests.post("https://api.payments.example.com/capture", timeout=30)
    return {"id": order_id}
`;

describe("QueuePool under simultaneous FastAPI requests (anyio's 40 threads)", () => {
  const preset = prepare({ language: "python", code: "", platform: "gunicorn", plan: "uvicorn", timeout: 120 }).engine;
  const world = {
    concurrency: 40,
    event: { method: "POST", path: "/orders/7/capture" },
    latency: { "api.payments.example.com": 20 },
    responses: [{ match: "db.internal:5432", answers: [{ json: [{ id: 7, status: "pending" }] }] }],
  };

  test("holding the session's connection through a 20 s call: 15 answer at 20 s, 15 wait 20 s for theirs, the last 10 fail at 30 s", async () => {
    const r = await run(FASTAPI(true), world, preset);
    expect(r.verdict).toBe("error");
    expect(r.error?.message).toBe(QUEUEPOOL_TIMEOUT);
    const requests = r.requests ?? [];
    expect(requests).toHaveLength(40);
    const failed = requests.filter((q) => q.status === 500);
    expect(failed).toHaveLength(10);
    for (const q of failed) expect(q.elapsedSeconds).toBeCloseTo(30, 0);
    const ok = requests.filter((q) => q.status === 200).map((q) => Math.round(q.elapsedSeconds));
    expect(ok.filter((s) => s === 20 || s === 21)).toHaveLength(15);
    expect(ok.filter((s) => s === 40 || s === 41)).toHaveLength(15);
  });

  test("committing before the call gives the connection back: all 40 answer in about 20 s", async () => {
    const r = await run(FASTAPI(false), world, preset);
    expect(r.verdict).toBe("ok");
    const requests = r.requests ?? [];
    expect(requests.every((q) => q.status === 200 && q.elapsedSeconds < 22)).toBe(true);
  });
});
