import base64

import requests

import runpod

# AUTOMATIC1111 runs in the same container, started before this worker.
A1111_URL = "http://127.0.0.1:3000/sdapi/v1"


def handler(job):
    job_input = job["input"]
    init_image = requests.get(job_input["init_image_url"], timeout=(5, 60)).content
    # 600 s came with the worker template. This batch of 16 large images takes
    # ~12 min on the GPU, and the endpoint's execution timeout is 30 min.
    response = requests.post(
        f"{A1111_URL}/img2img",
        json={
            "prompt": job_input["prompt"],
            "init_images": [base64.b64encode(init_image).decode()],
            "batch_size": job_input["batch_size"],
        },
        timeout=600,
    )
    response.raise_for_status()
    return response.json()


runpod.serverless.start({"handler": handler})
