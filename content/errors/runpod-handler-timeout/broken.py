import base64
import io

import runpod
import torch
from diffusers import StableDiffusionXLPipeline

MODEL_ID = "stabilityai/stable-diffusion-xl-base-1.0"


def handler(job):
    prompt = job["input"]["prompt"]
    # Loaded here, the pipeline is read into VRAM again for every job, and every
    # load runs on the job's execution-timeout clock.
    pipe = StableDiffusionXLPipeline.from_pretrained(MODEL_ID, torch_dtype=torch.float16).to("cuda")
    image = pipe(prompt, num_inference_steps=30).images[0]
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return {"prompt": prompt, "steps": 30, "image": base64.b64encode(buffer.getvalue()).decode()}


runpod.serverless.start({"handler": handler})
