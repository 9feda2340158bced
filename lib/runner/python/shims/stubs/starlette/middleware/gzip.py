class GZipMiddleware:
    """Compression changes no timing the simulator models: the app is served as is."""

    def __init__(self, app, minimum_size=500, compresslevel=9):
        self.app = app

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)
