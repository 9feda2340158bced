import torch
from cog import BasePredictor, Input
from transformers import AutoModelForCausalLM, AutoTokenizer

# The weights ship inside the image: script/download-weights fills ./weights
# before `cog push` (built with --separate-weights), so setup() only reads local files.
WEIGHTS_DIR = "/src/weights"


class Predictor(BasePredictor):
    def setup(self) -> None:
        self.tokenizer = AutoTokenizer.from_pretrained(WEIGHTS_DIR, local_files_only=True)
        self.model = AutoModelForCausalLM.from_pretrained(
            WEIGHTS_DIR, torch_dtype=torch.bfloat16, device_map="auto", local_files_only=True
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
