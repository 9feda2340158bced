import time

import requests
import runpod

COMFY_HOST = "127.0.0.1:8188"
# start.sh launched ComfyUI in the background just before this script; on a cold start it
# accepts connections only after ~90 s (custom nodes, a checkpoint from the network volume).
# The simulator cannot run ComfyUI, so its boot is modelled as a clock.
COMFY_UP_AT = time.monotonic() + 90


def comfy_get(path):
    if time.monotonic() < COMFY_UP_AT:
        raise requests.ConnectionError("[Errno 111] Connection refused")  # still booting
    return requests.get(f"http://{COMFY_HOST}{path}", timeout=5)


def check_server(retries=500, delay_ms=50):
    # A fixed budget of 500 x 50 ms = 25 s, however long this boot takes.
    for _ in range(retries):
        try:
            if comfy_get("/").status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(delay_ms / 1000)
    return False


def handler(job):
    # Runs on the job's clock: the worker took the job while ComfyUI was still booting.
    if not check_server():
        raise RuntimeError(f"ComfyUI server ({COMFY_HOST}) not reachable after multiple retries.")
    requests.post(f"http://{COMFY_HOST}/prompt", json={"prompt": job["input"]["workflow"]}, timeout=30)
    time.sleep(12)  # stands in for the workflow running on the GPU
    return {"status": "success"}


runpod.serverless.start({"handler": handler})
