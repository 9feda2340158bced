import json

import requests

QUOTES_URL = "https://quotes.partner.example/v2/quote"


def lambda_handler(event, context):
    sku = event["sku"]
    # No timeout: requests waits for the partner API for as long as it takes.
    # Today it is hanging, and the function's 3-second timeout arrives first.
    resp = requests.get(QUOTES_URL, params={"sku": sku})
    resp.raise_for_status()
    return {
        "statusCode": 200,
        "body": json.dumps({"sku": sku, "quote": resp.json()}),
    }
