import json
import os

import httpx

EXTRACT_URL = os.environ.get("EXTRACT_URL", "https://extract.docs.internal.example.com/v1/extract")

# The extraction service answers a multi-page PDF in 10-20 s and sends nothing until it is done,
# so the read timeout must cover the whole extraction. Connecting should still fail fast.
TIMEOUT = httpx.Timeout(connect=5.0, read=45.0, write=10.0, pool=5.0)

client = httpx.Client(timeout=TIMEOUT, headers={"User-Agent": "invoice-ingest/1.4"})


def lambda_handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = record["s3"]["object"]["key"]
        resp = client.post(EXTRACT_URL, json={"bucket": bucket, "key": key})
        resp.raise_for_status()
        fields = resp.json()["fields"]
        print(json.dumps({"key": key, "fields": len(fields)}))
    return {"processed": len(event["Records"])}
