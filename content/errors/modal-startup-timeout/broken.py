import io

import modal

app = modal.App("flux-images")

image = modal.Image.debian_slim(python_version="3.12").pip_install(
    "torch", "diffusers", "transformers", "accelerate", "sentencepiece", "huggingface_hub"
)

with image.imports():
    import torch
    from diffusers import FluxPipeline
    from huggingface_hub import snapshot_download

MODEL_ID = "black-forest-labs/FLUX.1-schnell"


# No startup_timeout and no timeout: container startup gets the 300-second default.
@app.cls(gpu="H100", image=image)
class Generator:
    @modal.enter()
    def load(self):
        # Every new container downloads the full checkpoint from the Hub before it
        # can take its first input.
        path = snapshot_download(MODEL_ID)
        self.pipe = FluxPipeline.from_pretrained(path, torch_dtype=torch.bfloat16).to("cuda")

    @modal.method()
    def generate(self, prompt: str) -> bytes:
        image = self.pipe(prompt, num_inference_steps=4, guidance_scale=0.0).images[0]
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()


@app.local_entrypoint()
def main(prompt: str):
    png = Generator().generate.remote(prompt)
    with open("output.png", "wb") as f:
        f.write(png)
