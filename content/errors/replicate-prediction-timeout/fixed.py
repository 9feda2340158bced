import json
import subprocess
import time
import urllib.parse
import urllib.request
import uuid

from cog import BasePredictor, Input, Path

COMFYUI = "127.0.0.1:8188"
# Our own limit, well inside Replicate's 30 minutes, so a stuck workflow fails
# with a message instead of running (and billing) until the platform stops it.
WORKFLOW_DEADLINE_S = 10 * 60


class Predictor(BasePredictor):
    def setup(self) -> None:
        self.server = subprocess.Popen(["python", "ComfyUI/main.py", "--listen", "127.0.0.1", "--port", "8188"])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://{COMFYUI}/system_stats", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("ComfyUI did not answer within 120 seconds")

    def predict(self, workflow_json: str = Input(description="A ComfyUI workflow in API format")) -> Path:
        client_id = str(uuid.uuid4())
        body = json.dumps({"prompt": json.loads(workflow_json), "client_id": client_id}).encode()
        request = urllib.request.Request(f"http://{COMFYUI}/prompt", data=body, headers={"Content-Type": "application/json"})
        prompt_id = json.loads(urllib.request.urlopen(request, timeout=30).read())["prompt_id"]

        # Poll the history instead of trusting a websocket message to arrive: the
        # prompt shows up there once it has finished, whatever happened to the socket.
        deadline = time.monotonic() + WORKFLOW_DEADLINE_S
        while time.monotonic() < deadline:
            history = json.loads(urllib.request.urlopen(f"http://{COMFYUI}/history/{prompt_id}", timeout=10).read())
            if prompt_id in history:
                entry = history[prompt_id]
                if entry.get("status", {}).get("status_str") == "error":
                    raise RuntimeError(f"ComfyUI failed: {entry['status']}")
                return self.save_first_image(entry["outputs"])
            time.sleep(1)
        raise RuntimeError(f"ComfyUI did not finish prompt {prompt_id} within {WORKFLOW_DEADLINE_S} s")

    def save_first_image(self, outputs: dict) -> Path:
        for node in outputs.values():
            for image in node.get("images", []):
                query = urllib.parse.urlencode(image)
                data = urllib.request.urlopen(f"http://{COMFYUI}/view?{query}", timeout=30).read()
                path = Path("/tmp") / image["filename"]
                path.write_bytes(data)
                return path
        raise RuntimeError("the workflow produced no image")
