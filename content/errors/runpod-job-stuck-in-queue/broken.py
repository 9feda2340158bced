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


# start() takes a config dict. Given the function itself, it prints its banner and then
# raises TypeError before it ever asks RunPod for a job; the container exits, the worker is
# marked unhealthy, a new one loads the model and crashes the same way, and the job waits
# IN_QUEUE the whole time.
runpod.serverless.start(handler)
