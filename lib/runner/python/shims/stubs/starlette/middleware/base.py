"""BaseHTTPMiddleware: dispatch(request, call_next), where call_next runs the rest of the app
and gives its response."""

from ..requests import Request
from ..responses import Response


class _Captured(Response):
    def __init__(self, start, body):
        self.status_code = start["status"]
        self.raw_headers = list(start.get("headers", []))
        self.body = body
        self.background = None
        self.media_type = None


class BaseHTTPMiddleware:
    def __init__(self, app, dispatch=None):
        self.app = app
        self.dispatch_func = self.dispatch if dispatch is None else dispatch

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive, send)

        async def call_next(req):
            captured = {"chunks": []}

            async def capture(message):
                if message["type"] == "http.response.start":
                    captured["start"] = message
                elif message["type"] == "http.response.body":
                    captured["chunks"].append(message.get("body", b""))

            await self.app(scope, receive, capture)
            return _Captured(captured.get("start", {"status": 500}), b"".join(captured["chunks"]))

        response = await self.dispatch_func(request, call_next)
        await response(scope, receive, send)

    async def dispatch(self, request, call_next):
        raise NotImplementedError()
