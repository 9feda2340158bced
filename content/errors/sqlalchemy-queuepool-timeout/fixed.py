import os

import requests
from fastapi import FastAPI, HTTPException
from sqlalchemy import String, create_engine, update
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

PAYMENTS_API = "https://api.payments.example.com/v1"


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    payment_intent: Mapped[str] = mapped_column(String(64))
    captured_amount: Mapped[int | None]


# Each request now holds a connection only for two short transactions, not for the payment call,
# so QueuePool's default 5 + 10 connections serve FastAPI's 40 worker threads. A checkout that
# still has to wait gives up after 10 s instead of 30, so an overload shows up as quick errors.
engine = create_engine(os.environ["DATABASE_URL"], pool_timeout=10, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine)

app = FastAPI()


@app.post("/orders/{order_id}/capture")
def capture(order_id: int):
    # 1. A short transaction: claim the order, then give the connection back.
    with SessionLocal.begin() as db:
        claimed = db.execute(
            update(Order)
            .where(Order.id == order_id, Order.status == "pending")
            .values(status="capturing")
            .returning(Order.payment_intent)
        ).scalar_one_or_none()
    if claimed is None:
        raise HTTPException(status_code=409, detail="order is not pending")

    # 2. The slow call, with no connection checked out.
    resp = requests.post(
        f"{PAYMENTS_API}/payment_intents/{claimed}/capture",
        headers={"Authorization": f"Bearer {os.environ['PAYMENTS_KEY']}", "Idempotency-Key": f"capture-{order_id}"},
        timeout=(3.05, 30),
    )
    resp.raise_for_status()

    # 3. Another short transaction to record the result.
    with SessionLocal.begin() as db:
        db.execute(
            update(Order)
            .where(Order.id == order_id)
            .values(status="paid", captured_amount=resp.json()["amount_received"])
        )
    return {"id": order_id, "status": "paid"}
