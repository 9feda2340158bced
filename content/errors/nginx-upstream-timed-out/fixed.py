import csv
import io
import os
import uuid

import boto3
import requests
from celery import Celery
from flask import Flask, jsonify, url_for

WAREHOUSE_API = os.environ.get("WAREHOUSE_API", "https://warehouse.internal.example.com/v1")
EXPORT_BUCKET = os.environ.get("EXPORT_BUCKET", "acme-report-exports")

app = Flask(__name__)
celery = Celery("reports", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0"),
                backend=os.environ.get("CELERY_RESULT_BACKEND", "redis://localhost:6379/1"))
celery.conf.update(task_soft_time_limit=540, task_time_limit=600)
s3 = boto3.client("s3")


@celery.task
def build_export(report_id, export_id):
    resp = requests.get(f"{WAREHOUSE_API}/reports/{report_id}/rows", timeout=(3.05, 300))
    resp.raise_for_status()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["date", "region", "orders", "revenue"])
    writer.writeheader()
    writer.writerows(resp.json()["rows"])
    key = f"exports/{report_id}/{export_id}.csv"
    s3.put_object(Bucket=EXPORT_BUCKET, Key=key, Body=buffer.getvalue().encode(), ContentType="text/csv")
    return key


@app.post("/reports/<report_id>/exports")
def start_export(report_id):
    # Answer at once; the slow query runs in a worker, outside nginx's proxy_read_timeout.
    export_id = uuid.uuid4().hex
    build_export.apply_async(args=[report_id, export_id], task_id=export_id)
    status_url = url_for("export_status", export_id=export_id)
    return jsonify({"id": export_id, "status": status_url}), 202, {"Location": status_url}


@app.get("/exports/<export_id>")
def export_status(export_id):
    result = celery.AsyncResult(export_id)
    if result.successful():
        url = s3.generate_presigned_url("get_object", Params={"Bucket": EXPORT_BUCKET, "Key": result.result}, ExpiresIn=3600)
        return jsonify({"id": export_id, "state": "done", "download": url})
    if result.failed():
        return jsonify({"id": export_id, "state": "failed"}), 500
    return jsonify({"id": export_id, "state": "running"}), 200, {"Retry-After": "5"}
