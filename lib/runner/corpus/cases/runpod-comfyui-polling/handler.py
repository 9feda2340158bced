import runpod
from runpod.serverless.utils import rp_upload
import json
import urllib.request
import urllib.parse
import time
import os
import requests
import base64
from io import BytesIO

# Readiness probe: 50 ms between tries, 500 tries.
COMFY_API_AVAILABLE_INTERVAL_MS = 50
COMFY_API_AVAILABLE_MAX_RETRIES = 500
# History polling, tunable from the endpoint's environment.
COMFY_POLLING_INTERVAL_MS = int(os.environ.get("COMFY_POLLING_INTERVAL_MS", 250))
COMFY_POLLING_MAX_RETRIES = int(os.environ.get("COMFY_POLLING_MAX_RETRIES", 500))
COMFY_HOST = "127.0.0.1:8188"
REFRESH_WORKER = os.environ.get("REFRESH_WORKER", "false").lower() == "true"


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
    return {"workflow": workflow, "images": images}, None


def check_server(url, retries=500, delay=50):
    for _ in range(retries):
        try:
            response = requests.get(url)
            if response.status_code == 200:
                print("runpod-worker-comfy - API is reachable")
                return True
        except requests.RequestException:
            pass
        time.sleep(delay / 1000)
    print(f"runpod-worker-comfy - Failed to connect to server at {url} after {retries} attempts.")
    return False


def upload_images(images):
    if not images:
        return {"status": "success", "message": "No images to upload", "details": []}
    errors = []
    for image in images:
        blob = base64.b64decode(image["image"])
        files = {"image": (image["name"], BytesIO(blob), "image/png"), "overwrite": (None, "true")}
        response = requests.post(f"http://{COMFY_HOST}/upload/image", files=files)
        if response.status_code != 200:
            errors.append(f"Error uploading {image['name']}: {response.text}")
    if errors:
        return {"status": "error", "message": "Some images failed to upload", "details": errors}
    return {"status": "success", "message": "All images uploaded successfully", "details": []}


def queue_workflow(workflow):
    data = json.dumps({"prompt": workflow}).encode("utf-8")
    req = urllib.request.Request(f"http://{COMFY_HOST}/prompt", data=data)
    return json.loads(urllib.request.urlopen(req).read())


def get_history(prompt_id):
    with urllib.request.urlopen(f"http://{COMFY_HOST}/history/{prompt_id}") as response:
        return json.loads(response.read())


def base64_encode(img_path):
    with open(img_path, "rb") as image_file:
        return base64.b64encode(image_file.read()).decode("utf-8")


def process_output_images(outputs, job_id):
    output_path = os.environ.get("COMFY_OUTPUT_PATH", "/comfyui/output")
    output_images = ""
    for node_output in outputs.values():
        for image in node_output.get("images", []):
            output_images = os.path.join(image["subfolder"], image["filename"])
    local_image_path = f"{output_path}/{output_images}"
    if os.path.exists(local_image_path):
        if os.environ.get("BUCKET_ENDPOINT_URL", False):
            image = rp_upload.upload_image(job_id, local_image_path)
        else:
            image = base64_encode(local_image_path)
        return {"status": "success", "message": image}
    return {"status": "error", "message": f"the image does not exist in the specified output folder: {local_image_path}"}


def handler(job):
    validated_data, error_message = validate_input(job["input"])
    if error_message:
        return {"error": error_message}
    workflow = validated_data["workflow"]
    images = validated_data.get("images")

    check_server(f"http://{COMFY_HOST}", COMFY_API_AVAILABLE_MAX_RETRIES, COMFY_API_AVAILABLE_INTERVAL_MS)

    upload_result = upload_images(images)
    if upload_result["status"] == "error":
        return upload_result

    try:
        prompt_id = queue_workflow(workflow)["prompt_id"]
        print(f"runpod-worker-comfy - queued workflow with ID {prompt_id}")
    except Exception as e:
        return {"error": f"Error queuing workflow: {str(e)}"}

    retries = 0
    try:
        while retries < COMFY_POLLING_MAX_RETRIES:
            history = get_history(prompt_id)
            if prompt_id in history and history[prompt_id].get("outputs"):
                break
            time.sleep(COMFY_POLLING_INTERVAL_MS / 1000)
            retries += 1
        else:
            return {"error": "Max retries reached while waiting for image generation"}
    except Exception as e:
        return {"error": f"Error waiting for image generation: {str(e)}"}

    images_result = process_output_images(history[prompt_id].get("outputs"), job["id"])
    return {**images_result, "refresh_worker": REFRESH_WORKER}


if __name__ == "__main__":
    runpod.serverless.start({"handler": handler})
