"""Simulator stub of the Modal client 1.5.4 (modal-labs/modal-client tag py/v1.5.4, a8fee725):
App (and the old Stub), Image and the other named objects as inert builders, @app.function /
@app.cls / @app.local_entrypoint with the decorators that mark methods, and functions run as
Modal runs an input (see app.py): the function's timeout= is the deadline, @modal.enter is
container startup, .remote() / .spawn() / .map() run in other containers. See ../RUNTIMES.md."""

from _deadline import entry as _entry
from _deadline import state as _state

from . import exception, gpu
from .app import App, Cls, Function, FunctionCall, is_local
from .image import Image
from .partial_function import (
    asgi_app,
    batched,
    build,
    concurrent,
    enter,
    exit,
    fastapi_endpoint,
    method,
    parameter,
    web_endpoint,
    web_server,
    wsgi_app,
)
from .resources import (
    CloudBucketMount,
    Cron,
    Dict,
    Mount,
    NetworkFileSystem,
    Period,
    Proxy,
    Queue,
    Retries,
    SchedulerPlacement,
    Secret,
    Volume,
)

__version__ = "1.5.4"


class Stub(App):
    """modal.Stub: what modal.App was called before 0.64; modal 1.5.4 raises AttributeError for it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        run = _state.current
        if run is not None:
            _entry.note(run, "entry", (
                "modal.Stub is the name older modal clients had for modal.App (modal 1.5.4 says \"Module 'modal' has "
                "no attribute 'Stub'. Use `modal.App` instead.\"): it runs here as modal.App"
            ))


def current_input_id():
    run = _state.current
    return run.request_id if run is not None else None


def current_function_call_id():
    run = _state.current
    return f"fc-{run.request_id}" if run is not None else None


def interact():
    pass


def enable_output(show_progress=True):
    import contextlib

    return contextlib.nullcontext()


def forward(port, *, unencrypted=False, client=None):
    import contextlib

    return contextlib.nullcontext()


class Client:
    @staticmethod
    def from_env():
        return Client()


__all__ = [
    "App", "Client", "CloudBucketMount", "Cls", "Cron", "Dict", "Function", "FunctionCall", "Image", "Mount",
    "NetworkFileSystem", "Period", "Proxy", "Queue", "Retries", "SchedulerPlacement", "Secret", "Stub", "Volume",
    "asgi_app", "batched", "build", "concurrent", "current_function_call_id", "current_input_id", "enable_output",
    "enter", "exception", "exit", "fastapi_endpoint", "forward", "gpu", "interact", "is_local", "method", "parameter",
    "web_endpoint", "web_server", "wsgi_app",
]
