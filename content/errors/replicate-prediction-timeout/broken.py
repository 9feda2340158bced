import json
import subprocess
import time
import urllib.parse
import urllib.request
import uuid

import websocket
from cog import BasePredictor, Input, Path

COMFYUI = "127.0.0.1:8188"


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
        ws = websocket.WebSocket()
        ws.connect(f"ws://{COMFYUI}/ws?clientId={client_id}")
        body = json.dumps({"prompt": json.loads(workflow_json), "client_id": client_id}).encode()
        request = urllib.request.Request(f"http://{COMFYUI}/prompt", data=body, headers={"Content-Type": "application/json"})
        prompt_id = json.loads(urllib.request.urlopen(request).read())["prompt_id"]

        # Wait for ComfyUI's "executing: None" message for our prompt. If that message
        # is lost, recv() waits until Replicate ends the prediction.
        while True:
            message = ws.recv()
            if not isinstance(message, str):
                continue  # binary preview frames
            event = json.loads(message)
            if event["type"] == "execution_error":
                raise RuntimeError(f"ComfyUI failed: {event['data']}")
            if event["type"] == "executing" and event["data"]["node"] is None and event["data"]["prompt_id"] == prompt_id:
                break
        ws.close()

        history = json.loads(urllib.request.urlopen(f"http://{COMFYUI}/history/{prompt_id}").read())
        return self.save_first_image(history[prompt_id]["outputs"])

    def save_first_image(self, outputs: dict) -> Path:
        for node in outputs.values():
            for image in node.get("images", []):
                query = urllib.parse.urlencode(image)
                data = urllib.request.urlopen(f"http://{COMFYUI}/view?{query}").read()
                path = Path("/tmp") / image["filename"]
                path.write_bytes(data)
                return path
        raise RuntimeError("the workflow produced no image")
