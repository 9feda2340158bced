import csv
import io
import os

import boto3
import requests
from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.log import get_task_logger

SHOP_API = "https://api.shop.example.com/v1"
EXPORT_BUCKET = os.environ.get("EXPORT_BUCKET", "acme-order-exports")

app = Celery("exports", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"))
# The soft limit interrupts the task; the hard limit, 60 s later, is the backstop if cleanup hangs.
app.conf.update(task_soft_time_limit=300, task_time_limit=360)

s3 = boto3.client("s3")
logger = get_task_logger(__name__)


def upload_part(account_id, part, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["id", "created_at", "total", "currency"])
    writer.writeheader()
    writer.writerows(rows)
    key = f"{account_id}/orders-part-{part:03d}.csv"
    s3.put_object(Bucket=EXPORT_BUCKET, Key=key, Body=buffer.getvalue().encode())
    return key


@app.task(bind=True)
def export_orders(self, account_id, cursor=None, part=1):
    rows = []
    try:
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
    except SoftTimeLimitExceeded:
        # Out of time: keep what this run fetched and let a fresh task carry on from the
        # last cursor that completed. The page in flight is fetched again by the next part.
        key = upload_part(account_id, part, rows)
        self.apply_async(args=[account_id], kwargs={"cursor": cursor, "part": part + 1})
        logger.warning("export of %s paused at part %d (%d rows); continuing in a new task", account_id, part, len(rows))
        return {"account": account_id, "part": part, "rows": len(rows), "key": key, "done": False}

    key = upload_part(account_id, part, rows)
    return {"account": account_id, "part": part, "rows": len(rows), "key": key, "done": True}
