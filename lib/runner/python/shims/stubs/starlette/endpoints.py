"""HTTPEndpoint: a class whose get/post/... methods answer the request."""

from .concurrency import run_in_threadpool
from .exceptions import HTTPException
from .requests import Request
from .responses import PlainTextResponse
from .routing import is_async_callable


class HTTPEndpoint:
    def __init__(self, scope, receive, send):
        self.scope, self.receive, self.send = scope, receive, send

    def __await__(self):
        return self.dispatch().__await__()

    async def dispatch(self):
        request = Request(self.scope, receive=self.receive)
        name = "get" if request.method == "HEAD" and not hasattr(self, "head") else request.method.lower()
        handler = getattr(self, name, self.method_not_allowed)
        if is_async_callable(handler):
            response = await handler(request)
        else:
            response = await run_in_threadpool(handler, request)
        await response(self.scope, self.receive, self.send)

    async def method_not_allowed(self, request):
        if "app" in self.scope:
            raise HTTPException(status_code=405)
        return PlainTextResponse("Method Not Allowed", status_code=405)
