import time

import runpod


def load_pipeline():
    # Stands in for loading the model into VRAM during the cold start: ~40 s.
    time.sleep(40)
    return {"name": "whisper-large-v3"}


PIPELINE = load_pipeline()


def handler(job):
    audio_url = job["input"]["audio_url"]
    time.sleep(6)  # stands in for transcribing the file on the GPU
    return {"model": PIPELINE["name"], "audio_url": audio_url, "text": "..."}


# The config dict the SDK expects: the worker now starts its job loop, asks RunPod for work
# and takes the queued job.
runpod.serverless.start({"handler": handler})
