import os
import logging

from dotenv import load_dotenv
from torch.cuda import device_count
from vllm import AsyncLLMEngine, AsyncEngineArgs, SamplingParams
from transformers import AutoTokenizer

from utils import JobInput, BatchSize

DEFAULT_BATCH_SIZE = 50
DEFAULT_MAX_CONCURRENCY = 300


class vLLMEngine:
    def __init__(self):
        load_dotenv()
        model = os.getenv("MODEL_NAME", "facebook/opt-125m")
        self.tokenizer = AutoTokenizer.from_pretrained(model)
        self.llm = AsyncLLMEngine.from_engine_args(
            AsyncEngineArgs(
                model=model,
                tensor_parallel_size=max(1, device_count()),
                gpu_memory_utilization=float(os.getenv("GPU_MEMORY_UTILIZATION", "0.95")),
            )
        )
        self.max_concurrency = int(os.getenv("MAX_CONCURRENCY", DEFAULT_MAX_CONCURRENCY))
        self.default_batch_size = int(os.getenv("DEFAULT_BATCH_SIZE", DEFAULT_BATCH_SIZE))

    async def generate(self, job_input: JobInput):
        llm_input = job_input.llm_input
        if job_input.apply_chat_template or isinstance(llm_input, list):
            llm_input = self.tokenizer.apply_chat_template(llm_input, tokenize=False, add_generation_prompt=True)
        sampling_params = SamplingParams(**job_input.validated_sampling_params)
        results_generator = self.llm.generate(llm_input, sampling_params, job_input.request_id)

        batch_size = BatchSize(job_input.max_batch_size or self.default_batch_size, 1, 3)
        batch, sent = [], ""
        async for request_output in results_generator:
            text = request_output.outputs[0].text
            if job_input.stream:
                batch.append(text[len(sent):])
                sent = text
                if len(batch) >= batch_size.current_batch_size:
                    yield {"choices": [{"tokens": batch}]}
                    batch = []
                    batch_size.update()
            final = text
        if batch or not job_input.stream:
            yield {"choices": [{"tokens": batch if job_input.stream else [final]}]}
        logging.info("request %s finished", job_input.request_id)
