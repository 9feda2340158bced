import json
from concurrent.futures import ThreadPoolExecutor, TimeoutError

import requests

RECS_URL = "https://recs.internal.example.com/v1/recommendations"
PRODUCT_URL = "https://catalog.internal.example.com/v1/products"
RECS_BUDGET_S = 2

# One pool for the life of the execution environment. Leaving a `with` block would call
# shutdown(wait=True), which waits for a slow call even after result(timeout=) gave up on it.
pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="recs")


def fetch_recommendations(user_id):
    # A thread cannot be stopped from outside: its own timeout is what ends a slow call.
    resp = requests.get(RECS_URL, params={"user": user_id}, timeout=(1, RECS_BUDGET_S))
    resp.raise_for_status()
    return resp.json()["items"]


def lambda_handler(event, context):
    product_id = event["pathParameters"]["product_id"]
    user_id = event["requestContext"]["authorizer"]["claims"]["sub"]
    recs = pool.submit(fetch_recommendations, user_id)
    product = requests.get(f"{PRODUCT_URL}/{product_id}", timeout=(1, 3)).json()
    try:
        items = recs.result(timeout=RECS_BUDGET_S + 0.5)
    except TimeoutError:
        print(f"recommendations for {user_id} not ready after {RECS_BUDGET_S + 0.5} s; answering without them")
        items = []
    except requests.exceptions.RequestException as exc:
        print(f"recommendations for {user_id} failed: {exc}")
        items = []
    return {"statusCode": 200, "body": json.dumps({"product": product, "recommendations": items})}
