import json
import os
import urllib.request

import boto3
import onnxruntime as ort

# Module scope runs in Lambda's Init phase: 10 seconds on an on-demand function.
CONFIG_URL = os.environ.get("CONFIG_URL", "https://config.internal.example/v1/ranker")
SECRET_URL = os.environ.get("SECRET_URL", "https://vault.internal.example/v1/db-creds")
MODEL_BUCKET = os.environ.get("MODEL_BUCKET", "ml-artifacts-example")
MODEL_KEY = "ranker/v3/model.onnx"
MODEL_PATH = "/tmp/ranker-v3.onnx"

s3 = boto3.client("s3")


def get_json(url):
    with urllib.request.urlopen(url, timeout=15) as response:
        return json.loads(response.read())


# One after another: Init lasts as long as the three downloads and the model load together.
CONFIG = get_json(CONFIG_URL)
SECRET = get_json(SECRET_URL)
s3.download_file(MODEL_BUCKET, MODEL_KEY, MODEL_PATH)
SESSION = ort.InferenceSession(MODEL_PATH)


def lambda_handler(event, context):
    scores = SESSION.run(None, {"features": [event["features"]]})[0]
    return {"model": CONFIG["model"], "scores": scores.tolist()}
