import json
import os
import time

import requests

ENDPOINT_URL = f"https://api.runpod.ai/v2/{os.environ.get('RUNPOD_ENDPOINT_ID', 'vid2x9k3q')}"
HEADERS = {"Authorization": f"Bearer {os.environ.get('RUNPOD_API_KEY', 'rpa_example')}"}
FINAL = {"COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"}


def lambda_handler(event, context):
    # /run queues the job and answers at once with its id.
    submitted = requests.post(
        f"{ENDPOINT_URL}/run",
        json={"input": {"video_url": event["video_url"]}},
        headers=HEADERS,
        timeout=(5, 30),
    )
    submitted.raise_for_status()
    job = submitted.json()
    delay = 2
    # Poll /status with backoff, and stop while this function still has time to answer.
    while context.get_remaining_time_in_millis() > (delay + 30) * 1000:
        time.sleep(delay)
        job = requests.get(f"{ENDPOINT_URL}/status/{job['id']}", headers=HEADERS, timeout=(5, 30)).json()
        if job["status"] in FINAL:
            return {"statusCode": 200 if job["status"] == "COMPLETED" else 502, "body": json.dumps(job)}
        delay = min(delay * 2, 20)
    # Out of time here, not on RunPod: hand back the id so the caller can poll later.
    return {"statusCode": 202, "body": json.dumps({"id": job["id"], "status": job["status"]})}
