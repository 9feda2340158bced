import csv
import io
import os

import boto3
import requests
from celery import Celery

SHOP_API = "https://api.shop.example.com/v1"
EXPORT_BUCKET = os.environ.get("EXPORT_BUCKET", "acme-order-exports")

app = Celery("exports", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"))
app.conf.update(task_soft_time_limit=300, task_time_limit=360)

s3 = boto3.client("s3")


@app.task
def export_orders(account_id):
    rows = []
    cursor = None
    while True:
        resp = requests.get(
            f"{SHOP_API}/accounts/{account_id}/orders",
            params={"cursor": cursor, "limit": 250},
            timeout=(3.05, 30),
        )
        resp.raise_for_status()
        page = resp.json()
        rows.extend(page["orders"])
        cursor = page["next_cursor"]
        if cursor is None:
            break

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["id", "created_at", "total", "currency"])
    writer.writeheader()
    writer.writerows(rows)
    key = f"{account_id}/orders.csv"
    s3.put_object(Bucket=EXPORT_BUCKET, Key=key, Body=buffer.getvalue().encode())
    return {"account": account_id, "rows": len(rows), "key": key}
