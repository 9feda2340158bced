import os
import time

import requests
import runpod

COMFY_HOST = "127.0.0.1:8188"
# start.sh launched ComfyUI in the background just before this script. Configurable per
# endpoint; kept under RunPod's 7-minute cold-start limit (RUNPOD_INIT_TIMEOUT).
COMFY_READY_TIMEOUT = float(os.environ.get("COMFY_READY_TIMEOUT", "360"))


def wait_for_comfy(timeout_s):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://{COMFY_HOST}/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit(f"ComfyUI not ready after {timeout_s:.0f} s")  # exit: worker marked unhealthy


def queue_workflow(workflow):
    response = requests.post(f"http://{COMFY_HOST}/prompt", json={"prompt": workflow}, timeout=30)
    response.raise_for_status()
    return response.json()["prompt_id"]


def wait_for_outputs(prompt_id):
    while True:
        history = requests.get(f"http://{COMFY_HOST}/history/{prompt_id}", timeout=10).json()
        if prompt_id in history:
            return history[prompt_id]["outputs"]
        time.sleep(1)


def handler(job):
    prompt_id = queue_workflow(job["input"]["workflow"])
    return {"status": "success", "outputs": wait_for_outputs(prompt_id)}


# Before start(): no job is taken until ComfyUI answers; the boot is cold start, not job time.
wait_for_comfy(COMFY_READY_TIMEOUT)
runpod.serverless.start({"handler": handler})
