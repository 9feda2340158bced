import os

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)

WAREHOUSE_URL = os.environ.get("WAREHOUSE_URL", "https://warehouse.internal.example/v1/reports")


@app.post("/reports")
def create_report():
    account_id = request.get_json()["account_id"]
    # The report is built while Heroku's router holds the client's connection open,
    # and the warehouse takes longer than the router's 30 seconds to answer.
    resp = requests.post(WAREHOUSE_URL, json={"kind": "monthly", "account_id": account_id})
    resp.raise_for_status()
    return jsonify(resp.json())
