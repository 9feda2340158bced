"""The import guard.

During a run, `import requests` (httpx, aiohttp, runpod) loads the simulator's stub, and a
module the simulator cannot provide fails at the user's import line with an ImportError that
names it and says how to model it, instead of a bare "No module named" or an attempt to fetch a
package. Only core stdlib exists offline in Pyodide.
"""

import sys
from importlib.machinery import PathFinder, SourceFileLoader

STUB_DIR = "/deadline/stubs"
STUBS = frozenset({"requests", "httpx", "aiohttp", "runpod", "urllib3", "openai", "boto3", "botocore", "websocket", "websockets"})

_TIME = "model its time with time.sleep(seconds)"
_REMOTE = "model the remote call with requests/httpx and a latency rule for its host"

HINTS = {
    # Model loading and inference: the time is what matters.
    **{name: _TIME for name in (
        "torch", "torchvision", "torchaudio", "tensorflow", "keras", "jax", "jaxlib", "numpy",
        "scipy", "pandas", "sklearn", "PIL", "cv2", "transformers", "diffusers", "accelerate",
        "vllm", "onnxruntime", "xformers", "safetensors", "huggingface_hub", "tokenizers",
        "sentence_transformers", "whisper", "faster_whisper", "ultralytics", "llama_cpp",
        "tensorrt", "triton", "bitsandbytes", "peft", "einops", "timm", "librosa", "soundfile",
        "imageio", "skimage", "matplotlib", "numba", "cupy", "comfy", "insightface",
    )},
    # Remote services: one HTTP call to a host with a latency.
    "anthropic": _REMOTE + " (e.g. api.anthropic.com=30)",
    "aioboto3": _REMOTE + " (e.g. *.amazonaws.com=0.2)",
    "google": _REMOTE,
    "replicate": _REMOTE + " (e.g. api.replicate.com=20)",
    "cohere": _REMOTE,
    "groq": _REMOTE,
    "mistralai": _REMOTE,
    "together": _REMOTE,
    "pinecone": _REMOTE,
    "redis": _REMOTE,
    "pymongo": _REMOTE,
    "motor": _REMOTE,
    "psycopg2": _REMOTE,
    "psycopg": _REMOTE,
    "asyncpg": _REMOTE,
    "sqlalchemy": _REMOTE,
    "stripe": _REMOTE,
    "grpc": _REMOTE,
    "aiohttp_retry": "aiohttp is simulated, but retries are not; call aiohttp directly",
    "tenacity": "retries are not simulated; write the retry loop with time.sleep",
    "backoff": "retries are not simulated; write the retry loop with time.sleep",
    "fastapi": "the simulator calls your handler directly; no web server is needed",
    "flask": "the simulator calls your handler directly; no web server is needed",
    "uvicorn": "the simulator calls your handler directly; no web server is needed",
    "starlette": "the simulator calls your handler directly; no web server is needed",
    "pydantic": "use dataclasses or plain dicts in the simulator",
    "uvloop": "the simulator runs asyncio on its own virtual-time loop",
    "trio": "the simulator runs asyncio on its own virtual-time loop",
    "anyio": "the simulator runs asyncio on its own virtual-time loop; use asyncio directly",
    "dotenv": "set what you need in os.environ at the top of the file",
    # Pyodide internals: a handler has no browser to talk to.
    "js": "the simulated handler has no JavaScript host",
    "pyodide": "the simulated handler has no JavaScript host",
    "pyodide_js": "the simulated handler has no JavaScript host",
    "micropip": "packages cannot be installed in the simulator",
}

# Already imported by Pyodide itself, so hidden from sys.modules while user code runs.
HIDDEN = ("js", "pyodide", "pyodide_js", "micropip")


def message(name):
    top = name.partition(".")[0]
    hint = HINTS.get(top, "model its time with time.sleep(seconds), or its network calls with requests and a latency rule")
    return f"{top} is not available in the simulator: {hint}"


_compiled = {}


class _CachedLoader(SourceFileLoader):
    """Stubs are fresh modules each run but compiled once per engine (Pyodide writes no .pyc)."""

    def get_code(self, fullname):
        code = _compiled.get(self.path)
        if code is None:
            code = _compiled[self.path] = super().get_code(fullname)
        return code


class StubFinder:
    """First on sys.meta_path: serves stubs and refuses the modules it knows are missing."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if top in STUBS:
            spec = PathFinder.find_spec(fullname, [STUB_DIR] if fullname == top else path)
            if spec is not None and isinstance(spec.loader, SourceFileLoader):
                spec.loader = _CachedLoader(fullname, spec.origin)
            return spec
        if top in HINTS:
            raise ModuleNotFoundError(message(fullname), name=fullname)
        return None


class MissingFinder:
    """Last on sys.meta_path: nothing else found this top-level module."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if "." in fullname:
            return None
        raise ModuleNotFoundError(message(fullname), name=fullname)


def install(patches):
    saved_meta = list(sys.meta_path)
    sys.meta_path.insert(0, StubFinder)
    sys.meta_path.append(MissingFinder)
    hidden = {}
    for name in list(sys.modules):
        if name.partition(".")[0] in HIDDEN:
            hidden[name] = sys.modules.pop(name)

    def restore():
        sys.meta_path[:] = saved_meta
        sys.modules.update(hidden)

    patches.on_restore(restore)


def forget_stubs():
    """Stub modules are loaded fresh by each run, so no state (sessions, loggers) carries over."""
    for name in list(sys.modules):
        if name.partition(".")[0] in STUBS:
            del sys.modules[name]
