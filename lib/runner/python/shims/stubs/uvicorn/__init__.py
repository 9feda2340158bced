"""Simulator stub of uvicorn 0.35.0 (encode/uvicorn tag 0.35.0, daecb453): uvicorn.run() serves
until the process is stopped, so module code after it never runs; the simulator serves the app it
names (an app object or "module:attribute") as the entry, one request through its ASGI server
(_deadline/asgi.py). uvicorn has no request timeout of its own: the platform's limit applies."""

import importlib
import sys

from _deadline import asgi as _asgi
from _deadline import state as _state

__version__ = "0.35.0"


class Config:
    def __init__(self, app, host="127.0.0.1", port=8000, **kwargs):
        self.app = app
        self.host = host
        self.port = port
        self.kwargs = kwargs


class Server:
    def __init__(self, config):
        self.config = config
        self.should_exit = False
        self.started = False

    def run(self, sockets=None):
        _serve(self.config.app, sys._getframe(1))

    async def serve(self, sockets=None):
        _serve(self.config.app, sys._getframe(1))


def _resolve(app, frame):
    if not isinstance(app, str):
        return app
    module_name, _, attribute = app.partition(":")
    if not attribute:
        raise ValueError(f'Import string "{app}" must be in format "<module>:<attribute>".')
    run = _state.current
    stem = run.filename.rsplit("/", 1)[-1].rsplit(".", 1)[0] if run is not None else None
    # The user's own file is running as __main__; uvicorn would import it again by its name.
    scope = None
    while frame is not None:
        if run is not None and frame.f_code.co_filename == run.filename:
            scope = frame.f_globals
            break
        frame = frame.f_back
    if scope is not None and module_name.split(".")[-1] in (stem, scope.get("__name__")):
        target = scope
    else:
        target = vars(importlib.import_module(module_name))
    value = target
    for part in attribute.split("."):
        if part not in value if isinstance(value, dict) else not hasattr(value, part):
            raise AttributeError(f'Attribute "{attribute}" not found in module "{module_name}".')
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


def _serve(app, frame):
    app = _resolve(app, frame)
    if not _asgi.registered(app):
        _asgi.register(app, "ASGI app")
    raise _state.WorkerExit()


def run(app, *, host="127.0.0.1", port=8000, factory=False, **kwargs):
    app = _resolve(app, sys._getframe(1))
    if factory:
        app = app()
    _serve(app, sys._getframe(1))


def main():
    raise _state.WorkerExit()
