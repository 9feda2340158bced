"""Imports: what the user's file can import, and every import it cannot, found before it runs.

Before executing, scan() parses the file (once per code text) and lists every import with its
line, at module level and inside functions and classes, leaving out optional ones: inside a
`try:` whose handlers catch ImportError, ModuleNotFoundError, Exception or everything, under
`if TYPE_CHECKING:`, and under an `if` that asks importlib.util.find_spec first. unavailable()
sorts each into: the standard library (asked of the real finders without importing; Pyodide's
standard library lacks some modules), a simulator stub, a modelled module (the request's `model`
list; `*` models whatever nothing else provides), a module of the handler's own project
(project.py, Node hosts only; the scan follows those files' imports too), or unavailable, with a
hint that says how to go on. The runner refuses to run a file with any unavailable import and
lists them all.

While the file runs, the same order decides on sys.meta_path: UserFinder (first) serves modelled
modules, stubs and project modules; the interpreter's own finders serve the standard library;
MissingFinder (last) models what `*` covers. Anything else is not found, as in CPython (so
`find_spec(name) is None` checks work), and the ModuleNotFoundError that reaches the result
carries the same hint on the import's line (runtime_message), never a bare "No module named" or
a path inside the simulator.
"""

import ast
import os
import sys
from importlib.machinery import BuiltinImporter, FrozenImporter, PathFinder, SourceFileLoader

from . import model, processes, project, state
from .import_scan import scan  # noqa: F401  (the runner calls imports.scan)

STUB_DIR = "/deadline/stubs"


def _stub_names():
    try:
        entries = os.listdir(STUB_DIR)
    except OSError:
        return frozenset()
    names = set()
    for entry in entries:
        if entry.endswith(".py"):
            names.add(entry[:-3])
        elif os.path.isfile(os.path.join(STUB_DIR, entry, "__init__.py")):
            names.add(entry)
    return frozenset(names)


# Every top-level module under shims/stubs is a stub: a new stub needs no entry here.
STUBS = _stub_names()

# ---- hints --------------------------------------------------------------------------------------

_HOW = "--model {m} on the command line, a Modelled modules row in the editor, or simulate.model in an article"


def _model_it(module, cost):
    return f"model it ({_HOW.format(m=module)}) and give its calls a time with a cost rule, e.g. --cost '{cost}'"


# Examples of the call that costs the time, per library: what a cost rule would name.
_COSTS = {
    "torch": "torch.load=4", "torchvision": "torchvision.models.*=3", "torchaudio": "torchaudio.load=1",
    "tensorflow": "tensorflow.keras.models.load_model=8", "keras": "keras.models.load_model=8",
    "jax": "jax.jit=2", "numpy": "numpy.*=0", "scipy": "scipy.*=0.5", "pandas": "pandas.read_csv=2",
    "sklearn": "joblib.load=1", "joblib": "joblib.load=1", "PIL": "PIL.Image.open=0.05", "cv2": "cv2.imread=0.05",
    "transformers": "transformers.*.from_pretrained=20", "diffusers": "diffusers.*.from_pretrained=40",
    "accelerate": "accelerate.*=1", "vllm": "vllm.LLM=90", "onnxruntime": "onnxruntime.InferenceSession=5",
    "safetensors": "safetensors.torch.load_file=6", "huggingface_hub": "huggingface_hub.snapshot_download=60",
    "sentence_transformers": "sentence_transformers.SentenceTransformer=10", "whisper": "whisper.load_model=12",
    "faster_whisper": "faster_whisper.WhisperModel=10", "ultralytics": "ultralytics.YOLO=3", "llama_cpp": "llama_cpp.Llama=30",
    "tensorrt": "tensorrt.*=5", "comfy": "comfy.*=5", "insightface": "insightface.app.FaceAnalysis=5",
    "librosa": "librosa.load=1", "soundfile": "soundfile.read=0.2", "matplotlib": "matplotlib.pyplot.savefig=0.3",
    "redis": "redis.Redis().get=0.002", "pymongo": "pymongo.MongoClient().*=0.01", "psycopg2": "psycopg2.connect=0.05",
    "psycopg": "psycopg.connect=0.05", "asyncpg": "asyncpg.connect=0.05", "sqlalchemy": "sqlalchemy.create_engine().connect=0.05",
    "anthropic": "anthropic.Anthropic().messages.create=30", "replicate": "replicate.run=20",
    "google": "google.cloud.storage.Client().bucket().blob().download_to_filename=1",
    "pinecone": "pinecone.Pinecone().Index().query=0.2", "stripe": "stripe.*.create=0.5", "cohere": "cohere.Client().*=5",
    "groq": "groq.Groq().chat.completions.create=2", "mistralai": "mistralai.*=10", "together": "together.Together().*=10",
    "elevenlabs": "elevenlabs.*=5", "pydantic": "pydantic.*=0", "dotenv": "dotenv.load_dotenv=0",
}

# Libraries that talk to a remote service: the time is the service's answer.
_REMOTE = frozenset({
    "anthropic", "google", "replicate", "cohere", "groq", "mistralai", "together", "pinecone", "stripe",
    "redis", "pymongo", "motor", "psycopg2", "psycopg", "asyncpg", "sqlalchemy", "grpc", "elevenlabs",
    "aioboto3", "supabase", "firebase_admin", "twilio", "slack_sdk", "sendgrid",
})

_SPECIAL = {
    "js": "the simulated handler has no JavaScript host",
    "pyodide": "the simulated handler has no JavaScript host",
    "pyodide_js": "the simulated handler has no JavaScript host",
    "micropip": "packages cannot be installed in the simulator",
}

# What else a person should know about modelling these (kept from the earlier per-module hints).
_NOTES = {
    **dict.fromkeys(("tenacity", "backoff"), "; modelled, its decorators leave the function as it is, so no retries happen: pass the real package with --python-path, or write the retry loop with time.sleep"),
    **dict.fromkeys(("uvloop", "trio", "anyio"), "; the simulator runs asyncio on its own virtual-time loop either way"),
    "dotenv": "; set what the handler needs in os.environ at the top of the file",
}

# Known third-party names: never a sibling file of the handler, so their hint says so.
KNOWN = frozenset(_COSTS) | _REMOTE | frozenset({
    "xformers", "tokenizers", "bitsandbytes", "peft", "einops", "timm", "imageio", "skimage", "numba", "cupy",
    "triton", "jaxlib", "openai", "boto3", "botocore", "websockets", "urllib3", "tenacity", "backoff",
    "fastapi", "flask", "uvicorn", "starlette", "uvloop", "trio", "anyio", "aiohttp_retry", "modal", "celery",
    "azure", "functions_framework", "mangum", "aws_lambda_powertools", "yaml", "orjson", "ujson", "tqdm",
})

# Already imported by Pyodide itself, so hidden from sys.modules while user code runs.
HIDDEN = ("js", "pyodide", "pyodide_js", "micropip")


def hint(module, *, relative=False, native=None):
    """How to go on when `module` is unavailable (see the module docstring)."""
    top = module.lstrip(".").partition(".")[0]
    has_project = project.current() is not None
    if relative:
        if has_project:
            return (
                f"{module} is a relative import, but the handler's folder is not a package (it has no __init__.py), "
                "so Python raises 'attempted relative import with no known parent package': import it by name "
                f"(import {top}) or add __init__.py and name the handler as package.module"
            )
        return (
            f"the editor holds one file, and {module} is another file of your project: run the handler with "
            "`deadline simulate` from its folder (it loads the handler's folder), or paste what you need into this file"
        )
    if top in _SPECIAL:
        return _SPECIAL[top]
    if native:
        return f"{top} has native code ({native}), and the simulator runs pure Python only: {_model_it(top, _COSTS.get(top, f'{top}.*=1'))}"
    if top in sys.stdlib_module_names:
        return (
            f"{top} is part of Python's standard library, but not of the sandbox's (Pyodide leaves it out): "
            f"{_model_it(top, f'{top}.*=0.1')}"
        )
    if top in STUBS:
        return (
            f"the simulator's {top} covers the parts a handler commonly uses, but not {module}: "
            f"{_model_it(module, f'{module}.*=1')}"
        )
    if top in _REMOTE:
        return (
            f"{top} calls a remote service: {_model_it(top, _COSTS.get(top, f'{top}.*=1'))}, the service's time; "
            "or call its HTTP API with requests, which the simulator runs against latency and response rules "
            "(--latency host=seconds)"
        )
    if top in KNOWN:
        return _model_it(top, _COSTS.get(top, f"{top}.*=1")) + _NOTES.get(top, "")
    if has_project:
        return (
            f"{top} is not in the handler's folder nor in any --python-path folder: if it is a library, pass its "
            f"virtualenv's site-packages with --python-path, or {_model_it(top, f'{top}.*=1')}"
        )
    return (
        f"if {top} is a file of your project, the editor holds one file: run the handler with `deadline simulate` "
        f"from its folder, which loads the handler's folder; if it is a library, {_model_it(top, f'{top}.*=1')}"
    )


def message(name, **kwargs):
    top = name.lstrip(".").partition(".")[0]
    shown = name if kwargs.get("relative") or top in STUBS else top
    return f"{shown} is not available in the simulator: {hint(name, **kwargs)}"


# ---- classification -----------------------------------------------------------------------------

_stdlib = {}


def stdlib_has(top):
    """Whether the interpreter's own finders provide this top-level module (without importing it)."""
    known = _stdlib.get(top)
    if known is None:
        known = top in sys.modules or any(
            finder.find_spec(top, None) is not None for finder in (BuiltinImporter, FrozenImporter, PathFinder)
        )
        # Only the standard library counts: Pyodide's own packages are not the user's to import.
        known = known and (top in sys.stdlib_module_names or top in sys.builtin_module_names or top.startswith("_"))
        _stdlib[top] = known
    return known


def _stub_has(module):
    parts = module.split(".")
    base = os.path.join(STUB_DIR, *parts)
    return os.path.isfile(base + ".py") or os.path.isfile(os.path.join(base, "__init__.py"))


def explicitly_modelled(name):
    """Declared in the model list by name (or inside a declared name), not by `*`."""
    for entry in state.current.model_names:
        if name == entry or name.startswith(entry + "."):
            return True
    return False


def parent_of_modelled(name):
    """`--model google.cloud` needs a `google` to import it from, when nothing else provides one."""
    return any(entry.startswith(name + ".") for entry in state.current.model_names)


_stub_names_cache = {}


def _stub_defines(module, name):
    """Whether the stub `module` has `name`: a submodule file, or a name bound at its top level."""
    if _stub_has(f"{module}.{name}"):
        return True
    names = _stub_names_cache.get(module)
    if names is None:
        base = os.path.join(STUB_DIR, *module.split("."))
        path = base + ".py" if os.path.isfile(base + ".py") else os.path.join(base, "__init__.py")
        names = set()
        try:
            with open(path) as file:
                tree = ast.parse(file.read())
        except (OSError, SyntaxError):
            tree = None
        for node in tree.body if tree is not None else ():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    for leaf in ast.walk(target):
                        if isinstance(leaf, ast.Name):
                            names.add(leaf.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    names.add((alias.asname or alias.name).partition(".")[0])
        _stub_names_cache[module] = names
    return name in names


def unavailable(module, level, names=(), base=None):
    """None when the import can be provided; else the hint for it. `names` are what a
    `from module import ...` takes, checked against a stub; `base` is the folder of a project
    file other than the handler, where its relative imports resolve."""
    if level:
        proj = project.current()
        if proj is not None and base is not None:
            if not proj.in_package(base):
                return hint("." * level + module, relative=True)
            found = proj._lookup(base, module.partition(".")[0]) if module and level == 1 else None
            if found is None:
                return hint(module or "." * level)
            return hint(module, native=found.native) if found.native else None
        if proj is None or not proj.is_package:
            return hint("." * level + module, relative=True)
        found = proj.lookup_relative(module, level)
        if found is None:
            return hint(module) if proj is not None else hint("." * level + module, relative=True)
        return hint(module, native=found.native) if found.native else None
    top = module.partition(".")[0]
    if (top in sys.stdlib_module_names or top in sys.builtin_module_names) and stdlib_has(top):
        return None
    if top == "_deadline":
        return None  # the simulator itself, which runtime stubs import
    if explicitly_modelled(module):
        return None
    everything = state.current.models_everything
    if top in STUBS:
        if not _stub_has(module):
            return None if everything else hint(module)
        for name in names:
            if name != "*" and not _stub_defines(module, name) and not explicitly_modelled(f"{module}.{name}"):
                return None if everything else _Named(f"{module}.{name}", hint(f"{module}.{name}"))
        return None
    if top in sys.stdlib_module_names or top in sys.builtin_module_names:
        return None if everything else hint(module)
    proj = project.current()
    if proj is not None:
        found = proj.lookup(top)
        if found is not None:
            if not found.native:
                return None
            return None if state.current.models_everything else hint(module, native=found.native)
    if parent_of_modelled(module) or (state.current.models_everything and top not in _SPECIAL):
        return None
    return hint(module)


class _Named(str):
    """A hint for a longer name than the import statement's module (a name a stub lacks)."""

    def __new__(cls, module, text):
        value = super().__new__(cls, text)
        value.module = module
        return value


# How deep the scan follows the handler's own modules into the modules they import.
MAX_PROJECT_DEPTH = 8


def report(found):
    """Every unavailable import of a scan, in line order, one entry per module: the handler's own,
    and those of the project files it imports (reported on the handler's importing line)."""
    listed = []
    seen = []
    _report(found, None, None, listed, seen, set(), 0)
    listed.sort(key=lambda item: item["line"])
    return listed


def _report(found, via, base, listed, seen, visited, depth):
    proj = project.current()
    for module, line, level, _star, names in found.imports:
        key = "." * level + module
        if any(key == s or key.startswith(s + ".") for s in seen):
            continue
        text = unavailable(module, level, names, base)
        if text is not None:
            seen.append(key)
            where = via[0] if via else line
            shown = f"{via[1]} imports it (line {line}): {text}" if via else str(text)
            listed.append({"module": getattr(text, "module", key), "line": where, "hint": shown})
            continue
        if proj is None or depth >= MAX_PROJECT_DEPTH:
            continue
        for path in proj.own_files(module, level, base):
            if path in visited:
                continue
            visited.add(path)
            try:
                nested = scan(proj.read(path), path)
            except (ImportError, SyntaxError):
                continue  # reported where Python meets it, when the import runs
            _report(nested, (via[0] if via else line, os.path.basename(path)), os.path.dirname(path), listed, seen, visited, depth + 1)


def error_for(listed):
    count = len(listed)
    lines = "\n".join(f"  line {item['line']}: {item['module']}: {item['hint']}" for item in listed)
    head = "1 import" if count == 1 else f"{count} imports"
    return {
        "type": "ImportsUnavailable",
        "message": f"the simulator cannot provide {head} of this file, so it did not run it:\n{lines}",
        "line": listed[0]["line"],
        "imports": listed,
    }


# ---- finders used while the file runs -----------------------------------------------------------

_compiled = {}


# How many stub modules are executing now: a standard-library module first imported meanwhile is
# the stub's need, not the handler's (see _Uncharged).
_stub_depth = 0


class _CachedLoader(SourceFileLoader):
    """Stubs are fresh modules each run but compiled once per engine (Pyodide writes no .pyc). The
    compile is the simulator's own cost: the first run in an engine would otherwise pay up to
    half a second of init for FastAPI or Flask that later runs do not (bench/python-engine.ts)."""

    def get_code(self, fullname):
        code = _compiled.get(self.path)
        if code is None:
            run = state.current
            if run is None:
                code = super().get_code(fullname)
            else:
                with run.uncharged():
                    code = super().get_code(fullname)
            _compiled[self.path] = code
        return code

    def exec_module(self, module):
        global _stub_depth
        _stub_depth += 1
        try:
            super().exec_module(module)
        finally:
            _stub_depth -= 1


class _Uncharged:
    """A standard-library module's own loader, its first import not charged to the run: a stub
    needs it (werkzeug's stub imports http.cookies, email.policy, xml.etree), and it stays loaded
    for every later run of the engine, which then pays nothing for it either."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        with state.current.uncharged():
            self._loader.exec_module(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


def _uncharged_stdlib(fullname, path):
    if _stub_depth == 0 or fullname in sys.modules or state.current is None:
        return None
    spec = PathFinder.find_spec(fullname, path)
    if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
        spec.loader = _Uncharged(spec.loader)
        return spec
    return None


class StubFinder:
    """Serves the simulator's stubs (warm_up uses it alone)."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if top in STUBS:
            spec = PathFinder.find_spec(fullname, [STUB_DIR] if fullname == top else path)
            if spec is not None and isinstance(spec.loader, SourceFileLoader):
                spec.loader = _CachedLoader(fullname, spec.origin)
            return spec
        return None


class UserFinder:
    """First on sys.meta_path during a run: modelled modules, stubs, the project's modules."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        stdlib = top in sys.stdlib_module_names or top in sys.builtin_module_names
        if stdlib and stdlib_has(top):
            if fullname in processes.LAZY:
                return _patched_after(fullname)
            return _uncharged_stdlib(fullname, path)
        if explicitly_modelled(fullname):
            return model.spec_for(fullname)
        if top in STUBS:
            return StubFinder.find_spec(fullname, path, target)
        if stdlib:
            return None
        proj = project.current()
        if proj is not None:
            spec = proj.find_spec(fullname, path)
            if spec is not None:
                return spec
        if parent_of_modelled(fullname):
            return model.spec_for(fullname)
        if top in _SPECIAL:
            # Pyodide's own modules: its finders would find them, and a handler must not.
            raise ModuleNotFoundError(message(fullname), name=fullname)
        if top in KNOWN and state.current.models_everything:
            return model.spec_for(fullname)
        return None


class _PatchAfter:
    """The standard library's own loader, then processes.patch_on_import."""

    def __init__(self, loader, name):
        self.loader = loader
        self.name = name

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        processes.patch_on_import(self.name)


def _patched_after(fullname):
    spec = PathFinder.find_spec(fullname)
    if spec is not None and spec.loader is not None:
        spec.loader = _PatchAfter(spec.loader, fullname)
    return spec


class MissingFinder:
    """Last on sys.meta_path: nothing else found this module. With `*` it is modelled; otherwise
    the finders answer None, as CPython's do (so `importlib.util.find_spec(name) is None` checks
    work), and the ModuleNotFoundError an import then raises is reported with the hint
    (runtime_message, used by errors.error_info)."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if not state.current.models_everything or top in _SPECIAL:
            return None
        if "." in fullname and top not in STUBS and not _is_modelled_parent(top):
            return None
        return model.spec_for(fullname)


def runtime_message(name):
    """The message for a ModuleNotFoundError of `name` raised while the file ran, or None to keep
    Python's own (a module the simulator could provide, such as a missing stdlib submodule)."""
    run = state.current
    if run is None:
        return None
    text = unavailable(name, 0)
    if text is None:
        return None
    top = name.partition(".")[0]
    shown = getattr(text, "module", None) or (name if top in STUBS else top)
    return f"{shown} is not available in the simulator: {text}"


def _is_modelled_parent(top):
    module = sys.modules.get(top)
    return isinstance(module, model.ModelledModule)


def install(patches, star_names=()):
    saved_meta = list(sys.meta_path)
    sys.meta_path.insert(0, UserFinder)
    sys.meta_path.append(MissingFinder)
    model.ModelLoader.star_names = tuple(star_names)
    hidden = {}
    for name in list(sys.modules):
        if name.partition(".")[0] in HIDDEN:
            hidden[name] = sys.modules.pop(name)

    def restore():
        sys.meta_path[:] = saved_meta
        sys.modules.update(hidden)
        model.ModelLoader.star_names = ()

    patches.on_restore(restore)


def forget_stubs():
    """Stub modules are loaded fresh by each run, so no state (sessions, loggers) carries over."""
    for name in list(sys.modules):
        if name.partition(".")[0] in STUBS:
            del sys.modules[name]
