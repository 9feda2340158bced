import os

import requests
from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

PAYMENTS_API = "https://api.payments.example.com/v1"


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    payment_intent: Mapped[str] = mapped_column(String(64))
    captured_amount: Mapped[int | None]


engine = create_engine(os.environ["DATABASE_URL"])  # QueuePool: 5 connections + 10 overflow, 30 s wait
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
    order = db.execute(select(Order).where(Order.id == order_id).with_for_update()).scalar_one_or_none()
    if order is None:
        raise HTTPException(status_code=404)
    # The row lock and the pooled connection are held while the payment provider thinks.
    resp = requests.post(
        f"{PAYMENTS_API}/payment_intents/{order.payment_intent}/capture",
        headers={"Authorization": f"Bearer {os.environ['PAYMENTS_KEY']}"},
        timeout=(3.05, 30),
    )
    resp.raise_for_status()
    order.status = "paid"
    order.captured_amount = resp.json()["amount_received"]
    db.commit()
    return {"id": order.id, "status": order.status}
