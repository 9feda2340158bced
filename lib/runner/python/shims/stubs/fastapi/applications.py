"""fastapi.FastAPI: a Starlette app whose router is an APIRouter, with FastAPI's default handlers
for HTTPException and request validation errors; registered as the ASGI entry (see
_deadline/asgi.py)."""

from starlette.applications import Starlette
from starlette.exceptions import HTTPException as StarletteHTTPException

from .exception_handlers import http_exception_handler, request_validation_exception_handler
from .exceptions import RequestValidationError
from .routing import APIRouter


class FastAPI(Starlette):
    def __init__(self, *, debug=False, routes=None, title="FastAPI", summary=None, description="", version="0.1.0",
                 openapi_url="/openapi.json", dependencies=None, default_response_class=None, middleware=None,
                 exception_handlers=None, on_startup=None, on_shutdown=None, lifespan=None, root_path="",
                 redirect_slashes=True, **extra):
        self.title = title
        self.version = version
        self.description = description
        self.openapi_url = openapi_url
        self.root_path = root_path
        self.extra = extra
        super().__init__(debug=debug, routes=None, middleware=middleware, exception_handlers=exception_handlers)
        self.router = APIRouter(routes=routes, redirect_slashes=redirect_slashes, dependencies=dependencies,
                                default_response_class=default_response_class, on_startup=on_startup,
                                on_shutdown=on_shutdown, lifespan=lifespan)
        self.exception_handlers.setdefault(StarletteHTTPException, http_exception_handler)
        self.exception_handlers.setdefault(RequestValidationError, request_validation_exception_handler)

    def _deadline_what(self):
        return "FastAPI app"

    def openapi(self):
        return {"openapi": "3.1.0", "info": {"title": self.title, "version": self.version}, "paths": {}}

    def add_api_route(self, path, endpoint, **kwargs):
        self.router.add_api_route(path, endpoint, **kwargs)

    def api_route(self, path, **kwargs):
        return self.router.api_route(path, **kwargs)

    def get(self, path, **kwargs):
        return self.router.get(path, **kwargs)

    def post(self, path, **kwargs):
        return self.router.post(path, **kwargs)

    def put(self, path, **kwargs):
        return self.router.put(path, **kwargs)

    def patch(self, path, **kwargs):
        return self.router.patch(path, **kwargs)

    def delete(self, path, **kwargs):
        return self.router.delete(path, **kwargs)

    def options(self, path, **kwargs):
        return self.router.options(path, **kwargs)

    def head(self, path, **kwargs):
        return self.router.head(path, **kwargs)

    def trace(self, path, **kwargs):
        return self.router.trace(path, **kwargs)

    def websocket(self, path, name=None, **kwargs):
        return self.router.websocket(path, name=name)

    def include_router(self, router, **kwargs):
        self.router.include_router(router, **kwargs)
