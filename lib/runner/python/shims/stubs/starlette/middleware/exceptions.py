"""ExceptionMiddleware: HTTPException and registered exception handlers become responses
(HTTPException: PlainTextResponse(detail, status), empty for 204/304)."""

from ..concurrency import run_in_threadpool
from ..exceptions import HTTPException
from ..requests import Request
from ..responses import PlainTextResponse, Response
from ..routing import is_async_callable


def _lookup(handlers, exc):
    if isinstance(exc, HTTPException) and exc.status_code in handlers:
        return handlers[exc.status_code]
    for cls in type(exc).__mro__:
        if cls in handlers:
            return handlers[cls]
    return None


async def call_handler(handler, request, exc):
    if is_async_callable(handler):
        return await handler(request, exc)
    return await run_in_threadpool(handler, request, exc)


class ExceptionMiddleware:
    def __init__(self, app, handlers=None, debug=False):
        self.app = app
        self.debug = debug
        self._handlers = {HTTPException: self.http_exception}
        self._handlers.update(handlers or {})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sender(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, sender)
        except Exception as exc:
            handler = _lookup(self._handlers, exc)
            if handler is None:
                raise
            if started:
                raise RuntimeError("Caught handled exception, but response already started.") from exc
            response = await call_handler(handler, Request(scope, receive), exc)
            if response is not None:
                await response(scope, receive, send)

    async def http_exception(self, request, exc):
        if exc.status_code in (204, 304):
            return Response(status_code=exc.status_code, headers=exc.headers)
        return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
