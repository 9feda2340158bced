import runpod
from faster_whisper import WhisperModel
from runpod.serverless.utils import download_files_from_urls, rp_cleanup

# Loaded once per worker, during the cold start.
MODEL = WhisperModel("large-v3", device="cuda", compute_type="float16")


def handler(job):
    audio_path = download_files_from_urls(job["id"], [job["input"]["audio_url"]])[0]
    segments, info = MODEL.transcribe(audio_path, beam_size=5)
    text = " ".join(segment.text.strip() for segment in segments)
    rp_cleanup.clean(["jobs"])
    return {"language": info.language, "text": text}


# The config dict the SDK expects: the worker now starts its job loop, asks RunPod for work
# and takes the queued job.
runpod.serverless.start({"handler": handler})
