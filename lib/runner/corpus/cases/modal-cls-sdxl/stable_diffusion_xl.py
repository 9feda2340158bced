import io

from modal import Image, Stub, build, enter, gpu, web_endpoint

sdxl_image = (
    Image.debian_slim(python_version="3.10")
    .apt_install("libglib2.0-0", "libsm6", "libxrender1", "libxext6", "ffmpeg", "libgl1")
    .pip_install("diffusers~=0.19", "transformers~=4.31", "accelerate~=0.21", "safetensors~=0.3")
)

stub = Stub("stable-diffusion-xl")

with sdxl_image.imports():
    import torch
    from diffusers import DiffusionPipeline
    from fastapi import Response
    from huggingface_hub import snapshot_download


@stub.cls(gpu=gpu.A10G(), container_idle_timeout=240, image=sdxl_image)
class Model:
    @build()
    def build(self):
        ignore = ["*.bin", "*.onnx_data", "*/diffusion_pytorch_model.safetensors"]
        snapshot_download("stabilityai/stable-diffusion-xl-base-1.0", ignore_patterns=ignore)
        snapshot_download("stabilityai/stable-diffusion-xl-refiner-1.0", ignore_patterns=ignore)

    @enter()
    def enter(self):
        load_options = dict(torch_dtype=torch.float16, use_safetensors=True, variant="fp16", device_map="auto")
        self.base = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-xl-base-1.0", **load_options)
        self.refiner = DiffusionPipeline.from_pretrained(
            "stabilityai/stable-diffusion-xl-refiner-1.0",
            text_encoder_2=self.base.text_encoder_2,
            vae=self.base.vae,
            **load_options,
        )

    @web_endpoint()
    def inference(self, prompt, n_steps=24, high_noise_frac=0.8):
        negative_prompt = "disfigured, ugly, deformed"
        image = self.base(
            prompt=prompt,
            negative_prompt=negative_prompt,
            num_inference_steps=n_steps,
            denoising_end=high_noise_frac,
            output_type="latent",
        ).images
        image = self.refiner(
            prompt=prompt,
            negative_prompt=negative_prompt,
            num_inference_steps=n_steps,
            denoising_start=high_noise_frac,
            image=image,
        ).images[0]

        byte_stream = io.BytesIO()
        image.save(byte_stream, format="JPEG")
        return Response(content=byte_stream.getvalue(), media_type="image/jpeg")


@stub.local_entrypoint()
def main(prompt: str):
    image_bytes = Model().inference.remote(prompt)
    with open("/tmp/stable-diffusion-xl/output.png", "wb") as f:
        f.write(image_bytes)
