# app.py: the reporting service behind reports.example.com (proxied by Cloudflare, orange cloud).
# Run with: gunicorn app:app --workers 4 --timeout 600
import csv
import io

import requests
from flask import Flask, Response, request

app = Flask(__name__)

WAREHOUSE_URL = "https://warehouse.internal.example.com/v1/query"


@app.post("/reports/export")
def export_report():
    params = request.get_json()
    # The warehouse needs two to three minutes for a full year of orders. gunicorn allows
    # 600 s, so the worker keeps going, but nothing is sent back until the query returns.
    resp = requests.post(
        WAREHOUSE_URL,
        json={"report": "orders", "year": params["year"], "customer": params["customerId"]},
        timeout=(3.05, 600),
    )
    resp.raise_for_status()

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["order_id", "date", "total"])
    for row in resp.json()["rows"]:
        writer.writerow([row["id"], row["date"], row["total"]])
    return Response(out.getvalue(), mimetype="text/csv")
