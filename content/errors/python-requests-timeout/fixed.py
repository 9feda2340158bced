import json
import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

INVENTORY_URL = os.environ.get("INVENTORY_URL", "https://inventory.internal.example.com/v1/stock")

# Worst case per invocation: 3 attempts x 6 s read + 0.5 s and 1 s of backoff, about 19.5 s,
# inside the function's 30 s timeout with time left to answer.
CONNECT_TIMEOUT_S = 3.05
READ_TIMEOUT_S = 6
RETRIES = 2

session = requests.Session()
session.mount(
    "https://",
    HTTPAdapter(max_retries=Retry(total=RETRIES, backoff_factor=0.5, status_forcelist=[502, 503, 504])),
)


def lambda_handler(event, context):
    sku = event["pathParameters"]["sku"]
    try:
        resp = session.get(INVENTORY_URL, params={"sku": sku}, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S))
        resp.raise_for_status()
    except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
        # With retries mounted, a read timeout that outlasts them arrives as ConnectionError
        # ("Max retries exceeded ... Caused by ReadTimeoutError"), not as ReadTimeout.
        print(f"inventory lookup for {sku} failed: {exc}")
        return {
            "statusCode": 503,
            "headers": {"Retry-After": "30"},
            "body": json.dumps({"error": "inventory unavailable", "sku": sku}),
        }
    return {"statusCode": 200, "body": json.dumps(resp.json())}
