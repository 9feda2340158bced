import runpod
from runpod.serverless.utils import rp_upload
import json
import urllib.parse
import time
import os
import requests
import base64
import websocket
import uuid
import tempfile
import socket
import logging

from network_volume import (
    is_network_volume_debug_enabled,
    run_network_volume_diagnostics,
)

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

COMFY_API_AVAILABLE_INTERVAL_MS = int(os.environ.get("COMFY_API_AVAILABLE_INTERVAL_MS", 50))
# 0 means: keep polling while the ComfyUI process is alive.
COMFY_API_AVAILABLE_MAX_RETRIES = int(os.environ.get("COMFY_API_AVAILABLE_MAX_RETRIES", 0))
COMFY_API_FALLBACK_MAX_RETRIES = 500
COMFY_PID_FILE = "/tmp/comfyui.pid"
WEBSOCKET_RECONNECT_ATTEMPTS = int(os.environ.get("WEBSOCKET_RECONNECT_ATTEMPTS", 5))
WEBSOCKET_RECONNECT_DELAY_S = int(os.environ.get("WEBSOCKET_RECONNECT_DELAY_S", 3))

if os.environ.get("WEBSOCKET_TRACE", "false").lower() == "true":
    websocket.enableTrace(True)

COMFY_HOST = "127.0.0.1:8188"
REFRESH_WORKER = os.environ.get("REFRESH_WORKER", "false").lower() == "true"


def _comfy_server_status():
    try:
        resp = requests.get(f"http://{COMFY_HOST}/", timeout=5)
        return {"reachable": resp.status_code == 200, "status_code": resp.status_code}
    except Exception as exc:
        return {"reachable": False, "error": str(exc)}


def _attempt_websocket_reconnect(ws_url, max_attempts, delay_s, initial_error):
    last_error = initial_error
    for attempt in range(max_attempts):
        status = _comfy_server_status()
        if not status["reachable"]:
            raise websocket.WebSocketConnectionClosedException("ComfyUI HTTP unreachable during websocket reconnect")
        try:
            new_ws = websocket.WebSocket()
            new_ws.connect(ws_url, timeout=10)
            return new_ws
        except (websocket.WebSocketException, ConnectionRefusedError, socket.timeout, OSError) as error:
            last_error = error
            if attempt < max_attempts - 1:
                time.sleep(delay_s)
    raise websocket.WebSocketConnectionClosedException(f"Connection closed and failed to reconnect. Last error: {last_error}")


def validate_input(job_input):
    if job_input is None:
        return None, "Please provide input"
    if isinstance(job_input, str):
        try:
            job_input = json.loads(job_input)
        except json.JSONDecodeError:
            return None, "Invalid JSON format in input"
    workflow = job_input.get("workflow")
    if workflow is None:
        return None, "Missing 'workflow' parameter"
    images = job_input.get("images")
    if images is not None and not all("name" in i and "image" in i for i in images):
        return None, "'images' must be a list of objects with 'name' and 'image' keys"
    return {"workflow": workflow, "images": images, "comfy_org_api_key": job_input.get("comfy_org_api_key")}, None


def _is_comfyui_process_alive():
    try:
        with open(COMFY_PID_FILE, "r") as f:
            pid = int(f.read().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def check_server(url, retries=0, delay=50):
    delay = max(1, delay)
    attempt = 0
    while True:
        alive = _is_comfyui_process_alive()
        if alive is False:
            print("worker-comfyui - ComfyUI process has exited.")
            return False
        try:
            response = requests.get(url, timeout=5)
            if response.status_code == 200:
                return True
        except requests.RequestException:
            pass
        attempt += 1
        limit = retries if retries > 0 else COMFY_API_FALLBACK_MAX_RETRIES
        if alive is None and attempt >= limit:
            return False
        time.sleep(delay / 1000)


def upload_images(images):
    errors = []
    for image in images:
        blob = base64.b64decode(image["image"])
        files = {"image": (image["name"], blob, "image/png"), "overwrite": (None, "true")}
        try:
            response = requests.post(f"http://{COMFY_HOST}/upload/image", files=files, timeout=30)
            response.raise_for_status()
        except requests.RequestException as e:
            errors.append(f"Error uploading {image['name']}: {e}")
    return {"status": "error" if errors else "success", "details": errors}


def queue_workflow(workflow, client_id, comfy_org_api_key=None):
    payload = {"prompt": workflow, "client_id": client_id}
    key = comfy_org_api_key or os.environ.get("COMFY_ORG_API_KEY")
    if key:
        payload["extra_data"] = {"api_key_comfy_org": key}
    response = requests.post(
        f"http://{COMFY_HOST}/prompt",
        data=json.dumps(payload).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    if response.status_code == 400:
        raise ValueError(f"Workflow validation failed: {response.text}")
    response.raise_for_status()
    return response.json()


def get_history(prompt_id):
    response = requests.get(f"http://{COMFY_HOST}/history/{prompt_id}", timeout=30)
    response.raise_for_status()
    return response.json()


def get_image_data(filename, subfolder, image_type):
    query = urllib.parse.urlencode({"filename": filename, "subfolder": subfolder, "type": image_type})
    try:
        response = requests.get(f"http://{COMFY_HOST}/view?{query}", timeout=60)
        response.raise_for_status()
        return response.content
    except requests.RequestException as e:
        print(f"worker-comfyui - Error fetching image data for {filename}: {e}")
        return None


def handler(job):
    if is_network_volume_debug_enabled():
        run_network_volume_diagnostics()

    job_input = job["input"]
    job_id = job["id"]
    validated_data, error_message = validate_input(job_input)
    if error_message:
        return {"error": error_message}
    workflow = validated_data["workflow"]
    input_images = validated_data.get("images")

    if not check_server(f"http://{COMFY_HOST}/", COMFY_API_AVAILABLE_MAX_RETRIES, COMFY_API_AVAILABLE_INTERVAL_MS):
        return {"error": f"ComfyUI server ({COMFY_HOST}) not reachable after multiple retries."}

    if input_images:
        upload_result = upload_images(input_images)
        if upload_result["status"] == "error":
            return {"error": "Failed to upload one or more input images", "details": upload_result["details"]}

    ws = None
    client_id = str(uuid.uuid4())
    output_data = []
    errors = []
    try:
        ws_url = f"ws://{COMFY_HOST}/ws?clientId={client_id}"
        ws = websocket.WebSocket()
        ws.connect(ws_url, timeout=10)

        queued = queue_workflow(workflow, client_id, comfy_org_api_key=validated_data.get("comfy_org_api_key"))
        prompt_id = queued.get("prompt_id")
        if not prompt_id:
            raise ValueError(f"Missing 'prompt_id' in queue response: {queued}")

        execution_done = False
        while True:
            try:
                out = ws.recv()
                if not isinstance(out, str):
                    continue
                message = json.loads(out)
                data = message.get("data", {})
                if message.get("type") == "executing" and data.get("node") is None and data.get("prompt_id") == prompt_id:
                    execution_done = True
                    break
                if message.get("type") == "execution_error" and data.get("prompt_id") == prompt_id:
                    errors.append(f"Workflow execution error: {data.get('exception_message')}")
                    break
            except websocket.WebSocketTimeoutException:
                print("worker-comfyui - Websocket receive timed out. Still waiting...")
                continue
            except websocket.WebSocketConnectionClosedException as closed_err:
                ws = _attempt_websocket_reconnect(ws_url, WEBSOCKET_RECONNECT_ATTEMPTS, WEBSOCKET_RECONNECT_DELAY_S, closed_err)
                continue
            except json.JSONDecodeError:
                print("worker-comfyui - Received invalid JSON message via websocket.")

        if not execution_done and not errors:
            raise ValueError("Workflow monitoring loop exited without confirmation of completion or error.")

        history = get_history(prompt_id)
        if prompt_id not in history:
            return {"error": f"Prompt ID {prompt_id} not found in history after execution."}
        outputs = history[prompt_id].get("outputs", {})

        for node_id, node_output in outputs.items():
            for image_info in node_output.get("images", []):
                if image_info.get("type") == "temp":
                    continue
                image_bytes = get_image_data(image_info.get("filename"), image_info.get("subfolder", ""), image_info.get("type"))
                if not image_bytes:
                    errors.append(f"Failed to fetch image data for {image_info.get('filename')}")
                    continue
                if os.environ.get("BUCKET_ENDPOINT_URL"):
                    suffix = os.path.splitext(image_info["filename"])[1] or ".png"
                    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as temp_file:
                        temp_file.write(image_bytes)
                    url = rp_upload.upload_image(job_id, temp_file.name)
                    os.remove(temp_file.name)
                    output_data.append({"filename": image_info["filename"], "type": "s3_url", "data": url})
                else:
                    encoded = base64.b64encode(image_bytes).decode("utf-8")
                    output_data.append({"filename": image_info["filename"], "type": "base64", "data": encoded})
    except websocket.WebSocketException as e:
        return {"error": f"WebSocket communication error: {e}"}
    except requests.RequestException as e:
        return {"error": f"HTTP communication error with ComfyUI: {e}"}
    except ValueError as e:
        return {"error": str(e)}
    finally:
        if ws and ws.connected:
            ws.close()

    result = {}
    if output_data:
        result["images"] = output_data
    if errors:
        result["errors"] = errors
    if not output_data and errors:
        return {"error": "Job processing failed", "details": errors}
    return result


if __name__ == "__main__":
    print("worker-comfyui - Starting handler...")
    runpod.serverless.start({"handler": handler})
