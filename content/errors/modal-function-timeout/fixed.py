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


# A limit chosen for the longest episode we accept, with headroom.
@app.cls(gpu="A10G", image=image, timeout=30 * 60)
class Transcriber:
    @modal.enter()
    def load(self):
        # Once per container, during startup: not on any input's clock.
        self.model = whisper.load_model("large-v3")

    @modal.method()
    def transcribe(self, audio_url: str) -> str:
        audio = requests.get(audio_url, timeout=60)
        audio.raise_for_status()
        with open("/tmp/episode.mp3", "wb") as f:
            f.write(audio.content)
        return self.model.transcribe("/tmp/episode.mp3")["text"]


@app.local_entrypoint()
def main(audio_url: str):
    print(Transcriber().transcribe.remote(audio_url))
