"""Running a Cog predictor the way Replicate runs it (cog 0.22, 6110c912; the replicate preset).

- Boot: the container imports the predictor's module (the run's init), makes the predictor and
  calls setup() once (weights=$COG_WEIGHTS when setup takes `weights`), before any prediction.
  All of it is under Replicate's boot budget, counted from the container's start: "model container
  failed to boot and complete setup within 600 seconds" past it. Inside the container Cog itself
  bounds setup() only when COG_SETUP_TIMEOUT is set (docs/environment.md; coglet orchestrator.rs
  fails it with "worker setup timed out" and the health check reports SETUP_FAILED).
- Which class: `Runner` when the module defines one, else `Predictor` (predictor.py
  load_predictor_from_ref), or the one the run's handler names (cog.yaml's `predict:
  "predict.py:Predictor"`, read from a handler's project when it has one).
- The prediction: run() (Cog 0.20+) or predict(), never both ("must define either run() or
  predict(), not both"), under the prediction limit (Replicate: "Predictions time out after
  running for 30 minutes"). The event is the input: {"input": {...}} as the API takes it, or the
  inputs themselves. Inputs are checked as _inspector.check_input does: unknown names are
  "WARNING unknown input field ignored: <name>", a missing one without default is "<name>: Field
  required", Input(default=...) fills the rest, ge/le/min_length/max_length/regex/choices give
  cog's messages. A URL given for a Path input is downloaded (on the simulated network) first.
- The output: what predict() returns; a generator (ConcatenateIterator) is iterated to the end, its
  items are the output; a Path is its path (Replicate would upload the file and answer its URL).
"""

import inspect
import os
import re
import sys
import typing
import urllib.parse

from _deadline import entry as _entry
from _deadline import state as _state

from .input import FieldInfo
from .types import File, Path, Secret

PLATFORMS = ("replicate",)
DEFAULT_NAMES = ("Runner", "Predictor")


def register(cls):
    run = _state.current
    if run is None or not _defined_in_user_file(run, cls):
        return
    name = cls.__name__
    _entry.register(name, cls, kind="cog-predictor", label=f"Cog predictor {name}", invoke=_invoke(cls),
                    platforms=PLATFORMS, matches=lambda run, n=name: n == _preferred(run))


def _defined_in_user_file(run, cls):
    if cls.__module__ == "cog" or cls.__module__.startswith("cog."):
        return False
    for value in vars(cls).values():
        code = getattr(value, "__code__", None) or getattr(getattr(value, "__func__", None), "__code__", None)
        if code is not None:
            return code.co_filename == run.filename
    return True


def _preferred(run):
    """cog.yaml's class when it names one, else Runner, else Predictor (cog's default order)."""
    names = [e.name for e in run.entries if e.kind == "cog-predictor"]
    configured = _cog_yaml(run).get("class")
    if configured in names:
        return configured
    for name in DEFAULT_NAMES:
        if name in names:
            return name
    return None


# ---- cog.yaml (bonus: a handler's project only) ------------------------------------------------


def _cog_yaml(run):
    cached = getattr(run, "_cog_yaml", None)
    if cached is not None:
        return cached
    found = {}
    project = run.project
    if project is not None:
        try:
            text = project.read(os.path.join(project.root, "cog.yaml"))
        except ImportError:
            text = None
        if text:
            found = _read_cog_yaml(text)
    run._cog_yaml = found
    return found


def _read_cog_yaml(text):
    """The two keys the run needs, read line by line (the sandbox has no YAML parser): `predict:
    "file.py:Class"` and the `environment:` list of KEY=VALUE."""
    found = {"environment": {}}
    in_environment = False
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip()
        if not line.strip():
            continue
        top = not raw[:1].isspace()
        if top:
            in_environment = line.startswith("environment:")
            match = re.match(r"""predict:\s*["']?([^"']+?)["']?\s*$""", line)
            if match and ":" in match.group(1):
                found["class"] = match.group(1).rpartition(":")[2]
            continue
        item = re.match(r"""\s*-\s*["']?([A-Za-z_][A-Za-z0-9_]*)=(.*?)["']?\s*$""", line)
        if in_environment and item:
            found["environment"][item.group(1)] = item.group(2)
    return found


# ---- the run -------------------------------------------------------------------------------------


def _setup_timeout(run):
    """COG_SETUP_TIMEOUT in seconds, or None (unset, 0 or invalid: cog then applies none)."""
    text = os.environ.get("COG_SETUP_TIMEOUT")
    if text is None:
        return None
    try:
        seconds = int(text)
    except ValueError:
        _entry.note(run, "entry", f"COG_SETUP_TIMEOUT={text!r} is not a whole number of seconds: cog ignores it (no setup timeout)")
        return None
    return seconds if seconds > 0 else None


def _apply_cog_yaml_environment(run):
    for key, value in _cog_yaml(run).get("environment", {}).items():
        # Baked into the image by cog build; the run's own environment wins.
        os.environ.setdefault(key, value)


def _invoke(cls):
    def invoke(run):
        name = cls.__name__
        _apply_cog_yaml_environment(run)
        if not getattr(run, "handler_name", None) and name not in DEFAULT_NAMES and _cog_yaml(run).get("class") != name:
            module = os.path.splitext(os.path.basename(run.filename))[0]
            run.error = {"type": "AttributeError", "line": None, "message": (
                f"module {module!r} has no Runner or Predictor: Cog loads the class cog.yaml names "
                f"(predict: \"{module}.py:{name}\"); pass --handler {name} to run it"
            )}
            return
        runs, predicts = _owner(cls, "run"), _owner(cls, "predict")
        if runs and predicts:
            run.error = {"type": "ValueError", "line": None, "message": f"{name} must define either run() or predict(), not both"}
            return
        if not runs and not predicts:
            run.error = {"type": "ValueError", "line": None, "message": f"run or predict method not found: {name}"}
            return
        method = "run" if runs else "predict"
        predictor = _boot(run, cls)
        if predictor is None:
            return
        function = getattr(predictor, method)
        try:
            inputs = _inputs(run, function)
        except ValueError as error:
            # The prediction fails before predict() runs, with cog's own words.
            run.error = {"type": "ValueError", "line": None, "message": str(error)}
            run.outcome = {"status": "failed", "error": str(error)}
            return

        def predict():
            kwargs = {key: _download(run, value) for key, value in inputs.items()}
            return _collect(function(**kwargs))

        ok, value = _entry.call(run, f"Cog {method}(): {name} (prediction {run.request_id})", predict)
        if ok:
            run.outcome = {"status": "succeeded", "output": _entry.json_result(_output(value))}
        elif isinstance(value, BaseException):
            run.outcome = {"status": "failed", "error": str(value)}

    return invoke


def _owner(cls, name):
    from .predictor import _owner as owner

    return owner(cls, name)


def _boot(run, cls):
    """The predictor, made and set up during boot; None when boot failed or ran out of time."""
    try:
        predictor = cls()
    except (_state.SimulatorStop, _state.WorkerExit, _state.ProcessKilled):
        _boot_timed_out(run, None)
        return None
    except BaseException as error:
        run.error = _entry.error_info(run, error)
        run.exception = error
        return None
    limit = _setup_timeout(run)
    started = run.now()
    saved = run.wall_limit
    own_at = started + limit if limit is not None else None
    if own_at is not None and own_at < run.wall_limit:
        run.wall_limit = own_at
    args = {}
    try:
        if "weights" in inspect.signature(predictor.setup).parameters:
            args["weights"] = os.environ.get("COG_WEIGHTS")
    except (TypeError, ValueError):
        pass
    try:
        _entry.drive(predictor.setup(**args))
    except (_state.SimulatorStop, _state.WorkerExit, _state.ProcessKilled):
        _boot_timed_out(run, (limit, started, own_at))
        return None
    except BaseException as error:
        run.error = _entry.error_info(run, error)
        run.exception = error
        _entry.note(run, "entry", (
            "setup() raised: Cog reports the setup as failed (its /health-check says SETUP_FAILED) and Replicate "
            "fails the prediction without running it"
        ))
        return None
    finally:
        if run.stop is None:
            run.wall_limit = saved
    return predictor


def _boot_timed_out(run, cog_limit):
    stop = run.stop
    if stop is None or stop["kind"] != "init-limit":
        return
    run.platform_detail["limit"] = "startup"
    if cog_limit is not None and cog_limit[2] is not None and stop["at"] >= cog_limit[2] - 1e-6 and (run.init_timeout is None or cog_limit[2] < run.init_timeout):
        # COG_SETUP_TIMEOUT came first: Cog's own limit on setup(), from its start.
        seconds, started, _ = cog_limit
        run.timeout = float(seconds)
        run.base = started
        run.platform_detail["limitText"] = f"COG_SETUP_TIMEOUT={seconds}"
        _entry.note(run, "entry", (
            f"setup() was still running after COG_SETUP_TIMEOUT={seconds} s: Cog fails the setup (\"worker setup timed out\", "
            "/health-check SETUP_FAILED) and the instance takes no prediction"
        ))
        return
    run.timeout = float(run.init_timeout)
    run.base = 0.0
    _entry.note(run, "entry", (
        f"the container was still booting (importing the module, then setup()) {run.init_timeout:g} s after it started: "
        "Replicate fails the instance and the prediction with it; Cog applies no setup limit of its own unless "
        "COG_SETUP_TIMEOUT is set, which is why the same image boots with docker run"
    ))


# ---- inputs --------------------------------------------------------------------------------------


def _event_inputs(run):
    event = run.event
    if isinstance(event, dict) and "input" in event and isinstance(event["input"], dict) and set(event) <= {
            "input", "version", "webhook", "webhook_events_filter", "stream"}:
        _entry.note(run, "event", "the event has the predictions API's shape ({\"input\": ...}), so its input was used as the predictor's inputs")
        return dict(event["input"])
    if isinstance(event, dict):
        return dict(event)
    if event in (None, ""):
        return {}
    raise ValueError(f"the inputs must be a JSON object of input names to values, got {type(event).__name__}")


def _inputs(run, function):
    values = _event_inputs(run)
    signature = inspect.signature(function)
    try:
        hints = typing.get_type_hints(function)
    except Exception:
        hints = {}
    params = {n: p for n, p in signature.parameters.items() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    kwargs = {}
    for name, value in values.items():
        if name not in params:
            print(f"WARNING unknown input field ignored: {name}")
            continue
        kwargs[name] = _normalize(name, value, hints.get(name))
    for name, param in params.items():
        info = param.default if isinstance(param.default, FieldInfo) else None
        optional = _is_optional(hints.get(name))
        if name not in kwargs:
            default = info.default if info is not None else (None if param.default is param.empty else param.default)
            if default is None and not optional:
                raise ValueError(f"{name}: Field required")
            kwargs[name] = default
        if info is not None:
            _constraints(name, kwargs[name], info)
    return kwargs


def _is_optional(tp):
    return typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)) and type(None) in typing.get_args(tp)


def _normalize(name, value, tp):
    if tp is None or value is None:
        return value
    origin = typing.get_origin(tp)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        inner = [t for t in typing.get_args(tp) if t is not type(None)]
        return _normalize(name, value, inner[0]) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp) or (None,)
        items = value if isinstance(value, list) else [value]
        return [_normalize(name, v, item) for v in items]
    try:
        if tp is bool:
            if isinstance(value, bool):
                return value
        elif tp is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, float) and value.is_integer():
                return int(value)
        elif tp is float:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
        elif tp is str:
            if isinstance(value, str):
                return value
        elif isinstance(tp, type) and issubclass(tp, Secret):
            return value if isinstance(value, Secret) else Secret(str(value))
        elif isinstance(tp, type) and issubclass(tp, (Path, File)):
            if isinstance(value, str):
                return _Pending(value, tp)
        else:
            return value
    except TypeError:
        return value
    # cog's message for a value its type cannot take (check_input reformats normalize errors).
    raise ValueError(f"{name}: Invalid value for type {getattr(tp, '__name__', tp)}")


def _number(limit):
    return int(limit) if limit == int(limit) else limit


def _constraints(name, value, info):
    values = [] if value is None else (value if isinstance(value, list) else [value])
    if info.ge is not None and not all(v >= info.ge for v in values):
        raise ValueError(f"{name} fails constraint >= {_number(info.ge)}")
    if info.le is not None and not all(v <= info.le for v in values):
        raise ValueError(f"{name} fails constraint <= {_number(info.le)}")
    if info.min_length is not None and not all(len(v) >= info.min_length for v in values):
        raise ValueError(f"{name} fails constraint len() >= {info.min_length}")
    if info.max_length is not None and not all(len(v) <= info.max_length for v in values):
        raise ValueError(f"{name} fails constraint len() <= {info.max_length}")
    if info.regex is not None and not all(re.compile(info.regex).match(v) is not None for v in values):
        raise ValueError(f"{name} does not match regex {info.regex!r}")
    if info.choices is not None and not all(v in info.choices for v in values):
        raise ValueError(f"{name} does not match choices {info.choices!r}")


class _Pending:
    """A Path / File input still to be fetched: a URL is downloaded when the prediction starts."""

    def __init__(self, value, kind):
        self.value = value
        self.kind = kind


def _download(run, value):
    if isinstance(value, list):
        return [_download(run, v) for v in value]
    if not isinstance(value, _Pending):
        return value
    parsed = urllib.parse.urlparse(value.value)
    if parsed.scheme in ("http", "https"):
        import tempfile
        from urllib.request import urlopen

        filename = os.path.basename(urllib.parse.unquote_plus(parsed.path)) or "input"
        folder = tempfile.mkdtemp(prefix="cog-input-")
        target = os.path.join(folder, filename)
        with urlopen(value.value) as response, open(target, "wb") as out:
            out.write(response.read())
        path = Path(target)
    else:
        path = Path(value.value)
    return open(os.fspath(path), "rb") if value.kind is File else path


# ---- output --------------------------------------------------------------------------------------


def _collect(value):
    if inspect.isgenerator(value):
        return [item for item in value]
    if inspect.isasyncgen(value):
        async def drain():
            return [item async for item in value]

        return _entry.drive(drain())
    return _entry.drive(value)


def _output(value):
    import pathlib

    if isinstance(value, pathlib.PurePath):
        run = _state.current
        if run is not None and not getattr(run, "_cog_path_noted", False):
            run._cog_path_noted = True
            _entry.note(run, "entry", "the output is a file: Replicate uploads it and answers its URL; the result shows its path")
        return os.fspath(value)
    if isinstance(value, (list, tuple)):
        return [_output(v) for v in value]
    if isinstance(value, dict):
        return {k: _output(v) for k, v in value.items()}
    return value


__all__ = ["register"]
