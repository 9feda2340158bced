# app.py: the reporting service behind reports.example.com (proxied by Cloudflare, orange cloud).
# Run with: gunicorn app:app --workers 4 --timeout 60
import requests
from flask import Flask, jsonify, request, url_for

app = Flask(__name__)

JOBS_URL = "https://jobs.internal.example.com/v1/jobs"


@app.post("/reports/export")
def export_report():
    params = request.get_json()
    # Queue the export instead of running it inside the request: the export worker runs the
    # two-to-three-minute warehouse query and stores the CSV under the job's id.
    resp = requests.post(
        JOBS_URL,
        json={"type": "orders-export", "year": params["year"], "customer": params["customerId"]},
        timeout=(3.05, 10),
    )
    resp.raise_for_status()
    job_id = resp.json()["id"]

    # Answers in well under a second; the client polls the status URL until the file is ready.
    status_url = url_for("export_status", job_id=job_id)
    return jsonify({"id": job_id, "status": "queued", "statusUrl": status_url}), 202, {"Location": status_url}


@app.get("/reports/export/<job_id>")
def export_status(job_id):
    resp = requests.get(f"{JOBS_URL}/{job_id}", timeout=(3.05, 10))
    resp.raise_for_status()
    job = resp.json()
    body = {"id": job_id, "status": job["status"]}
    if job["status"] == "done":
        body["downloadUrl"] = job["result_url"]
    return jsonify(body)
