import time

import runpod


def load_model():
    # Stands in for from_pretrained(...).to("cuda"): ~45 s reading weights into VRAM.
    time.sleep(45)
    return {"name": "sdxl-base-1.0"}


# Loaded once per worker, at module scope: this runs during the cold start,
# before runpod.serverless.start(), so no job's execution timeout pays for it.
MODEL = load_model()


def handler(job):
    prompt = job["input"]["prompt"]
    # Stands in for 30 denoising steps on the GPU: ~25 s.
    time.sleep(25)
    return {"model": MODEL["name"], "prompt": prompt, "steps": 30}


runpod.serverless.start({"handler": handler})
