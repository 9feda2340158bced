import json
import os

import requests

ENDPOINT_URL = f"https://api.runpod.ai/v2/{os.environ.get('RUNPOD_ENDPOINT_ID', 'vid2x9k3q')}"
HEADERS = {"Authorization": f"Bearer {os.environ.get('RUNPOD_API_KEY', 'rpa_example')}"}


def lambda_handler(event, context):
    # /runsync holds the request until the job finishes or its wait (90 s by
    # default) runs out, whichever comes first. This upscale job takes ~150 s.
    response = requests.post(
        f"{ENDPOINT_URL}/runsync",
        json={"input": {"video_url": event["video_url"]}},
        headers=HEADERS,
        timeout=(5, 300),
    )
    response.raise_for_status()
    job = response.json()
    print(f"runsync answered: {job}")
    # At 90 s the answer is {"id": ..., "status": "IN_PROGRESS"}: no "output" yet,
    # while the job itself keeps running on RunPod.
    return {"statusCode": 200, "body": json.dumps(job["output"])}
