"""Simulator stub of Google's Functions Framework for Python 3.10.2
(GoogleCloudPlatform/functions-framework-python tag v3.10.2, d13d9aa4).

@functions_framework.http registers an HTTP function: the framework serves it from a Flask app
on every path ("/" and "/<path:path>", /robots.txt and /favicon.ico answer 404), calls it with
flask.request and turns its return value into a response as Flask does; an exception is logged
"Exception on <path> [<method>]" and answered by crash_handler: the error's text, 500, with
"X-Google-Status: crash". @functions_framework.cloud_event registers a CloudEvent function: it is
called with a cloudevents CloudEvent built from the request (structured or binary mode) and the
framework answers "OK". Which function runs is the deploy's --entry-point (FUNCTION_TARGET):
`request.handler`, or the only one registered.
"""

import functools

from _deadline import entry as _entry
from _deadline import http_event as _http_event
from _deadline import state as _state

__version__ = "3.10.2"

PLATFORMS = ("gcp-functions", "cloud-run")
_FUNCTION_STATUS_HEADER_FIELD = "X-Google-Status"
_CRASH = "crash"


def _flask():
    import flask

    class _FrameworkApp(flask.Flask):
        _deadline_internal = True

    return flask, _FrameworkApp


def _serve_http(function, event):
    flask, App = _flask()
    from werkzeug.routing import Rule

    from _deadline import wsgi

    app = App(function.__name__, static_folder=None)

    def crash_handler(e):
        return str(e), 500, {_FUNCTION_STATUS_HEADER_FIELD: _CRASH}

    app.register_error_handler(500, crash_handler)
    for handler_key, handler in _error_handlers.items():
        app.register_error_handler(handler_key, handler)
    app.url_map.add(Rule("/", defaults={"path": ""}, endpoint="run"))
    app.url_map.add(Rule("/robots.txt", endpoint="error"))
    app.url_map.add(Rule("/favicon.ico", endpoint="error"))
    app.url_map.add(Rule("/<path:path>", endpoint="run"))
    app.view_functions["run"] = lambda path: function(flask.request._get_current_object())
    app.view_functions["error"] = lambda: flask.abort(404, description="Not Found")
    return wsgi.call_app(app, wsgi.environ_for(_http_event.read(event)))


def _cloud_event_of(run):
    from cloudevents.http import CloudEvent, from_http

    event = run.event
    if _http_event.looks_like_http(event):
        request = _http_event.read(event)
        return from_http(dict(request.headers), request.body)
    if isinstance(event, dict) and {"type", "source"} <= set(event):
        attributes = {k: v for k, v in event.items() if k != "data"}
        return CloudEvent(attributes, event.get("data"))
    _entry.note(run, "event", (
        "the event is not a CloudEvent (no type and source), so it was used as the CloudEvent's data with "
        "made-up attributes (type simulator.event, source //simulator); give the event's own attributes to match "
        "a trigger"
    ))
    return CloudEvent({"type": "simulator.event", "source": "//simulator", "id": run.request_id}, event)


def _invoke_http(function):
    def invoke(run):
        request = _http_event.read(run.event)
        ok, answer = _entry.call(run, f"HTTP function {function.__name__}: {request.method} {request.path}",
                                 lambda: _serve_http(function, run.event))
        if not ok:
            return
        status, headers, body = answer
        text, is_base64 = _http_event.decode_body(body)
        outcome = {"status": int(status.split(" ", 1)[0]), "headers": {k: v for k, v in headers}, "body": text}
        if is_base64:
            outcome["isBase64Encoded"] = True
        run.outcome = outcome

    return invoke


def _invoke_cloud_event(function):
    def invoke(run):
        event = _cloud_event_of(run)

        def thunk():
            function(event)
            return "OK"

        ok, value = _entry.call(run, f"CloudEvent function {function.__name__}: {event['type']}", thunk)
        if ok:
            run.outcome = {"status": 200, "body": value}

    return invoke


def http(func):
    """Registers an HTTP function (functions_framework.http)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    _entry.register(func.__name__, wrapper, kind="gcp-http", label=f"HTTP function {func.__name__}",
                    line=_line(func), invoke=_invoke_http(wrapper), platforms=PLATFORMS)
    return wrapper


def cloud_event(func):
    """Registers a CloudEvent function (functions_framework.cloud_event)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    _entry.register(func.__name__, wrapper, kind="gcp-cloudevent", label=f"CloudEvent function {func.__name__}",
                    line=_line(func), invoke=_invoke_cloud_event(wrapper), platforms=PLATFORMS)
    return wrapper


def typed(*args):
    def decorate(func):
        return http(func)

    if len(args) == 1 and callable(args[0]) and not isinstance(args[0], type):
        return decorate(args[0])
    return decorate


_error_handlers = {}


def errorhandler(code_or_exception):
    def decorator(func):
        _error_handlers[code_or_exception] = func
        return func

    return decorator


def _line(func):
    code = getattr(func, "__code__", None)
    return code.co_firstlineno if code is not None else None


def create_app(target=None, source=None, signature_type=None):
    raise _state.WorkerExit()
