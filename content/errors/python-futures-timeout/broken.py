import json
from concurrent.futures import ThreadPoolExecutor, TimeoutError

import requests

RECS_URL = "https://recs.internal.example.com/v1/recommendations"
PRODUCT_URL = "https://catalog.internal.example.com/v1/products"


def fetch_recommendations(user_id):
    resp = requests.get(RECS_URL, params={"user": user_id})
    resp.raise_for_status()
    return resp.json()["items"]


def lambda_handler(event, context):
    product_id = event["pathParameters"]["product_id"]
    user_id = event["requestContext"]["authorizer"]["claims"]["sub"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        recs = pool.submit(fetch_recommendations, user_id)
        product = requests.get(f"{PRODUCT_URL}/{product_id}", timeout=(1, 3)).json()
        try:
            # Recommendations are optional: wait at most 2 s for them.
            items = recs.result(timeout=2)
        except TimeoutError:
            items = []
    return {"statusCode": 200, "body": json.dumps({"product": product, "recommendations": items})}
