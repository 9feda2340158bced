import os

import boto3
import requests
from celery import Celery

BILLING_API = "https://billing.internal.example.com/v2"
RENDER_URL = "https://pdf.internal.example.com/render"
STATEMENTS_BUCKET = os.environ.get("STATEMENTS_BUCKET", "acme-statements")

app = Celery("billing", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"))

s3 = boto3.client("s3")


@app.task(time_limit=600)
def render_statements(month):
    accounts = requests.get(f"{BILLING_API}/accounts", params={"billable_in": month}, timeout=(3.05, 30)).json()["accounts"]
    for account in accounts:
        pdf = requests.post(RENDER_URL, json={"template": "statement", "account": account["id"], "month": month}, timeout=(3.05, 120))
        pdf.raise_for_status()
        s3.put_object(Bucket=STATEMENTS_BUCKET, Key=f"{month}/{account['id']}.pdf", Body=pdf.content)
    return {"month": month, "statements": len(accounts)}
