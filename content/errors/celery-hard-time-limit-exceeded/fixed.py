import os
import time

import boto3
import requests
from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.log import get_task_logger

BILLING_API = "https://billing.internal.example.com/v2"
RENDER_URL = "https://pdf.internal.example.com/render"
STATEMENTS_BUCKET = os.environ.get("STATEMENTS_BUCKET", "acme-statements")

# A render takes about a minute and may take two (the read timeout below). Stop starting new
# ones once less than that is left, so each task ends on its own well before the limits.
TIME_LIMIT = 600
SOFT_TIME_LIMIT = 540
BUDGET_S = SOFT_TIME_LIMIT - 130

app = Celery("billing", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"))

s3 = boto3.client("s3")
logger = get_task_logger(__name__)


@app.task(bind=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def render_statements(self, month, account_ids=None):
    started = time.monotonic()
    if account_ids is None:
        accounts = requests.get(f"{BILLING_API}/accounts", params={"billable_in": month}, timeout=(3.05, 30)).json()["accounts"]
        account_ids = [account["id"] for account in accounts]

    done = []
    try:
        for account_id in account_ids:
            if time.monotonic() - started > BUDGET_S:
                break
            pdf = requests.post(RENDER_URL, json={"template": "statement", "account": account_id, "month": month}, timeout=(3.05, 120))
            pdf.raise_for_status()
            s3.put_object(Bucket=STATEMENTS_BUCKET, Key=f"{month}/{account_id}.pdf", Body=pdf.content)
            done.append(account_id)
    except SoftTimeLimitExceeded:
        logger.warning("render_statements %s: soft time limit after %d statements", month, len(done))

    remaining = account_ids[len(done):]
    if remaining:
        # Each statement is written under its own key, so a repeated one is overwritten, not doubled.
        self.apply_async(args=[month], kwargs={"account_ids": remaining})
    return {"month": month, "statements": len(done), "continued_with": len(remaining)}
