"""APIRoute and APIRouter: an endpoint's parameters solved from the request, the endpoint run
(`async def` on the event loop, `def` on the thread pool, as FastAPI's run_endpoint_function
does), its return value validated against response_model (or the return annotation) and
serialized with jsonable_encoder into the route's response class."""

import contextlib
import inspect
import typing

from starlette import routing as _routing
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import dependencies as _deps
from .encoders import jsonable_encoder
from .exceptions import RequestValidationError, ResponseValidationError

_NO_BODY = {204, 304}


def _response_model(endpoint, response_model):
    if response_model is not _DEFAULT:
        return response_model
    try:
        hint = typing.get_type_hints(endpoint).get("return")
    except Exception:
        hint = None
    if hint is None or hint is type(None):
        return None
    if isinstance(hint, type) and issubclass(hint, Response):
        return None
    return hint


_DEFAULT = object()


def _serialize(model, value, exclude_none, exclude_unset):
    from pydantic import BaseModel
    from pydantic import _validate

    if model is not None:
        try:
            value = _validate.validate(model, value if not isinstance(value, BaseModel) or isinstance(value, model) else value.model_dump(), ("response",))
        except _validate.Errors as errors:
            raise ResponseValidationError(errors.items, body=value) from None
    return jsonable_encoder(value, exclude_none=exclude_none, exclude_unset=exclude_unset)


class APIRoute(_routing.Route):
    def __init__(self, path, endpoint, *, response_model=_DEFAULT, status_code=None, methods=None, name=None,
                 response_class=None, dependencies=None, response_model_exclude_none=False,
                 response_model_exclude_unset=False, include_in_schema=True, **options):
        self.path = path
        self.endpoint = endpoint
        self.name = _routing.get_name(endpoint) if name is None else name
        self.include_in_schema = include_in_schema
        self.status_code = status_code
        self.response_class = response_class or JSONResponse
        self.response_model = _response_model(endpoint, response_model)
        self.exclude_none = response_model_exclude_none
        self.exclude_unset = response_model_exclude_unset
        self.methods = {m.upper() for m in (methods or ["GET"])}
        self.path_regex, self.path_format, self.param_convertors = _routing.compile_path(path)
        self.dependant = _deps.Dependant(endpoint, path)
        self.extra_dependencies = [_deps.Dependant(d.dependency, path) for d in (dependencies or [])]
        self.app = self._handle_request

    async def _handle_request(self, scope, receive, send):
        request = Request(scope, receive, send)
        async with contextlib.AsyncExitStack() as request_stack:
            async with contextlib.AsyncExitStack() as function_stack:
                response = await self._run(request, (request_stack, function_stack))
            await response(scope, receive, send)

    async def _run(self, request, stacks):
        body = await _deps.read_body(request, self.dependant)
        solved = _deps.Solved()
        for extra in self.extra_dependencies:
            values = await _deps.solve(extra, request, body, solved, stacks)
            if not solved.errors:
                await _deps.call_dependency(extra, values, stacks[0])
        values = await _deps.solve(self.dependant, request, body, solved, stacks)
        if solved.errors:
            raise RequestValidationError(solved.errors, body=body)
        if self.dependant.is_async:
            raw = await self.endpoint(**values)
        else:
            raw = await run_in_threadpool(self.endpoint, **values)
        if isinstance(raw, Response):
            if raw.background is None:
                raw.background = solved.background
            return raw
        status = solved.response.status_code or self.status_code or 200
        content = _serialize(self.response_model, raw, self.exclude_none, self.exclude_unset)
        if status in _NO_BODY:
            response = Response(status_code=status, background=solved.background)
        else:
            response = self.response_class(content, status_code=status, background=solved.background)
        for key, value in solved.response.raw_headers:
            if key != b"content-length":
                response.raw_headers.append((key, value))
        return response


class APIRouter(_routing.Router):
    def __init__(self, *, prefix="", tags=None, dependencies=None, default_response_class=None, responses=None,
                 routes=None, redirect_slashes=True, on_startup=None, on_shutdown=None, lifespan=None, **options):
        super().__init__(routes=routes, redirect_slashes=redirect_slashes, on_startup=on_startup,
                         on_shutdown=on_shutdown, lifespan=lifespan)
        if prefix and (not prefix.startswith("/") or prefix.endswith("/")):
            raise AssertionError("A path prefix must start with '/' and must not end with '/', as the routes will start with '/'")
        self.prefix = prefix
        self.dependencies = list(dependencies or [])
        self.default_response_class = default_response_class

    def add_api_route(self, path, endpoint, *, methods=None, dependencies=None, response_class=None, **kwargs):
        self.routes.append(APIRoute(
            self.prefix + path, endpoint, methods=methods, dependencies=self.dependencies + list(dependencies or []),
            response_class=response_class or self.default_response_class, **kwargs,
        ))

    def api_route(self, path, *, methods=None, **kwargs):
        def decorator(func):
            self.add_api_route(path, func, methods=methods, **kwargs)
            return func

        return decorator

    def _verb(self, method, path, kwargs):
        for ignored in ("tags", "summary", "description", "response_description", "responses", "deprecated",
                        "operation_id", "openapi_extra", "callbacks", "generate_unique_id_function",
                        "response_model_include", "response_model_exclude", "response_model_by_alias",
                        "response_model_exclude_defaults"):
            kwargs.pop(ignored, None)
        return self.api_route(path, methods=[method], **kwargs)

    def get(self, path, **kwargs):
        return self._verb("GET", path, kwargs)

    def post(self, path, **kwargs):
        return self._verb("POST", path, kwargs)

    def put(self, path, **kwargs):
        return self._verb("PUT", path, kwargs)

    def patch(self, path, **kwargs):
        return self._verb("PATCH", path, kwargs)

    def delete(self, path, **kwargs):
        return self._verb("DELETE", path, kwargs)

    def options(self, path, **kwargs):
        return self._verb("OPTIONS", path, kwargs)

    def head(self, path, **kwargs):
        return self._verb("HEAD", path, kwargs)

    def trace(self, path, **kwargs):
        return self._verb("TRACE", path, kwargs)

    def websocket(self, path, name=None, **kwargs):
        return lambda func: func

    def include_router(self, router, *, prefix="", dependencies=None, **kwargs):
        for route in router.routes:
            if isinstance(route, APIRoute):
                self.add_api_route(
                    prefix + route.path, route.endpoint, methods=sorted(route.methods),
                    dependencies=list(dependencies or []),
                    response_model=route.response_model, status_code=route.status_code,
                    response_class=route.response_class, name=route.name,
                )
                # Dependencies already resolved on the included route come along as they are.
                self.routes[-1].extra_dependencies = route.extra_dependencies + self.routes[-1].extra_dependencies
            else:
                self.routes.append(route)
        self.on_startup.extend(router.on_startup)
        self.on_shutdown.extend(router.on_shutdown)


__all__ = ["APIRoute", "APIRouter", "inspect"]
