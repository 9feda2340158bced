import time

import requests

# Module scope runs in Lambda's Init phase: 10 seconds on an on-demand function.
CONFIG_URL = "https://config.internal.example/v1/ranker"  # ~2.5 s from this VPC
SECRET_URL = "https://vault.internal.example/v1/db-creds"  # ~2.5 s
MODEL_URL = "https://models.internal.example/ranker-v3.bin"  # ~6.5 s: a large file


def fetch(url):
    resp = requests.get(url, timeout=(3.05, 15))
    resp.raise_for_status()
    return resp.json()


# One after another: 2.5 + 2.5 + 6.5 = 11.5 s, past the 10 s Init limit.
CONFIG = fetch(CONFIG_URL)
SECRET = fetch(SECRET_URL)
MODEL = fetch(MODEL_URL)


def lambda_handler(event, context):
    time.sleep(0.2)  # stands in for scoring the request with MODEL
    return {"ranked": True, "model": MODEL["url"]}
