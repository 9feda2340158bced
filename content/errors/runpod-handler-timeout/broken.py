import time

import runpod


def load_model():
    # Stands in for from_pretrained(...).to("cuda"): ~45 s reading weights into VRAM.
    time.sleep(45)
    return {"name": "sdxl-base-1.0"}


def handler(job):
    prompt = job["input"]["prompt"]
    # Loaded here, the model is loaded again for every job, and every load
    # runs on the job's execution-timeout clock.
    model = load_model()
    # Stands in for 30 denoising steps on the GPU: ~25 s.
    time.sleep(25)
    return {"model": model["name"], "prompt": prompt, "steps": 30}


runpod.serverless.start({"handler": handler})
