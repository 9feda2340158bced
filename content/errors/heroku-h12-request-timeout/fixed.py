import os

import requests
from flask import Flask, jsonify, request
from redis import Redis
from rq import Queue

app = Flask(__name__)

WAREHOUSE_URL = os.environ.get("WAREHOUSE_URL", "https://warehouse.internal.example/v1/reports")
queue = Queue("reports", connection=Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379")))


def build_report(account_id):
    """Runs on a worker dyno (Procfile: worker: rq worker reports --url $REDIS_URL), where no router waits."""
    resp = requests.post(WAREHOUSE_URL, json={"kind": "monthly", "account_id": account_id}, timeout=300)
    resp.raise_for_status()
    return resp.json()


@app.post("/reports")
def create_report():
    account_id = request.get_json()["account_id"]
    job = queue.enqueue(build_report, account_id, job_timeout=600)
    # Answer at once; the client polls the status URL until the report is ready.
    return jsonify(job_id=job.id, status_url=f"/reports/{job.id}"), 202


@app.get("/reports/<job_id>")
def report_status(job_id):
    job = queue.fetch_job(job_id)
    if job is None:
        return jsonify(error="no such report"), 404
    status = job.get_status()
    if status == "finished":
        return jsonify(status="finished", report=job.return_value())
    if status == "failed":
        return jsonify(status="failed"), 500
    return jsonify(status=str(status))
