"""What the SDK's calls return: attribute access over the answer's JSON, as openai's pydantic models
give (`completion.choices[0].message.content`), with model_dump() / to_dict() / to_json()."""

import json as _json
import time


class BaseModel:
    def __init__(self, data, type_name="BaseModel"):
        object.__setattr__(self, "_data", dict(data))
        object.__setattr__(self, "_type_name", type_name)

    def __getattr__(self, name):
        data = object.__getattribute__(self, "_data")
        if name in data:
            return _wrap(data[name], name)
        raise AttributeError(f"'{object.__getattribute__(self, '_type_name')}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        self._data[name] = value

    def __eq__(self, other):
        return isinstance(other, BaseModel) and self._data == other._data

    def __repr__(self):
        fields = ", ".join(f"{k}={_wrap(v, k)!r}" for k, v in self._data.items())
        return f"{self._type_name}({fields})"

    def model_dump(self, **_ignored):
        return _json.loads(_json.dumps(self._data))

    to_dict = model_dump

    def model_dump_json(self, indent=None, **_ignored):
        return _json.dumps(self._data, indent=indent)

    def to_json(self, indent=2, **_ignored):
        return _json.dumps(self._data, indent=indent)


class Response(BaseModel):
    """openai.types.responses.Response: output_text joins the output_text parts, as the SDK's does."""

    @property
    def output_text(self):
        data = self._data
        if "output_text" in data and isinstance(data["output_text"], str):
            return data["output_text"]
        texts = []
        for item in data.get("output") or []:
            if isinstance(item, dict) and item.get("type") == "message":
                for part in item.get("content") or []:
                    if isinstance(part, dict) and part.get("type") == "output_text":
                        texts.append(part.get("text", ""))
        return "".join(texts)


def _wrap(value, name=""):
    if isinstance(value, dict):
        return BaseModel(value, name.title().replace("_", "") or "BaseModel")
    if isinstance(value, list):
        return [_wrap(item, name) for item in value]
    return value


SIMULATED_TEXT = "Simulated reply: no response rule matched this call."


def default_body(operation, params):
    """A plausible answer for a call no response rule answered (the span says "default")."""
    now = int(time.time())
    model = params.get("model") or "gpt-4o"
    if operation == "chat.completions.create":
        return {
            "id": "chatcmpl-simulated", "object": "chat.completion", "created": now, "model": model,
            "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                         "message": {"role": "assistant", "content": SIMULATED_TEXT, "refusal": None}}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }
    if operation == "responses.create":
        return {
            "id": "resp_simulated", "object": "response", "created_at": now, "model": model, "status": "completed",
            "output": [{"type": "message", "id": "msg_simulated", "role": "assistant", "status": "completed",
                        "content": [{"type": "output_text", "text": SIMULATED_TEXT, "annotations": []}]}],
            "usage": {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0},
        }
    if operation == "embeddings.create":
        inputs = params.get("input")
        count = len(inputs) if isinstance(inputs, list) and inputs and not isinstance(inputs[0], int) else 1
        return {
            "object": "list", "model": model,
            "data": [{"object": "embedding", "index": i, "embedding": [0.0] * 8} for i in range(count)],
            "usage": {"prompt_tokens": 0, "total_tokens": 0},
        }
    if operation == "images.generate":
        count = int(params.get("n") or 1)
        b64 = params.get("response_format") == "b64_json" or str(model).startswith("gpt-image")
        item = {"b64_json": ""} if b64 else {"url": "https://simulated.invalid/image.png"}
        return {"created": now, "data": [dict(item) for _ in range(count)]}
    return {}


TYPE_NAMES = {
    "chat.completions.create": "ChatCompletion",
    "responses.create": "Response",
    "embeddings.create": "CreateEmbeddingResponse",
    "images.generate": "ImagesResponse",
}


def build(operation, data):
    if operation == "responses.create":
        return Response(data, "Response")
    return BaseModel(data, TYPE_NAMES.get(operation, "BaseModel"))


def chunks(operation, target_body, source, params):
    """The events of a streamed answer: an SSE body's `data:` lines, a JSON list's items, or one
    chunk made from a whole completion (all of them arrive together, after the host's latency)."""
    text = target_body.decode("utf-8", errors="replace")
    events = []
    if source != "default" and "data:" in text:
        for line in text.splitlines():
            if line.startswith("data:"):
                payload = line[5:].strip()
                if payload == "[DONE]":
                    break
                events.append(_json.loads(payload))
        return events
    data = None
    if source != "default":
        try:
            data = _json.loads(text)
        except ValueError:
            data = None
    if isinstance(data, list):
        return data
    if data is None:
        data = default_body(operation, params)
    if operation == "chat.completions.create" and isinstance(data, dict) and "choices" in data:
        return [{
            "id": data.get("id"), "object": "chat.completion.chunk", "created": data.get("created"),
            "model": data.get("model"),
            "choices": [{"index": c.get("index", 0), "finish_reason": c.get("finish_reason"),
                         "delta": {"role": "assistant", "content": (c.get("message") or {}).get("content")}}
                        for c in data["choices"]],
        }]
    return [data]
