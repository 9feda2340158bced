import base64
import io

import runpod
import torch
from diffusers import StableDiffusionXLPipeline

MODEL_ID = "stabilityai/stable-diffusion-xl-base-1.0"

# Loaded once per worker, at module scope: this runs during the cold start,
# before runpod.serverless.start(), so no job's execution timeout pays for it.
pipe = StableDiffusionXLPipeline.from_pretrained(MODEL_ID, torch_dtype=torch.float16).to("cuda")


def handler(job):
    prompt = job["input"]["prompt"]
    image = pipe(prompt, num_inference_steps=30).images[0]
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return {"prompt": prompt, "steps": 30, "image": base64.b64encode(buffer.getvalue()).decode()}


runpod.serverless.start({"handler": handler})
