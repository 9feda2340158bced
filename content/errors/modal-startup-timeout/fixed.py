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
MODEL_DIR = "/models"
weights = modal.Volume.from_name("flux-weights", create_if_missing=True)


@app.function(image=image, volumes={MODEL_DIR: weights}, timeout=60 * 60)
def download_weights():
    # Run once: `modal run app.py::download_weights`. Later containers read the Volume.
    snapshot_download(MODEL_ID, local_dir=f"{MODEL_DIR}/{MODEL_ID}")
    weights.commit()


# startup_timeout leaves room for loading the weights from the Volume onto the GPU.
@app.cls(gpu="H100", image=image, volumes={MODEL_DIR: weights}, startup_timeout=10 * 60)
class Generator:
    @modal.enter()
    def load(self):
        self.pipe = FluxPipeline.from_pretrained(
            f"{MODEL_DIR}/{MODEL_ID}", torch_dtype=torch.bfloat16
        ).to("cuda")

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
