import json

import requests

QUOTES_URL = "https://quotes.partner.example/v2/quote"
# Time kept back to log and answer before Lambda's deadline.
SAFETY_MARGIN_S = 0.5


def lambda_handler(event, context):
    sku = event["sku"]
    # Give the call only what is left of this invocation, minus the margin.
    budget = context.get_remaining_time_in_millis() / 1000 - SAFETY_MARGIN_S
    try:
        resp = requests.get(QUOTES_URL, params={"sku": sku}, timeout=(1, budget))
        resp.raise_for_status()
    except requests.Timeout:
        print(f"quote for {sku} timed out after {budget:.1f} s; answering 503")
        return {
            "statusCode": 503,
            "headers": {"Retry-After": "5"},
            "body": json.dumps({"error": "quote service timed out", "sku": sku}),
        }
    return {
        "statusCode": 200,
        "body": json.dumps({"sku": sku, "quote": resp.json()}),
    }
