"""Simulator stub of the Azure Functions Python library 1.22.0b4 (Azure/azure-functions-python-
library tag 1.22.0b4, 2e8ba4b5): the v2 programming model (FunctionApp, Blueprint, @app.route,
@app.function_name, timer / queue / other triggers, output bindings) and the v1 model's types
(a `main(req: func.HttpRequest) -> func.HttpResponse` in the file is called with an HttpRequest
built from the event). See ../../RUNTIMES.md."""

from _deadline import entry as _entry

from ._http import HttpRequest, HttpResponse
from ._types import (
    Context,
    Document,
    DocumentList,
    EventGridEvent,
    EventHubEvent,
    InputStream,
    Out,
    QueueMessage,
    ServiceBusMessage,
    TimerRequest,
)
from .decorators import AsgiFunctionApp, AuthLevel, Blueprint, DataType, FunctionApp, HttpMethod, WsgiFunctionApp
from .decorators.function_app import _response, http_request_of

__version__ = "1.22.0b4"


class AsgiMiddleware:
    def __init__(self, app):
        self._app = app

    async def handle_async(self, req, context=None):
        from .decorators.function_app import _serve_external

        return await _serve_external(self._app, "asgi", req)


class WsgiMiddleware:
    def __init__(self, app):
        self._app = app

    def handle(self, req, context=None):
        from _deadline import http_event, state, wsgi

        status, headers, body = wsgi.call_app(self._app, wsgi.environ_for(http_event.read(state.current.event)))
        return HttpResponse(body, status_code=int(status.split(" ", 1)[0]), headers=dict(headers))


# The v1 model: a plain function annotated with these types gets them, and its HttpResponse is
# the response (see entry.adapt).
_entry.adapt(HttpRequest, lambda run: http_request_of(run), _response)
_entry.adapt(TimerRequest, lambda run: TimerRequest(past_due=bool((run.event or {}).get("past_due", False)) if isinstance(run.event, dict) else False))
_entry.adapt(QueueMessage, lambda run: QueueMessage(body=run.event if isinstance(run.event, (str, bytes)) else __import__("json").dumps(run.event)))

__all__ = [
    "AsgiFunctionApp", "AsgiMiddleware", "AuthLevel", "Blueprint", "Context", "DataType", "Document", "DocumentList",
    "EventGridEvent", "EventHubEvent", "FunctionApp", "HttpMethod", "HttpRequest", "HttpResponse", "InputStream", "Out",
    "QueueMessage", "ServiceBusMessage", "TimerRequest", "WsgiFunctionApp", "WsgiMiddleware",
]
