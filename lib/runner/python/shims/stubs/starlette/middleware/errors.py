"""ServerErrorMiddleware: an exception nothing handled answers 500 "Internal Server Error"
(or the app's handler for 500 / Exception), then is raised again for the server to log."""

from ..requests import Request
from ..responses import PlainTextResponse
from .exceptions import call_handler


class ServerErrorMiddleware:
    def __init__(self, app, handler=None, debug=False):
        self.app = app
        self.handler = handler
        self.debug = debug

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
            request = Request(scope)
            if self.handler is None:
                response = PlainTextResponse("Internal Server Error", status_code=500)
            else:
                response = await call_handler(self.handler, request, exc)
            if not started:
                await response(scope, receive, send)
            raise exc
