import os
from typing import Any, Dict, Optional


class JobInput:
    def __init__(self, job: Dict[str, Any]):
        self.llm_input = job.get("messages", job.get("prompt"))
        self.stream = job.get("stream", False)
        self.max_batch_size = job.get("max_batch_size")
        self.apply_chat_template = job.get("apply_chat_template", False)
        self.use_openai_format = job.get("use_openai_format", False)
        self.validated_sampling_params = dict(job.get("sampling_params", {}))
        self.request_id = os.urandom(8).hex()
        self.openai_route = job.get("openai_route")
        self.openai_input = job.get("openai_input")


class BatchSize:
    def __init__(self, max_batch_size: int, min_batch_size: int, growth_factor: Optional[float]):
        self.max_batch_size = max_batch_size
        self.growth_factor = growth_factor
        self.is_dynamic = growth_factor is not None and growth_factor > 1 and min_batch_size < max_batch_size
        self.current_batch_size = min_batch_size if self.is_dynamic else max_batch_size

    def update(self):
        if self.is_dynamic:
            self.current_batch_size = min(int(self.current_batch_size * self.growth_factor), self.max_batch_size)
