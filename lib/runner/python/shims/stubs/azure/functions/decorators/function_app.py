"""FunctionApp and Blueprint: the Python v2 programming model's decorators (azure-functions
1.22.0b4, azure/functions/decorators/function_app.py). Each decorated function is an entry, named
as the host names it (the function's name, or @app.function_name(name=...)); an HTTP function
is found by its route under the host's "api" prefix, as the host routes a request.

The run calls the function as the Python worker does: the trigger's argument by its arg_name
(`req` for @app.route), `context` when asked for, Out objects for output bindings; an HTTP
function's HttpResponse (or str) is the response. An exception fails the invocation: the host
answers 500. HTTP functions have 230 s to answer whatever functionTimeout says (Azure Load
Balancer's idle timeout, learn.microsoft.com/azure/azure-functions/functions-scale#timeout):
a run past that gets a note.
"""

import inspect
import json
import re
from urllib.parse import parse_qsl

from _deadline import entry as _entry
from _deadline import http_event as _http_event

from .._http import HttpRequest, HttpResponse
from .._types import Context, EventGridEvent, EventHubEvent, InputStream, Out, QueueMessage, ServiceBusMessage, TimerRequest

# host.json extensions.http.routePrefix defaults to "api".
ROUTE_PREFIX = "api"
# Azure Load Balancer's idle timeout: the most an HTTP-triggered function has to respond.
HTTP_RESPONSE_LIMIT = 230
PLATFORMS = ("azure-functions",)


class AuthLevel:
    FUNCTION = "function"
    ANONYMOUS = "anonymous"
    ADMIN = "admin"


class HttpMethod:
    GET = "GET"
    POST = "POST"
    PUT = "PUT"
    PATCH = "PATCH"
    DELETE = "DELETE"
    HEAD = "HEAD"
    OPTIONS = "OPTIONS"

    def __iter__(self):
        return iter(("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"))


def _route_regex(template):
    pattern = "^"
    position = 0
    params = {}
    for match in re.finditer(r"{(\*?)([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-z]+))?(\?)?}", template):
        pattern += re.escape(template[position:match.start()])
        star, name, constraint, optional = match.groups()
        regex = ".*" if star else {"int": "-?[0-9]+", "alpha": "[a-zA-Z]+", "bool": "(?:true|false)", "guid": "[0-9a-fA-F-]{36}"}.get(constraint, "[^/]+")
        pattern += f"(?P<{name}>{regex}){'?' if optional or star else ''}"
        params[name] = constraint
        position = match.end()
    pattern += re.escape(template[position:]).rstrip("/") + "/?$"
    return re.compile(pattern, re.IGNORECASE)


class _Spec:
    """What the decorators said about one function."""

    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
        self.trigger = None  # ("http" | "timer" | "queue" | ..., options)
        self.outputs = []
        self.entry = None


class _Decorators:
    def __init__(self, http_auth_level=AuthLevel.FUNCTION):
        self.auth_level = http_auth_level
        self._specs = []

    def _spec(self, fn):
        spec = getattr(fn, "_deadline_azure", None)
        if spec is None:
            spec = _Spec(fn)
            try:
                fn._deadline_azure = spec
            except AttributeError:
                pass
            self._specs.append(spec)
        return spec

    def _register(self, spec):
        if not isinstance(self, FunctionApp) or spec.trigger is None:
            return
        kind = f"azure-{spec.trigger[0]}"
        if spec.entry is None:
            code = getattr(spec.fn, "__code__", None)
            spec.entry = _entry.register(spec.name, spec.fn, kind=kind, label=f"Azure function {spec.name}",
                                         line=code.co_firstlineno if code else None, invoke=_invoke(spec),
                                         platforms=PLATFORMS, matches=_matcher(spec))
        spec.entry.name = spec.name
        spec.entry.kind = kind

    def _decorate(self, fn, trigger=None, output=None, name=None):
        spec = self._spec(fn)
        if trigger is not None:
            spec.trigger = trigger
        if output is not None:
            spec.outputs.append(output)
        if name is not None:
            spec.name = name
        self._register(spec)
        return fn

    # ---- triggers ------------------------------------------------------------------------------

    def function_name(self, name, setting_extra_fields=None):
        return lambda fn: self._decorate(fn, name=name)

    def route(self, route=None, trigger_arg_name="req", binding_arg_name="$return", methods=None, auth_level=None,
              trigger_extra_fields=None, binding_extra_fields=None):
        options = {"route": route, "arg": trigger_arg_name, "methods": [str(m).upper() for m in methods] if methods else None}
        return lambda fn: self._decorate(fn, trigger=("http", options))

    def http_type(self, http_type):
        return lambda fn: fn

    def timer_trigger(self, arg_name, schedule, run_on_startup=None, use_monitor=None, data_type=None, **kwargs):
        return lambda fn: self._decorate(fn, trigger=("timer", {"arg": arg_name, "schedule": schedule}))

    schedule = timer_trigger

    def _message_trigger(kind, cls):
        def decorator(self, arg_name, *args, **kwargs):
            return lambda fn: self._decorate(fn, trigger=(kind, {"arg": arg_name, "cls": cls}))

        return decorator

    queue_trigger = _message_trigger("queue", QueueMessage)
    service_bus_queue_trigger = _message_trigger("servicebus", ServiceBusMessage)
    service_bus_topic_trigger = _message_trigger("servicebus", ServiceBusMessage)
    event_hub_message_trigger = _message_trigger("eventhub", EventHubEvent)
    event_grid_trigger = _message_trigger("eventgrid", EventGridEvent)
    blob_trigger = _message_trigger("blob", InputStream)
    cosmos_db_trigger = _message_trigger("cosmosdb", list)
    generic_trigger = _message_trigger("generic", None)

    # ---- bindings ------------------------------------------------------------------------------

    def _output(self, arg_name=None, *args, **kwargs):
        return lambda fn: self._decorate(fn, output=arg_name)

    queue_output = blob_output = table_output = service_bus_queue_output = service_bus_topic_output = _output
    event_hub_output = event_grid_output = cosmos_db_output = sql_output = generic_output_binding = _output

    def _input(self, *args, **kwargs):
        return lambda fn: fn

    blob_input = table_input = cosmos_db_input = sql_input = generic_input_binding = _input

    def retry(self, *args, **kwargs):
        return lambda fn: fn


class FunctionApp(_Decorators):
    def __init__(self, http_auth_level=AuthLevel.FUNCTION):
        super().__init__(http_auth_level)

    def register_functions(self, function_container):
        for spec in getattr(function_container, "_specs", []):
            self._specs.append(spec)
            self._register(spec)

    register_blueprint = register_functions

    def get_functions(self):
        return [spec.fn for spec in self._specs]


class Blueprint(_Decorators):
    pass


class AsgiFunctionApp(FunctionApp):
    def __init__(self, app, http_auth_level=AuthLevel.FUNCTION, function_name="http_app_func"):
        super().__init__(http_auth_level)
        self._external(app, function_name, "asgi")

    def _external(self, app, function_name, kind):
        async def http_app_func(req, context):
            return await _serve_external(app, kind, req)

        http_app_func.__name__ = function_name
        self._decorate(http_app_func, trigger=("http", {"route": "/{*route}", "arg": "req", "methods": None}), name=function_name)


class WsgiFunctionApp(AsgiFunctionApp):
    def __init__(self, app, http_auth_level=AuthLevel.FUNCTION, function_name="http_app_func"):
        FunctionApp.__init__(self, http_auth_level)
        self._external(app, function_name, "wsgi")


async def _serve_external(app, kind, req):
    from _deadline import asgi, state, wsgi

    run = state.current
    if kind == "wsgi":
        status, headers, body = wsgi.call_app(app, wsgi.environ_for(_http_event.read(run.event)))
        return HttpResponse(body, status_code=int(status.split(" ", 1)[0]), headers=dict(headers))
    exchange = asgi._Exchange(_http_event.read(run.event))
    await app(asgi._scope(exchange.request, run), exchange.receive, exchange.send)
    answer = exchange.response()
    return HttpResponse(answer["body"], status_code=answer["status"], headers=answer["headers"],
                        mimetype=answer["headers"].get("content-type", "text/plain").split(";")[0])


# ---- invoking --------------------------------------------------------------------------------


def _route_of(spec):
    route = spec.trigger[1].get("route")
    return (route if route is not None else spec.name).strip("/")


def _match(spec, request):
    """The route parameters when the request is this HTTP function's, else None."""
    template = _route_of(spec)
    path = request.path.strip("/")
    prefix = ROUTE_PREFIX
    if prefix:
        if not (path == prefix or path.startswith(prefix + "/")):
            return None
        path = path[len(prefix):].lstrip("/")
    found = _route_regex(template).match(path)
    if found is None:
        return None
    methods = spec.trigger[1].get("methods")
    if methods and request.method not in methods:
        return None
    return {k: v for k, v in found.groupdict().items() if v is not None}


def _matcher(spec):
    def matches(run):
        if spec.trigger is None:
            return False
        is_http = _http_event.looks_like_http(run.event)
        if spec.trigger[0] != "http":
            return not is_http
        return is_http and _match(spec, _http_event.read(run.event)) is not None

    return matches


def _arguments(spec, run, trigger_value):
    try:
        params = inspect.signature(spec.fn).parameters
    except (TypeError, ValueError):
        return {}, {}
    arg = spec.trigger[1].get("arg")
    values, outs = {}, {}
    for name, param in params.items():
        if name == arg:
            values[name] = trigger_value
        elif name == "context" or param.annotation is Context:
            values[name] = Context(run.request_id, spec.name)
        elif name in spec.outputs or param.annotation is Out or "Out" in str(param.annotation):
            values[name] = outs[name] = Out()
    return values, outs


def _response(value):
    if isinstance(value, HttpResponse):
        headers = {"Content-Type": f"{value.mimetype}; charset={value.charset}"}
        headers.update({k: v for k, v in value.headers.items()})
        text, is_base64 = _http_event.decode_body(value.get_body())
        out = {"status": value.status_code, "headers": headers, "body": text}
        if is_base64:
            out["isBase64Encoded"] = True
        return out
    if isinstance(value, (str, bytes)):
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        return {"status": 200, "headers": {"Content-Type": "text/plain; charset=utf-8"}, "body": text}
    return None


def http_request_of(run, route_params=None):
    request = _http_event.read(run.event)
    url = f"http://localhost:7071{request.path}" + (f"?{request.query}" if request.query else "")
    return HttpRequest(request.method, url, headers=dict(request.headers), params=dict(parse_qsl(request.query, keep_blank_values=True)),
                       route_params=route_params or {}, body=request.body)


def _trigger_value(spec, run):
    kind, options = spec.trigger
    if kind == "http":
        request = _http_event.read(run.event)
        params = _match(spec, request) if _http_event.looks_like_http(run.event) else {}
        if params is None:
            _entry.note(run, "event", (
                f"the request {request.method} {request.path} does not match {spec.name}'s route "
                f"/{ROUTE_PREFIX}/{_route_of(spec)}{' for ' + ', '.join(options['methods']) if options.get('methods') else ''}: "
                "the host would answer 404; the function was called anyway because it was named"
            ))
            params = {}
        return http_request_of(run, params)
    if kind == "timer":
        event = run.event if isinstance(run.event, dict) else {}
        return TimerRequest(past_due=bool(event.get("past_due", event.get("IsPastDue", False))))
    if kind == "queue":
        event = run.event
        body = event if isinstance(event, (str, bytes)) else json.dumps(event)
        return QueueMessage(body=body)
    cls = options.get("cls")
    if cls is list:
        return run.event if isinstance(run.event, list) else [run.event]
    if cls is None:
        return run.event
    return cls(run.event)


def _invoke(spec):
    def invoke(run):
        run.platform_detail["entryName"] = spec.name
        kind = spec.trigger[0]
        value = _trigger_value(spec, run)
        values, outs = _arguments(spec, run, value)
        label = f"Azure function {spec.name} ({kind} trigger)"
        ok, result = _entry.call(run, label, lambda: _entry.drive(spec.fn(**values)))
        if kind == "http":
            _note_http_limit(run)
        if not ok:
            if isinstance(result, BaseException) and kind == "http":
                # The invocation failed: the host answers the request 500.
                run.outcome = {"status": 500, "headers": {}, "body": ""}
            return
        shaped = _response(result) if kind == "http" else None
        if shaped is None and kind == "http":
            for out in outs.values():
                shaped = _response(out.get())
                if shaped is not None:
                    break
        if shaped is not None:
            run.outcome = shaped
        elif outs:
            run.outcome = _entry.json_result({name: _plain(out.get()) for name, out in outs.items()})
        else:
            try:
                run.outcome = _entry.json_result(result)
            except (TypeError, ValueError):
                run.outcome = repr(result)

    return invoke


def _plain(value):
    return value if isinstance(value, (str, int, float, bool, list, dict, type(None))) else repr(value)


def _note_http_limit(run):
    start = run.handler_start
    end = run.stop["at"] if run.stop is not None else run.handler_end
    if start is None or end is None or end - start <= HTTP_RESPONSE_LIMIT:
        return
    _entry.note(run, "plan", (
        f"an HTTP-triggered function has {HTTP_RESPONSE_LIMIT} s to respond whatever functionTimeout says (Azure Load "
        f"Balancer's idle timeout): this one ran {end - start:.0f} s, so the caller's request failed at "
        f"{HTTP_RESPONSE_LIMIT} s while the function went on; return early and hand long work to a queue or Durable Functions"
    ))
