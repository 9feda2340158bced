"""starlette.applications.Starlette: the router wrapped in ServerErrorMiddleware, the app's
middleware and ExceptionMiddleware (built on the first call, as 0.47.3 does), and registered as
the ASGI entry for the platforms that serve one."""

from _deadline import asgi as _asgi

from .datastructures import State
from .middleware import Middleware
from .middleware.errors import ServerErrorMiddleware
from .middleware.exceptions import ExceptionMiddleware
from .routing import Router


class Starlette:
    def __init__(self, debug=False, routes=None, middleware=None, exception_handlers=None, on_startup=None,
                 on_shutdown=None, lifespan=None):
        self.debug = debug
        self.state = State()
        self.router = Router(routes, on_startup=on_startup, on_shutdown=on_shutdown, lifespan=lifespan)
        self.exception_handlers = {} if exception_handlers is None else dict(exception_handlers)
        self.user_middleware = [] if middleware is None else list(middleware)
        self.middleware_stack = None
        # An app a framework makes for itself (Modal's fastapi_endpoint) is not the user's entry.
        if not getattr(self, "_deadline_registered", False) and not getattr(type(self), "_deadline_internal", False):
            self._deadline_registered = True
            _asgi.register(self, self._deadline_what())

    def _deadline_what(self):
        return "Starlette app"

    def build_middleware_stack(self):
        error_handler = None
        handlers = {}
        for key, value in self.exception_handlers.items():
            if key in (500, Exception):
                error_handler = value
            else:
                handlers[key] = value
        stack = [Middleware(ServerErrorMiddleware, handler=error_handler, debug=self.debug)] + self.user_middleware + [
            Middleware(ExceptionMiddleware, handlers=handlers, debug=self.debug)
        ]
        app = self.router
        for cls, args, kwargs in reversed(stack):
            app = cls(app, *args, **kwargs)
        return app

    @property
    def routes(self):
        return self.router.routes

    def url_path_for(self, name, /, **path_params):
        return self.router.url_path_for(name, **path_params)

    async def __call__(self, scope, receive, send):
        scope["app"] = self
        if self.middleware_stack is None:
            self.middleware_stack = self.build_middleware_stack()
        await self.middleware_stack(scope, receive, send)

    def on_event(self, event_type):
        return self.router.on_event(event_type)

    def mount(self, path, app, name=None):
        self.router.mount(path, app=app, name=name)

    def add_middleware(self, middleware_class, *args, **kwargs):
        if self.middleware_stack is not None:
            raise RuntimeError("Cannot add middleware after an application has started")
        self.user_middleware.insert(0, Middleware(middleware_class, *args, **kwargs))

    def add_exception_handler(self, exc_class_or_status_code, handler):
        self.exception_handlers[exc_class_or_status_code] = handler

    def add_event_handler(self, event_type, func):
        self.router.add_event_handler(event_type, func)

    def add_route(self, path, route, methods=None, name=None, include_in_schema=True):
        self.router.add_route(path, route, methods=methods, name=name, include_in_schema=include_in_schema)

    def exception_handler(self, exc_class_or_status_code):
        def decorator(func):
            self.add_exception_handler(exc_class_or_status_code, func)
            return func

        return decorator

    def route(self, path, methods=None, name=None, include_in_schema=True):
        return self.router.route(path, methods=methods, name=name, include_in_schema=include_in_schema)

    def middleware(self, middleware_type):
        def decorator(func):
            from .middleware.base import BaseHTTPMiddleware

            self.add_middleware(BaseHTTPMiddleware, dispatch=func)
            return func

        return decorator
