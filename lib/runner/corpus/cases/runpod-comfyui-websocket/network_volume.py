import os

MODEL_DIRS = ("checkpoints", "loras", "vae", "clip", "unet")


def is_network_volume_debug_enabled():
    return os.environ.get("NETWORK_VOLUME_DEBUG", "false").lower() == "true"


def run_network_volume_diagnostics():
    root = "/runpod-volume/models"
    if not os.path.isdir(root):
        print(f"worker-comfyui - network volume not mounted at {root}")
        return
    for name in MODEL_DIRS:
        path = os.path.join(root, name)
        files = os.listdir(path) if os.path.isdir(path) else []
        print(f"worker-comfyui - {path}: {len(files)} file(s)")
