import os
import time

import requests
import runpod

COMFY_HOST = "127.0.0.1:8188"
# Configurable per endpoint; kept under RunPod's 7-minute cold-start limit (RUNPOD_INIT_TIMEOUT).
COMFY_READY_TIMEOUT = float(os.environ.get("COMFY_READY_TIMEOUT", "360"))
# Same boot as broken.py: ComfyUI accepts connections ~90 s after start.sh launched it.
COMFY_UP_AT = time.monotonic() + 90


def comfy_get(path):
    if time.monotonic() < COMFY_UP_AT:
        raise requests.ConnectionError("[Errno 111] Connection refused")  # still booting
    return requests.get(f"http://{COMFY_HOST}{path}", timeout=5)


def wait_for_comfy(timeout_s):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if comfy_get("/").status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit(f"ComfyUI not ready after {timeout_s:.0f} s")  # exit: worker marked unhealthy


def handler(job):
    requests.post(f"http://{COMFY_HOST}/prompt", json={"prompt": job["input"]["workflow"]}, timeout=30)
    time.sleep(12)  # stands in for the workflow running on the GPU
    return {"status": "success"}


# Before start(): no job is taken until ComfyUI answers; the boot is cold start, not job time.
wait_for_comfy(COMFY_READY_TIMEOUT)
runpod.serverless.start({"handler": handler})
