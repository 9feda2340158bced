import json
import os
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import boto3
import onnxruntime as ort

# Module scope runs in Lambda's Init phase: 10 seconds on an on-demand function.
CONFIG_URL = os.environ.get("CONFIG_URL", "https://config.internal.example/v1/ranker")
SECRET_URL = os.environ.get("SECRET_URL", "https://vault.internal.example/v1/db-creds")
MODEL_BUCKET = os.environ.get("MODEL_BUCKET", "ml-artifacts-example")
MODEL_KEY = "ranker/v3/model.onnx"
MODEL_PATH = "/tmp/ranker-v3.onnx"

s3 = boto3.client("s3")  # boto3 clients are safe to share between threads


def get_json(url):
    with urllib.request.urlopen(url, timeout=15) as response:
        return json.loads(response.read())


def download_model():
    s3.download_file(MODEL_BUCKET, MODEL_KEY, MODEL_PATH)
    return MODEL_PATH


# The three downloads do not depend on each other: run them at the same time, so Init
# lasts as long as the slowest one plus the model load, not the sum.
with ThreadPoolExecutor(max_workers=3) as pool:
    config = pool.submit(get_json, CONFIG_URL)
    secret = pool.submit(get_json, SECRET_URL)
    model_path = pool.submit(download_model)
    CONFIG, SECRET = config.result(), secret.result()
    SESSION = ort.InferenceSession(model_path.result())


def lambda_handler(event, context):
    scores = SESSION.run(None, {"features": [event["features"]]})[0]
    return {"model": CONFIG["model"], "scores": scores.tolist()}
