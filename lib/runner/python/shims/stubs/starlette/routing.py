"""starlette.routing (0.47.3): Route ("{name}", "{name:int}", ...), Mount, Router with
redirect_slashes (307 to the other form of the path), 405 with Allow for a path that matches with
another method, 404 "Not Found", and the lifespan protocol (lifespan context, or the deprecated
on_startup / on_shutdown lists). A plain `def` endpoint runs on the thread pool, an `async def`
one on the event loop."""

import contextlib
import enum
import functools
import inspect
import re
import uuid

from .concurrency import run_in_threadpool
from .datastructures import URL
from .exceptions import HTTPException
from .requests import Request
from .responses import PlainTextResponse, RedirectResponse


class NoMatchFound(Exception):
    def __init__(self, name, path_params):
        params = ", ".join(list(path_params.keys()))
        super().__init__(f'No route exists for name "{name}" and params "{params}".')


class Match(enum.Enum):
    NONE = 0
    PARTIAL = 1
    FULL = 2


_CONVERTORS = {
    "str": ("[^/]+", str),
    "path": (".*", str),
    "int": ("[0-9]+", int),
    "float": (r"[0-9]+(\.[0-9]+)?", float),
    "uuid": ("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}", uuid.UUID),
}
_PARAM = re.compile(r"{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}")


def compile_path(path):
    """(regex, format, {name: converter}) for a route path."""
    pattern, position, convertors = "^", 0, {}
    for match in _PARAM.finditer(path):
        name, kind = match.groups()
        kind = (kind or ":str")[1:]
        if kind not in _CONVERTORS:
            raise AssertionError(f"Unknown path convertor '{kind}'")
        regex, convert = _CONVERTORS[kind]
        pattern += re.escape(path[position:match.start()]) + f"(?P<{name}>{regex})"
        convertors[name] = convert
        position = match.end()
    pattern += re.escape(path[position:]) + "$"
    return re.compile(pattern), _PARAM.sub(lambda m: "{" + m.group(1) + "}", path), convertors


def get_name(endpoint):
    return getattr(endpoint, "__name__", endpoint.__class__.__name__)


def is_async_callable(obj):
    while isinstance(obj, functools.partial):
        obj = obj.func
    return inspect.iscoroutinefunction(obj) or (callable(obj) and inspect.iscoroutinefunction(getattr(obj, "__call__", None)))


def request_response(func):
    """An ASGI app around `endpoint(request)`: awaited if async, on the thread pool if not."""
    handler = func if is_async_callable(func) else functools.partial(run_in_threadpool, func)

    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        response = await handler(request)
        await response(scope, receive, send)

    return app


class BaseRoute:
    def matches(self, scope):
        raise NotImplementedError()

    async def handle(self, scope, receive, send):
        raise NotImplementedError()

    async def __call__(self, scope, receive, send):
        match, child = self.matches(scope)
        if match == Match.NONE:
            if scope["type"] == "http":
                await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        scope.update(child)
        await self.handle(scope, receive, send)


class Route(BaseRoute):
    def __init__(self, path, endpoint, *, methods=None, name=None, include_in_schema=True, middleware=None):
        if not path.startswith("/"):
            raise AssertionError("Routed paths must start with '/'")
        self.path = path
        self.endpoint = endpoint
        self.name = get_name(endpoint) if name is None else name
        self.include_in_schema = include_in_schema
        target = endpoint
        while isinstance(target, functools.partial):
            target = target.func
        if inspect.isfunction(target) or inspect.ismethod(target):
            self.app = request_response(endpoint)
            if methods is None:
                methods = ["GET"]
        else:
            self.app = endpoint
        if methods is None:
            self.methods = None
        else:
            self.methods = {m.upper() for m in methods}
            if "GET" in self.methods:
                self.methods.add("HEAD")
        self.path_regex, self.path_format, self.param_convertors = compile_path(path)

    def matches(self, scope):
        if scope["type"] != "http":
            return Match.NONE, {}
        path = scope.get("route_path", scope["path"])
        found = self.path_regex.match(path)
        if not found:
            return Match.NONE, {}
        params = dict(scope.get("path_params", {}))
        params.update({k: self.param_convertors[k](v) for k, v in found.groupdict().items()})
        child = {"endpoint": self.endpoint, "path_params": params}
        if self.methods and scope["method"] not in self.methods:
            return Match.PARTIAL, child
        return Match.FULL, child

    async def handle(self, scope, receive, send):
        if self.methods and scope["method"] not in self.methods:
            headers = {"Allow": ", ".join(sorted(self.methods))}
            if "app" in scope:
                raise HTTPException(status_code=405, headers=headers)
            await PlainTextResponse("Method Not Allowed", status_code=405, headers=headers)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def url_path_for(self, name, /, **path_params):
        if name != self.name or set(path_params) != set(self.param_convertors):
            raise NoMatchFound(name, path_params)
        return self.path_format.format(**path_params)

    def __repr__(self):
        return f"{type(self).__name__}(path={self.path!r}, name={self.name!r}, methods={sorted(self.methods or [])!r})"


class Mount(BaseRoute):
    def __init__(self, path, app=None, routes=None, name=None, *, middleware=None):
        if path != "" and not path.startswith("/"):
            raise AssertionError("Routed paths must start with '/'")
        self.path = path.rstrip("/")
        self.app = app if app is not None else Router(routes=routes)
        if app is not None:
            from _deadline import asgi

            asgi.unregister(app)
        self.name = name
        self.path_regex, self.path_format, self.param_convertors = compile_path(self.path + "/{path:path}")

    @property
    def routes(self):
        return getattr(self.app, "routes", [])

    def matches(self, scope):
        if scope["type"] not in ("http", "websocket"):
            return Match.NONE, {}
        path = scope.get("route_path", scope["path"])
        found = self.path_regex.match(path)
        if not found:
            return Match.NONE, {}
        params = found.groupdict()
        remaining = "/" + params.pop("path")
        matched = path[: len(path) - len(remaining)] if path.endswith(remaining) else path
        path_params = dict(scope.get("path_params", {}))
        path_params.update({k: self.param_convertors[k](v) for k, v in params.items()})
        return Match.FULL, {
            "path_params": path_params,
            "app_root_path": scope.get("app_root_path", scope.get("root_path", "")),
            "root_path": scope.get("root_path", "") + matched,
            "route_path": remaining,
            "endpoint": self.app,
        }

    async def handle(self, scope, receive, send):
        await self.app(scope, receive, send)

    def url_path_for(self, name, /, **path_params):
        prefix, _, rest = name.partition(":")
        for route in self.routes:
            try:
                return self.path + route.url_path_for(rest if self.name == prefix else name, **path_params)
            except NoMatchFound:
                pass
        raise NoMatchFound(name, path_params)


class Host(Mount):
    def __init__(self, host, app, name=None):
        super().__init__("", app=app, name=name)


class _DefaultLifespan:
    def __init__(self, router):
        self._router = router

    async def __aenter__(self):
        await self._router.startup()

    async def __aexit__(self, *exc):
        await self._router.shutdown()

    def __call__(self, app):
        return self


class Router:
    def __init__(self, routes=None, redirect_slashes=True, default=None, on_startup=None, on_shutdown=None,
                 lifespan=None, *, middleware=None):
        self.routes = [] if routes is None else list(routes)
        self.redirect_slashes = redirect_slashes
        self.default = self.not_found if default is None else default
        self.on_startup = [] if on_startup is None else list(on_startup)
        self.on_shutdown = [] if on_shutdown is None else list(on_shutdown)
        if lifespan is None:
            self.lifespan_context = _DefaultLifespan(self)
        elif inspect.isasyncgenfunction(lifespan):
            self.lifespan_context = contextlib.asynccontextmanager(lifespan)
        elif inspect.isgeneratorfunction(lifespan):
            sync = contextlib.contextmanager(lifespan)

            @contextlib.asynccontextmanager
            async def wrapped(app):
                with sync(app) as value:
                    yield value

            self.lifespan_context = wrapped
        else:
            self.lifespan_context = lifespan

    async def startup(self):
        for handler in self.on_startup:
            if is_async_callable(handler):
                await handler()
            else:
                handler()

    async def shutdown(self):
        for handler in self.on_shutdown:
            if is_async_callable(handler):
                await handler()
            else:
                handler()

    async def lifespan(self, scope, receive, send):
        app = scope.get("app")
        await receive()
        started = False
        try:
            async with self.lifespan_context(app) as maybe_state:
                if maybe_state is not None:
                    if "state" not in scope:
                        raise RuntimeError('The server does not support "state" in the lifespan scope.')
                    scope["state"].update(maybe_state)
                await send({"type": "lifespan.startup.complete"})
                started = True
                await receive()
        except BaseException as error:
            from _deadline import logs, state

            if isinstance(error, (state.SimulatorStop, state.WorkerExit, state.ProcessKilled)):
                raise
            text = logs.format_exception(error)
            await send({"type": "lifespan.shutdown.failed" if started else "lifespan.startup.failed", "message": text.rstrip()})
            run = state.current
            if run is not None and run.error is None and not started:
                from _deadline.errors import error_info

                run.error = error_info(run, error)
                run.exception = error
            raise
        else:
            await send({"type": "lifespan.shutdown.complete"})

    async def not_found(self, scope, receive, send):
        if "app" in scope:
            raise HTTPException(status_code=404)
        await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)

    async def app(self, scope, receive, send):
        if "router" not in scope:
            scope["router"] = self
        if scope["type"] == "lifespan":
            await self.lifespan(scope, receive, send)
            return
        partial = None
        for route in self.routes:
            match, child = route.matches(scope)
            if match == Match.FULL:
                scope.update(child)
                await route.handle(scope, receive, send)
                return
            if match == Match.PARTIAL and partial is None:
                partial, partial_child = route, child
        if partial is not None:
            scope.update(partial_child)
            await partial.handle(scope, receive, send)
            return
        route_path = scope.get("route_path", scope["path"])
        if scope["type"] == "http" and self.redirect_slashes and route_path != "/":
            redirect_scope = dict(scope)
            if route_path.endswith("/"):
                redirect_scope["path"] = redirect_scope["path"].rstrip("/")
            else:
                redirect_scope["path"] = redirect_scope["path"] + "/"
            if "route_path" in redirect_scope:
                redirect_scope["route_path"] = redirect_scope["route_path"].rstrip("/") if route_path.endswith("/") else redirect_scope["route_path"] + "/"
            for route in self.routes:
                match, _ = route.matches(redirect_scope)
                if match != Match.NONE:
                    await RedirectResponse(url=str(URL(scope=redirect_scope)))(scope, receive, send)
                    return
        await self.default(scope, receive, send)

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)

    def url_path_for(self, name, /, **path_params):
        for route in self.routes:
            try:
                return route.url_path_for(name, **path_params)
            except NoMatchFound:
                pass
        raise NoMatchFound(name, path_params)

    def add_route(self, path, endpoint, methods=None, name=None, include_in_schema=True):
        self.routes.append(Route(path, endpoint, methods=methods, name=name, include_in_schema=include_in_schema))

    def mount(self, path, app, name=None):
        self.routes.append(Mount(path, app=app, name=name))

    def route(self, path, methods=None, name=None, include_in_schema=True):
        def decorator(func):
            self.add_route(path, func, methods=methods, name=name, include_in_schema=include_in_schema)
            return func

        return decorator

    def on_event(self, event_type):
        def decorator(func):
            (self.on_startup if event_type == "startup" else self.on_shutdown).append(func)
            return func

        return decorator

    def add_event_handler(self, event_type, func):
        (self.on_startup if event_type == "startup" else self.on_shutdown).append(func)
