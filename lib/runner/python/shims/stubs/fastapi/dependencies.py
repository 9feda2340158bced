"""Where each endpoint parameter comes from, and solving them for a request, as FastAPI 0.141.1
does (fastapi/dependencies/utils.py): path parameters by name, BaseModel parameters from the JSON
body (the whole body for a single one, embedded by name for several), other simple types from the
query string; Query/Path/Header/Cookie/Body/Form/File and Depends markers (as defaults or in
Annotated); Request, Response, BackgroundTasks injected by type. Errors are collected with
FastAPI's locations ("query", "q"), ("body", "name") for the 422 answer. Sync dependencies run on
the thread pool; dependencies with `yield` are exited after the response is sent (scope
"request", the default) or as soon as the endpoint returns (scope "function")."""

import contextlib
import inspect
import json
import typing

from pydantic import BaseModel
from pydantic import _validate
from starlette.background import BackgroundTasks
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response

from . import params

_SIMPLE = (int, float, str, bool, bytes)


class Dependant:
    def __init__(self, call, path):
        self.call = call
        self.params = []  # (name, kind, annotation, marker)
        self.is_async = inspect.iscoroutinefunction(call) or inspect.iscoroutinefunction(getattr(call, "__call__", None))
        self.is_gen = inspect.isgeneratorfunction(call) or inspect.isgeneratorfunction(getattr(call, "__call__", None))
        self.is_async_gen = inspect.isasyncgenfunction(call) or inspect.isasyncgenfunction(getattr(call, "__call__", None))
        path_names = set(_path_names(path))
        try:
            signature = inspect.signature(call)
        except (TypeError, ValueError):
            return
        try:
            hints = typing.get_type_hints(call, include_extras=True)
        except Exception:
            hints = {}
        if inspect.isclass(call):
            try:
                hints = typing.get_type_hints(call.__init__, include_extras=True)
            except Exception:
                hints = {}
        for p in signature.parameters.values():
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            annotation = hints.get(p.name, p.annotation if p.annotation is not p.empty else typing.Any)
            marker = None
            if typing.get_origin(annotation) is typing.Annotated:
                base, *metadata = typing.get_args(annotation)
                for meta in metadata:
                    if isinstance(meta, (params.Param, params.Depends)):
                        marker = meta
                annotation = base
            if isinstance(p.default, (params.Param, params.Depends)):
                marker = p.default
            elif p.default is not p.empty and marker is not None and isinstance(marker, params.Param):
                marker.default = p.default
            if isinstance(marker, params.Depends):
                dep = marker.dependency if marker.dependency is not None else annotation
                self.params.append((p.name, "depends", annotation, (marker, Dependant(dep, path))))
                continue
            if isinstance(annotation, type) and issubclass(annotation, (HTTPConnection,)):
                self.params.append((p.name, "request", annotation, None))
                continue
            if isinstance(annotation, type) and issubclass(annotation, BackgroundTasks):
                self.params.append((p.name, "background", annotation, None))
                continue
            if isinstance(annotation, type) and issubclass(annotation, Response):
                self.params.append((p.name, "response", annotation, None))
                continue
            default = p.default if p.default is not p.empty else ...
            if marker is None:
                if p.name in path_names:
                    marker = params.Path(default)
                elif _is_body_type(annotation):
                    marker = params.Body(default)
                else:
                    marker = params.Query(default)
            self.params.append((p.name, marker.in_, annotation, marker))

    def body_params(self):
        found = [(n, a, m) for n, kind, a, m in self.params if kind in ("body", "form", "file")]
        for n, kind, a, m in self.params:
            if kind == "depends":
                found.extend(m[1].body_params())
        return found


def _path_names(path):
    import re

    return re.findall(r"{([a-zA-Z_][a-zA-Z0-9_]*)", path)


def _is_body_type(annotation):
    origin = typing.get_origin(annotation)
    if origin in (typing.Union,) or str(origin) == "<class 'types.UnionType'>":
        return any(_is_body_type(a) for a in typing.get_args(annotation) if a is not type(None))
    if origin in (list, set, tuple, frozenset):
        args = typing.get_args(annotation)
        return bool(args) and _is_body_type(args[0])
    if origin is dict or annotation is dict:
        return True
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_sequence(annotation):
    origin = typing.get_origin(annotation)
    if origin in (typing.Union,) or str(origin) == "<class 'types.UnionType'>":
        return any(_is_sequence(a) for a in typing.get_args(annotation))
    return origin in (list, set, tuple, frozenset) or annotation in (list, set, tuple)


class Solved:
    def __init__(self):
        self.values = {}
        self.errors = []
        self.background = None
        self.response = Response()
        self.response.status_code = None
        self.cache = {}


async def read_body(request, dependant):
    """The parsed body (JSON or form), or raises RequestValidationError for JSON that does not
    parse, as FastAPI's get_request_handler does."""
    from .exceptions import RequestValidationError

    if not dependant.body_params():
        return None
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return await request.form()
    raw = await request.body()
    if not raw:
        return None
    if content_type and not (content_type.startswith("application/json") or "+json" in content_type.split(";")[0]):
        return raw
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", error.pos), "msg": "JSON decode error", "input": {}, "ctx": {"error": error.msg}}],
            body=raw.decode("utf-8", "replace"),
        ) from None


def _check(annotation, value, loc, marker, errors):
    try:
        return _validate.validate(annotation, value, loc, marker)
    except _validate.Errors as failed:
        errors.extend(failed.items)
        return None


async def solve(dependant, request, body, solved, stacks):
    """Values for dependant's parameters (errors collected in solved.errors)."""
    values = {}
    body_params = dependant.body_params()
    single_body = len(body_params) == 1 and not getattr(body_params[0][2], "embed", False)
    for name, kind, annotation, marker in dependant.params:
        if kind == "depends":
            depends, sub = marker
            key = sub.call
            if depends.use_cache and key in solved.cache:
                values[name] = solved.cache[key]
                continue
            sub_values = await solve(sub, request, body, solved, stacks)
            if solved.errors:
                values[name] = None
                continue
            values[name] = solved.cache[key] = await call_dependency(sub, sub_values, stacks[depends.scope == "function"])
            continue
        if kind == "request":
            values[name] = request
            continue
        if kind == "background":
            if solved.background is None:
                solved.background = BackgroundTasks()
            values[name] = solved.background
            continue
        if kind == "response":
            values[name] = solved.response
            continue
        alias = marker.alias or name
        if kind == "path":
            raw = request.path_params.get(alias, _validate.MISSING)
            loc = ("path", alias)
        elif kind == "query":
            raw = request.query_params.getlist(alias) if _is_sequence(annotation) else request.query_params.get(alias, _validate.MISSING)
            if raw == [] and _is_sequence(annotation):
                raw = _validate.MISSING
            loc = ("query", alias)
        elif kind == "header":
            header = marker.alias or (name.replace("_", "-") if marker.convert_underscores else name)
            raw = request.headers.getlist(header) if _is_sequence(annotation) else request.headers.get(header, _validate.MISSING)
            loc = ("header", header)
        elif kind == "cookie":
            raw = request.cookies.get(alias, _validate.MISSING)
            loc = ("cookie", alias)
        else:
            if single_body:
                raw = _validate.MISSING if body is None else body
                loc = ("body",)
            else:
                raw = body.get(alias, _validate.MISSING) if isinstance(body, dict) or hasattr(body, "getlist") else _validate.MISSING
                loc = ("body", alias)
        if raw is _validate.MISSING:
            if marker.is_required():
                solved.errors.append({"type": "missing", "loc": loc, "msg": "Field required", "input": None})
            else:
                values[name] = marker.get_default()
            continue
        values[name] = _check(annotation, raw, loc, marker, solved.errors)
    return values


async def call_dependency(dependant, values, stack):
    call = dependant.call
    if dependant.is_async_gen:
        return await stack.enter_async_context(contextlib.asynccontextmanager(call)(**values))
    if dependant.is_gen:
        cm = contextlib.contextmanager(call)(**values)
        value = await run_in_threadpool(cm.__enter__)

        async def close(exc_type, exc, tb):
            return await run_in_threadpool(cm.__exit__, exc_type, exc, tb)

        stack.push_async_exit(close)
        return value
    if dependant.is_async:
        return await call(**values)
    return await run_in_threadpool(call, **values)


__all__ = ["Dependant", "Solved", "read_body", "solve", "call_dependency", "Request"]
