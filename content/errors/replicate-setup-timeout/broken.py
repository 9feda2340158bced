import torch
from cog import BasePredictor, Input
from huggingface_hub import snapshot_download
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "Qwen/Qwen2.5-32B-Instruct"
WEIGHTS_DIR = "/src/weights"


class Predictor(BasePredictor):
    def setup(self) -> None:
        # Every new instance pulls about 65 GB from the Hugging Face Hub before
        # Replicate considers it booted.
        snapshot_download(MODEL_ID, local_dir=WEIGHTS_DIR)
        self.tokenizer = AutoTokenizer.from_pretrained(WEIGHTS_DIR)
        self.model = AutoModelForCausalLM.from_pretrained(
            WEIGHTS_DIR, torch_dtype=torch.bfloat16, device_map="auto"
        )

    def predict(
        self,
        prompt: str = Input(description="What to ask the model"),
        max_new_tokens: int = Input(default=512, ge=1, le=4096),
    ) -> str:
        messages = [{"role": "user", "content": prompt}]
        inputs = self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt"
        ).to(self.model.device)
        output = self.model.generate(inputs, max_new_tokens=max_new_tokens)
        return self.tokenizer.decode(output[0][inputs.shape[-1] :], skip_special_tokens=True)
