import json
import os

import httpx

EXTRACT_URL = os.environ.get("EXTRACT_URL", "https://extract.docs.internal.example.com/v1/extract")

client = httpx.Client(headers={"User-Agent": "invoice-ingest/1.4"})


def lambda_handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = record["s3"]["object"]["key"]
        resp = client.post(EXTRACT_URL, json={"bucket": bucket, "key": key})
        resp.raise_for_status()
        fields = resp.json()["fields"]
        print(json.dumps({"key": key, "fields": len(fields)}))
    return {"processed": len(event["Records"])}
