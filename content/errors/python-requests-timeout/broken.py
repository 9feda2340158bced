import json
import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

INVENTORY_URL = os.environ.get("INVENTORY_URL", "https://inventory.internal.example.com/v1/stock")

# Retry up to 5 times with exponential backoff, 10 s per attempt.
session = requests.Session()
session.mount(
    "https://",
    HTTPAdapter(max_retries=Retry(total=5, backoff_factor=1, status_forcelist=[502, 503, 504])),
)


def lambda_handler(event, context):
    sku = event["pathParameters"]["sku"]
    try:
        resp = session.get(INVENTORY_URL, params={"sku": sku}, timeout=10)
        resp.raise_for_status()
    except requests.exceptions.Timeout:
        return {"statusCode": 504, "body": json.dumps({"error": "inventory timed out", "sku": sku})}
    return {"statusCode": 200, "body": json.dumps(resp.json())}
