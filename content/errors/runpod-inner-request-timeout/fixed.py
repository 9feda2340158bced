import base64
import os
import time

import requests

import runpod

A1111_URL = "http://127.0.0.1:3000/sdapi/v1"
# The endpoint's execution timeout, mirrored in an env var: the SDK does not pass it in.
EXECUTION_TIMEOUT = float(os.environ.get("EXECUTION_TIMEOUT_S", "1800"))
MARGIN = 30  # seconds kept back to fail with a readable error before RunPod stops the job


def handler(job):
    deadline = time.monotonic() + EXECUTION_TIMEOUT - MARGIN
    job_input = job["input"]
    init_image = requests.get(job_input["init_image_url"], timeout=(5, 60)).content
    # The read timeout is whatever is left of the job's own budget, not a fixed guess.
    response = requests.post(
        f"{A1111_URL}/img2img",
        json={
            "prompt": job_input["prompt"],
            "init_images": [base64.b64encode(init_image).decode()],
            "batch_size": job_input["batch_size"],
        },
        timeout=(5, deadline - time.monotonic()),
    )
    response.raise_for_status()
    return response.json()


runpod.serverless.start({"handler": handler})
