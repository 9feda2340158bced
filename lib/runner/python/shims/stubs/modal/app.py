"""modal.App and the functions it defines, run the way a Modal container runs an input
(modal-client 1.5.4, py/modal/app.py; modal.com/docs/guide/timeouts).

- Which one runs: `request.handler` ("generate", "Model.inference"), else the local entrypoint,
  else the only function.
- A function's limit is its own `timeout=` (Modal accepts 1 s to 24 h), as deployed: it wins over
  the run's timeout, which only stands in for Modal's default (300 s) on functions that set none
  (noted when the two differ). A web endpoint's caller is answered within 150 s (then
  redirected), so that is its deadline when shorter. The execution timeout does not include
  container startup.
- Container startup (the module's imports, then @modal.enter methods of a class) has its own
  budget: startup_timeout, falling back to timeout when unset (client 1.1.4+: app.py passes
  `startup_timeout or timeout`). Past it the run is a timeout with Modal's runner text.
- f.remote() runs f in another container under f's own timeout: past it the caller gets
  FunctionTimeoutError ("Task's current input <id> hit its timeout of <N>s"). Cls().method.remote()
  first starts the class's container (its @modal.enter, under startup_timeout) unless one is warm.
  .spawn() and .map() run inputs in parallel containers (overlapping on the virtual clock);
  .local() calls here. The local entrypoint runs on the user's machine, with no limit of its own.
"""

import inspect

from _deadline import entry as _entry
from _deadline import http_event as _http_event
from _deadline import state as _state

from . import partial_function as _pf
from .cls import Cls
from .exception import FunctionTimeoutError, InvalidError
from .functions import Function, FunctionCall, _apply_secrets, _note_secrets  # noqa: F401

DEFAULT_TIMEOUT = 300
MIN_TIMEOUT, MAX_TIMEOUT = 1, 24 * 60 * 60
WEB_ENDPOINT_LIMIT = 150
PLATFORMS = ("modal",)


def _check_timeout(value, what="timeout"):
    if value is None:
        # The client's own check (py/modal/_functions.py).
        raise InvalidError("The `timeout` parameter cannot be set to None: https://modal.com/docs/guide/timeouts")
    if not (MIN_TIMEOUT <= value <= MAX_TIMEOUT):
        # The client sends it as is; Modal's server refuses the deploy (the wording is ours).
        raise InvalidError(
            f"{what}={value!r} is outside what Modal accepts (1 second to 24 hours, 86400 s): the deploy is rejected. "
            "See https://modal.com/docs/guide/timeouts"
        )


def _options(kwargs):
    timeout = kwargs.get("timeout", DEFAULT_TIMEOUT)
    _check_timeout(timeout)
    startup = kwargs.get("startup_timeout")
    if startup is not None:
        _check_timeout(startup, "startup_timeout")
    secrets = list(kwargs.get("secrets") or [])
    if kwargs.get("secret") is not None:
        secrets.append(kwargs["secret"])
    # Whether the code set each limit: a run's timeout stands in only for what it left unset.
    return {"timeout": timeout, "startup_timeout": startup or timeout, "secrets": secrets, "raw": kwargs,
            "timeout_set": "timeout" in kwargs, "startup_set": startup is not None}


def effective_timeout(run, fn_obj):
    """The input limit a deployed Function has: its own timeout=, else the run's, else 300 s."""
    options = fn_obj.options
    # The run's own timeout (the local entrypoint sets run.timeout aside while it runs).
    given = getattr(run, "_modal_given", run.timeout if run is not None else None)
    if options.get("timeout_set"):
        own = float(options["timeout"])
        if run is not None and run.timeout_given and given != _state.INF and float(given) != own:
            noted = getattr(run, "_modal_noted", None)
            if noted is None:
                noted = run._modal_noted = set()
            if fn_obj.tag not in noted:
                noted.add(fn_obj.tag)
                _entry.note(run, "plan", (
                    f"{fn_obj.tag} sets timeout={options['timeout']:g} in its decorator, which is what Modal enforces: it "
                    f"wins over the run's {given:g} s (that stands in for Modal's default of {DEFAULT_TIMEOUT} s on "
                    "functions that set none)"
                ))
        return own
    if run is not None and run.timeout_given and given != _state.INF:
        return float(given)
    return float(DEFAULT_TIMEOUT)


def effective_startup(run, fn_obj):
    options = fn_obj.options
    if options.get("startup_set"):
        return float(options["startup_timeout"])
    return effective_timeout(run, fn_obj)


# ---- the app ---------------------------------------------------------------------------------


class App:
    def __init__(self, name=None, *, image=None, secrets=(), volumes=None, include_source=None, mounts=()):
        self.name = name
        self.image = image
        self.default_secrets = list(secrets or ())
        self.registered_functions = {}
        self.registered_classes = {}
        self._local_entrypoints = {}

    @property
    def description(self):
        return self.name

    def function(self, _warn_parentheses_missing=None, **kwargs):
        options = _options(kwargs)

        def decorator(f):
            web, raw, params = None, f, {}
            if isinstance(f, _pf._PartialFunction):
                web = f.params.get("web") if _pf.WEB in f.flags else None
                raw, params = f.raw_f, f.params
            tag = getattr(raw, "__qualname__", getattr(raw, "__name__", "function"))
            fn = Function(self, raw, options, tag, web, web_params=params)
            self.registered_functions[tag] = fn
            kind = "modal-web-endpoint" if web else "modal-function"
            _entry.register(tag, fn, kind=kind, label=f"Modal function {tag}", line=_line_of(raw),
                            invoke=_function_invoke(fn), platforms=PLATFORMS)
            return fn

        if callable(_warn_parentheses_missing):
            return decorator(_warn_parentheses_missing)
        return decorator

    def cls(self, _warn_parentheses_missing=None, **kwargs):
        options = _options(kwargs)

        def decorator(user_cls):
            cls = Cls(self, user_cls, options)
            self.registered_classes[user_cls.__name__] = cls
            for name, fn in cls.methods.items():
                kind = "modal-web-endpoint" if fn.web else "modal-method"
                _entry.register(fn.tag, fn, kind=kind, label=f"Modal method {fn.tag}", line=_line_of(fn.raw),
                                invoke=_function_invoke(fn), platforms=PLATFORMS)
            return cls

        if callable(_warn_parentheses_missing):
            return decorator(_warn_parentheses_missing)
        return decorator

    def local_entrypoint(self, _warn_parentheses_missing=None, *, name=None):
        def decorator(f):
            tag = name or f.__name__
            self._local_entrypoints[tag] = f
            # `modal run file.py` runs the local entrypoint when the file has one.
            _entry.register(tag, f, kind="modal-local-entrypoint", label=f"local entrypoint {tag}", line=_line_of(f),
                            invoke=_local_invoke(self, f, tag), platforms=PLATFORMS, matches=lambda run: True)
            return f

        if callable(_warn_parentheses_missing):
            return decorator(_warn_parentheses_missing)
        return decorator

    def run(self, *, client=None, detach=False, interactive=False, environment_name=None):
        import contextlib

        return contextlib.nullcontext(self)

    def deploy(self, *args, **kwargs):
        return self

    def include(self, other_app, inherit_tags=True):
        self.registered_functions.update(other_app.registered_functions)
        self.registered_classes.update(other_app.registered_classes)
        return self

    @staticmethod
    def lookup(name, *, client=None, environment_name=None, create_if_missing=False):
        return App(name)

    def __repr__(self):
        return f"<modal.App {self.name!r}>"


def _line_of(fn):
    code = getattr(fn, "__code__", None)
    return code.co_firstlineno if code is not None else None


# ---- invoking the chosen one -----------------------------------------------------------------


def _call_args(run, fn):
    event = run.event
    if isinstance(event, dict) and event and set(event) <= {"args", "kwargs"}:
        return list(event.get("args") or []), dict(event.get("kwargs") or {})
    if isinstance(event, list):
        return list(event), {}
    try:
        params = [p for p in inspect.signature(fn).parameters.values() if p.name != "self"]
    except (TypeError, ValueError):
        params = []
    names = {p.name for p in params}
    takes_kwargs = any(p.kind == p.VAR_KEYWORD for p in params)
    if isinstance(event, dict):
        if not event:
            return [], {}
        if takes_kwargs or set(event) <= names:
            return [], dict(event)
    if params:
        return [event], {}
    return [], {}


def _deadline_for(run, fn):
    timeout = effective_timeout(run, fn)
    if fn.web:
        return min(timeout, float(WEB_ENDPOINT_LIMIT))
    return timeout


def _startup(run, fn):
    """Container startup for the function the run calls: a class's @modal.enter methods, under
    startup_timeout from the start of the container (imports included). Returns False when it
    failed (a startup timeout stops the run; an exception is its error)."""
    if fn._cls is None:
        return True
    try:
        container_startup(run, fn, 0.0)
    except (_state.SimulatorStop, _state.WorkerExit, _state.ProcessKilled):
        return False
    except BaseException as error:
        run.error = _entry.error_info(run, error)
        run.exception = error
        return False
    return True


def container_startup(run, fn_obj, started_at):
    """Starts fn_obj's class container, unless one is warm: its @modal.enter methods, under the
    effective startup_timeout counted from `started_at`. Past it the run stops there as a startup
    timeout: the container never takes the input (Modal: "Runner has been initializing for too
    long"), and nothing after it runs."""
    cls = fn_obj._cls
    if cls is None or cls._entered:
        return
    limit = effective_startup(run, fn_obj)
    at = started_at + limit
    saved = (run.wall_limit, run.deadline_at)
    nested = at < run.wall_limit and not run.thread_depth
    if nested:
        run.wall_limit = at
        run.deadline_at = at
    span = run.add_span({"kind": "timer", "start": run.now(), "end": None, "line": None,
                         "label": f"Modal container startup: {cls.__name__} (@modal.enter, startup_timeout {limit:g} s)"})
    try:
        cls._instance(**getattr(fn_obj, "_params", {}))
    except _state.SimulatorStop:
        stop = run.stop
        if nested and stop is not None and stop["kind"] in ("deadline", "init-limit") and stop["at"] >= at - 1e-6:
            # The run's verdict is this container's: a startup timeout, on its own clock.
            run.timeout = limit
            run.base = started_at
            run.deadline_at = at
            run.platform_detail["limit"] = "startup"
            run.platform_detail["entryName"] = cls.__name__
            _entry.note(run, "entry", (
                f"{cls.__name__}'s container was still starting (its @modal.enter) after startup_timeout={limit:g} s"
                f"{'' if fn_obj.options.get('startup_set') else ' (not set, so it is the timeout)'}: Modal fails the container and "
                "starts another, and the input never runs (set startup_timeout= on @app.cls to give startup longer)"
            ))
        raise
    finally:
        span["end"] = run.now()
        if run.stop is None:
            run.wall_limit, run.deadline_at = saved


def _timed_out(run, value):
    """An input's FunctionTimeoutError that reached the top: the run timed out where the callee was."""
    stop, limit, start = value._deadline_stop
    run.stop = stop
    run.timeout = limit
    run.base = start
    run.error = None
    run.exception = None


def _function_invoke(fn):
    def invoke(run):
        own = effective_timeout(run, fn)
        run.timeout = _deadline_for(run, fn)
        if fn.web and own > WEB_ENDPOINT_LIMIT:
            _entry.note(run, "plan", (
                f"{fn.tag} is a web endpoint: its caller is answered within {WEB_ENDPOINT_LIMIT} s (then redirected to a "
                f"result URL while the function runs on, up to its timeout of {own:g} s); the run ends at "
                f"{WEB_ENDPOINT_LIMIT} s"
            ))
        if not _startup(run, fn):
            return
        placeholders = _apply_secrets(fn)
        if placeholders:
            _note_secrets(run, placeholders)
        target = fn._target()
        if fn.web in ("asgi", "wsgi") or (fn.web == "fastapi" and _http_event.looks_like_http(run.event)):
            _serve_web(run, fn, target)
            return
        args, kwargs = _call_args(run, target)
        label = f"Modal {'method' if fn._cls else 'function'} {fn.tag} (input {run.request_id})"
        ok, value = _entry.call(run, label, lambda: _entry.drive(target(*args, **kwargs)))
        if not ok:
            if isinstance(value, FunctionTimeoutError) and hasattr(value, "_deadline_stop"):
                _timed_out(run, value)
            return
        run.outcome = _shape(value)

    return invoke


def _serve_web(run, fn, target):
    from _deadline import asgi, wsgi

    if fn.web in ("asgi", "wsgi"):
        # The function returns the app; Modal serves it.
        try:
            app = _entry.drive(target())
        except BaseException as error:
            run.error = _entry.error_info(run, error)
            run.exception = error
            return
        invoke = (asgi.Invoke if fn.web == "asgi" else wsgi.Invoke)(app, f"Modal {fn.web} app")
    else:
        from fastapi import FastAPI

        class _EndpointApp(FastAPI):
            _deadline_internal = True

        # fastapi_endpoint serves the function as the one route of a FastAPI app, with its method.
        app = _EndpointApp()
        app.add_api_route("/", target, methods=[str(fn.web_params.get("method") or "GET").upper()])
        invoke = asgi.Invoke(app, "Modal fastapi_endpoint")
    invoke(run)


def _shape(value):
    try:
        from starlette.responses import Response

        if isinstance(value, Response):
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in value.raw_headers}
            text, is_base64 = _http_event.decode_body(value.body or b"")
            out = {"status": value.status_code, "headers": headers, "body": text}
            if is_base64:
                out["isBase64Encoded"] = True
            return out
    except ImportError:
        pass
    try:
        return _entry.json_result(value)
    except (TypeError, ValueError):
        return repr(value)


def _local_invoke(app, f, tag):
    def invoke(run):
        # The local entrypoint runs on the user's machine: no limit of its own; the functions it
        # calls with .remote() run under theirs (the run's timeout is only their fallback).
        fallback = run._modal_given = run.timeout
        run.timeout = _state.INF
        run.overrun_ok = True
        run._modal_called = []
        args, kwargs = _call_args(run, f)
        ok, value = _entry.call(run, f"modal run: local entrypoint {tag}", lambda: _entry.drive(f(*args, **kwargs)))
        if run.timeout == _state.INF:
            run.timeout = float(fallback) if run.timeout_given and fallback != _state.INF else float(DEFAULT_TIMEOUT)
            done = [c for c in run._modal_called if c[3] is not None]
            if ok and done:
                # What the run reports is Modal's clock: the longest input that completed, on its
                # own function's limit, container startup not included; the entrypoint's whole
                # time is in the note and on the timeline.
                longest, limit, started, ended = max(done, key=lambda c: c[3] - c[2])
                run.timeout = float(limit)
                run.base = run.handler_end - (ended - started)
                _entry.note(run, "entry", (
                    f"the local entrypoint ran {run.handler_end - run.handler_start:.1f} s in all; its longest input, "
                    f"{longest}, ran {ended - started:.1f} s of its {limit:g} s timeout (container startup is not part of it)"
                ))
        if not ok:
            if isinstance(value, FunctionTimeoutError) and hasattr(value, "_deadline_stop"):
                _timed_out(run, value)
            return
        run.outcome = _shape(value)

    return invoke


def is_local():
    return False


__all__ = ["App", "Cls", "Function", "FunctionCall", "is_local"]
