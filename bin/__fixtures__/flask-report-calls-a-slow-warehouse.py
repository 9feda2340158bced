import requests
from flask import Flask, jsonify

app = Flask(__name__)


@app.post("/reports")
def create_report():
    resp = requests.post("https://warehouse.internal.example/v1/reports", json={"kind": "monthly"})
    return jsonify(resp.json())
