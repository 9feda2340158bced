import modal

app = modal.App("episode-transcriber")

image = (
    modal.Image.debian_slim(python_version="3.12")
    .apt_install("ffmpeg")
    .pip_install("openai-whisper", "requests")
)

with image.imports():
    import requests
    import whisper


# No timeout= given, so every call gets Modal's default of 300 seconds.
@app.function(gpu="A10G", image=image)
def transcribe(audio_url: str) -> str:
    # Loaded inside the function, the model is read again for every input,
    # on that input's clock.
    model = whisper.load_model("large-v3")
    audio = requests.get(audio_url, timeout=60)
    audio.raise_for_status()
    with open("/tmp/episode.mp3", "wb") as f:
        f.write(audio.content)
    return model.transcribe("/tmp/episode.mp3")["text"]


@app.local_entrypoint()
def main(audio_url: str):
    print(transcribe.remote(audio_url))
