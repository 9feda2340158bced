"""CORSMiddleware: adds Access-Control-Allow-Origin to responses for a request with Origin."""


class CORSMiddleware:
    def __init__(self, app, allow_origins=(), allow_methods=("GET",), allow_headers=(), allow_credentials=False,
                 allow_origin_regex=None, expose_headers=(), max_age=600):
        self.app = app
        self.allow_origins = list(allow_origins)

    async def __call__(self, scope, receive, send):
        origin = dict(scope.get("headers") or []).get(b"origin")
        if scope["type"] != "http" or origin is None:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message):
            if message["type"] == "http.response.start":
                allowed = "*" if "*" in self.allow_origins else (origin.decode() if origin.decode() in self.allow_origins else None)
                if allowed:
                    message = dict(message, headers=list(message.get("headers", [])) + [(b"access-control-allow-origin", allowed.encode())])
            await send(message)

        await self.app(scope, receive, send_with_cors)
