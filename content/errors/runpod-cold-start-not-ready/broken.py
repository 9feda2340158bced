import time

import requests
import runpod

COMFY_HOST = "127.0.0.1:8188"
# start.sh launched ComfyUI in the background just before this script. On a cold start it
# accepts connections only after it has loaded its custom nodes and checkpoint.


def check_server(url, retries=500, delay_ms=50):
    # worker-comfyui 5.7.1 and earlier: a fixed budget of 500 tries x 50 ms, about 25 s,
    # however long this boot takes.
    for _ in range(retries):
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(delay_ms / 1000)
    return False


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
    # Runs on the job's clock: the worker took the job while ComfyUI was still booting.
    if not check_server(f"http://{COMFY_HOST}/"):
        raise RuntimeError(f"ComfyUI server ({COMFY_HOST}) not reachable after multiple retries.")
    prompt_id = queue_workflow(job["input"]["workflow"])
    return {"status": "success", "outputs": wait_for_outputs(prompt_id)}


runpod.serverless.start({"handler": handler})
