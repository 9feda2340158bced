"""@modal.method, @modal.enter, @modal.exit, the web decorators, @modal.batched and @modal.concurrent
(modal-client 1.5.4, py/modal/_partial_function.py): they mark a function for @app.function /
@app.cls, which read the marks. @modal.web_endpoint (renamed fastapi_endpoint, an error in 1.5.4)
and @modal.build (removed in 1.0) are accepted as the older clients had them, with a note."""

from _deadline import entry as _entry
from _deadline import state as _state

METHOD = "method"
ENTER = "enter"
EXIT = "exit"
BUILD = "build"
WEB = "web"


class _PartialFunction:
    def __init__(self, fn, flag, params=None):
        if isinstance(fn, _PartialFunction):
            self.raw_f = fn.raw_f
            self.flags = set(fn.flags)
            self.params = dict(fn.params)
        else:
            self.raw_f = fn
            self.flags = set()
            self.params = {}
        self.flags.add(flag)
        self.params.update(params or {})
        self.__name__ = getattr(self.raw_f, "__name__", "function")
        self.__qualname__ = getattr(self.raw_f, "__qualname__", self.__name__)
        self.__doc__ = getattr(self.raw_f, "__doc__", None)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return self.raw_f.__get__(obj, objtype)

    def __call__(self, *args, **kwargs):
        return self.raw_f(*args, **kwargs)

    def __repr__(self):
        return f"<modal partial function {self.__name__} {sorted(self.flags)}>"


def _mark(flag, params=None, old=None):
    def decorator(fn):
        if old:
            _note_old(old)
        return _PartialFunction(fn, flag, params)

    return decorator


def _note_old(text):
    run = _state.current
    if run is None:
        return
    seen = getattr(run, "_modal_old_noted", set())
    if text in seen:
        return
    seen.add(text)
    run._modal_old_noted = seen
    _entry.note(run, "entry", text)


def method(_warn_parentheses_missing=None, *, is_generator=None):
    if callable(_warn_parentheses_missing):
        return _PartialFunction(_warn_parentheses_missing, METHOD)
    return _mark(METHOD, {"is_generator": is_generator})


def enter(_warn_parentheses_missing=None, *, snap=False):
    if callable(_warn_parentheses_missing):
        return _PartialFunction(_warn_parentheses_missing, ENTER)
    return _mark(ENTER, {"snap": snap})


def exit(_warn_parentheses_missing=None):
    if callable(_warn_parentheses_missing):
        return _PartialFunction(_warn_parentheses_missing, EXIT)
    return _mark(EXIT)


def build(_warn_parentheses_missing=None, *, force=False, timeout=86400):
    old = "@modal.build ran at image build time in modal < 1.0 (removed in 1.0): it is not run here"
    if callable(_warn_parentheses_missing):
        _note_old(old)
        return _PartialFunction(_warn_parentheses_missing, BUILD)
    return _mark(BUILD, {}, old)


def fastapi_endpoint(_warn_parentheses_missing=None, *, method="GET", label=None, custom_domains=None, docs=False,
                     requires_proxy_auth=False):
    return _mark(WEB, {"web": "fastapi", "method": method, "label": label})


def web_endpoint(_warn_parentheses_missing=None, *, method="GET", label=None, custom_domains=None, docs=False,
                 requires_proxy_auth=False, wait_for_response=True):
    return _mark(WEB, {"web": "fastapi", "method": method, "label": label},
                 "@modal.web_endpoint is the name older modal clients used; it was renamed @modal.fastapi_endpoint, "
                 "and modal 1.5.4 raises a DeprecationError for the old name: it runs here as fastapi_endpoint")


def asgi_app(_warn_parentheses_missing=None, *, label=None, custom_domains=None, requires_proxy_auth=False):
    return _mark(WEB, {"web": "asgi", "label": label})


def wsgi_app(_warn_parentheses_missing=None, *, label=None, custom_domains=None, requires_proxy_auth=False):
    return _mark(WEB, {"web": "wsgi", "label": label})


def web_server(port, *, startup_timeout=5.0, label=None, custom_domains=None, requires_proxy_auth=False):
    from .exception import InvalidError

    if startup_timeout <= 0:
        raise InvalidError("The `startup_timeout` argument of `@web_server` must be positive.")
    return _mark(WEB, {"web": "server", "port": port, "label": label})


def batched(_warn_parentheses_missing=None, *, max_batch_size, wait_ms):
    return _mark("batched", {"max_batch_size": max_batch_size, "wait_ms": wait_ms})


def concurrent(_warn_parentheses_missing=None, *, max_inputs, target_inputs=None):
    return _mark("concurrent", {"max_inputs": max_inputs, "target_inputs": target_inputs})


class _Parameter:
    def __init__(self, default=None, init=True):
        self.default = default

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, self.default)

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value


def parameter(*, default=None, init=True):
    return _Parameter(default, init)
