"""The REST API / HTTP API / ALB / Function URL resolvers (event_handler/api_gateway.py): routes
with `<name>` path parameters (URL-decoded, passed as keyword arguments), app.current_event,
exception handlers, ServiceError subclasses as {"statusCode", "message"}, 404 {"statusCode": 404,
"message": "Not found"} for a path or method with no route. A route's dict return is compact JSON
(separators "," and ":"); a (dict, status) tuple sets the status; a Response is used as it is. The
result is the proxy response the event's integration expects (serializers.py)."""

import base64
import decimal
import json
import math
import re
import traceback
from http import HTTPStatus
from urllib.parse import unquote

from ..utilities.data_classes import ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionUrlEvent
from . import content_types
from .exceptions import NotFoundError, ServiceError

_SAFE_URI = "-._~()'!*:@,;="
_UNSAFE_URI = r"%<> \[\]{}|^"
_DYNAMIC_ROUTE_PATTERN = r"(<\w+>)"
_NAMED_GROUP_BOUNDARY_PATTERN = rf"(?P\1[{_SAFE_URI}{_UNSAFE_URI}\\w]+)"


class Encoder(json.JSONEncoder):
    def default(self, obj):
        if isinstance(obj, decimal.Decimal):
            if obj.is_nan():
                return math.nan
            return str(obj)
        return super().default(obj)


def _serialize(value):
    return json.dumps(value, separators=(",", ":"), cls=Encoder)


class CORSConfig:
    def __init__(self, allow_origin="*", extra_origins=None, allow_headers=None, expose_headers=None,
                 max_age=None, allow_credentials=False):
        self.allow_origin = allow_origin
        self.extra_origins = extra_origins or []
        self.allow_headers = allow_headers or []
        self.expose_headers = expose_headers or []
        self.max_age = max_age
        self.allow_credentials = allow_credentials

    def to_dict(self, origin):
        headers = {"Access-Control-Allow-Origin": self.allow_origin if self.allow_origin == "*" or origin == self.allow_origin else origin}
        if self.allow_credentials:
            headers["Access-Control-Allow-Credentials"] = "true"
        return headers


class Response:
    def __init__(self, status_code, content_type=None, body=None, headers=None, cookies=None, compress=None):
        self.status_code = int(status_code)
        self.body = body
        self.base64_encoded = False
        self.headers = dict(headers or {})
        self.cookies = list(cookies or [])
        self.compress = compress
        if content_type:
            self.headers.setdefault("Content-Type", content_type)

    def is_json(self):
        content_type = self.headers.get("Content-Type", "")
        if isinstance(content_type, list):
            content_type = content_type[0]
        return content_type.startswith("application/json")


class _Route:
    def __init__(self, rule, methods, func, cors):
        self.rule = rule
        self.methods = methods
        self.func = func
        self.cors = cors
        self.regex = re.compile("^{}$".format(re.sub(_DYNAMIC_ROUTE_PATTERN, _NAMED_GROUP_BOUNDARY_PATTERN, rule)))


class Router:
    def __init__(self):
        self._routes = []
        self._exception_handlers = {}
        self.context = {}

    def route(self, rule, method=None, cors=None, compress=False, cache_control=None, summary=None, description=None,
              responses=None, response_description=None, tags=None, operation_id=None, include_in_schema=True,
              security=None, middlewares=None):
        methods = [method] if isinstance(method, str) else list(method or ["GET"])

        def decorator(func):
            self._routes.append(_Route(rule, [m.upper() for m in methods], func, cors))
            return func

        return decorator

    def get(self, rule, cors=None, compress=False, cache_control=None, **kwargs):
        return self.route(rule, "GET", cors)

    def post(self, rule, cors=None, compress=False, cache_control=None, **kwargs):
        return self.route(rule, "POST", cors)

    def put(self, rule, cors=None, compress=False, cache_control=None, **kwargs):
        return self.route(rule, "PUT", cors)

    def delete(self, rule, cors=None, compress=False, cache_control=None, **kwargs):
        return self.route(rule, "DELETE", cors)

    def patch(self, rule, cors=None, compress=False, cache_control=None, **kwargs):
        return self.route(rule, "PATCH", cors)

    def head(self, rule, cors=None, compress=False, cache_control=None, **kwargs):
        return self.route(rule, "HEAD", cors)

    def exception_handler(self, exc_class):
        def decorator(func):
            for cls in exc_class if isinstance(exc_class, (list, tuple)) else [exc_class]:
                self._exception_handlers[cls] = func
            return func

        return decorator

    def not_found(self, func=None):
        if func is None:
            return self.exception_handler(NotFoundError)
        return self.exception_handler(NotFoundError)(func)

    def append_context(self, **additional_context):
        self.context.update(**additional_context)

    def clear_context(self):
        self.context.clear()

    def use(self, middlewares):
        pass


class ApiGatewayResolver(Router):
    _event_class = APIGatewayProxyEvent

    def __init__(self, proxy_type=None, cors=None, debug=None, serializer=None, strip_prefixes=None, enable_validation=False, **kwargs):
        super().__init__()
        if isinstance(proxy_type, CORSConfig):
            proxy_type, cors = None, proxy_type
        if proxy_type is not None:
            self._event_class = {
                "APIGatewayProxyEvent": APIGatewayProxyEvent, "APIGatewayProxyEventV2": APIGatewayProxyEventV2,
                "ALBEvent": ALBEvent, "LambdaFunctionUrlEvent": LambdaFunctionUrlEvent,
            }.get(getattr(proxy_type, "value", proxy_type), APIGatewayProxyEvent)
        self._cors = cors
        self._debug = bool(debug)
        self._serializer = serializer or _serialize
        self._strip_prefixes = strip_prefixes or []
        self.current_event = None
        self.lambda_context = None

    def include_router(self, router, prefix=None):
        for route in router._routes:
            rule = (prefix.rstrip("/") + route.rule if route.rule != "/" else prefix) if prefix else route.rule
            self._routes.append(_Route(rule, route.methods, route.func, route.cors))
        self._exception_handlers.update(router._exception_handlers)
        router.api_resolver = self

    def _path(self, event):
        path = event.path
        for prefix in self._strip_prefixes:
            text = prefix if isinstance(prefix, str) else None
            if text and (path == text or path.startswith(text + "/")):
                path = path[len(text):] or "/"
                break
            if not isinstance(prefix, str) and prefix.match(path):
                path = prefix.sub("", path, count=1) or "/"
                break
        return path

    def _lookup(self, exc):
        for cls in type(exc).__mro__:
            if cls in self._exception_handlers:
                return self._exception_handlers[cls]
        return None

    def _to_response(self, result):
        status = HTTPStatus.OK
        if isinstance(result, Response):
            return result
        if isinstance(result, tuple) and len(result) == 2:
            result, status = result
        return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=result)

    def _call(self, route, args):
        try:
            return self._to_response(route.func(**args))
        except Exception as exc:
            handler = self._lookup(exc)
            if handler is not None:
                return self._to_response(handler(exc))
            if isinstance(exc, ServiceError):
                return Response(exc.status_code, content_types.APPLICATION_JSON, {"statusCode": int(exc.status_code), "message": exc.msg})
            if self._debug:
                return Response(500, content_types.TEXT_PLAIN, "".join(traceback.format_exc()))
            raise

    def _resolve(self):
        method = self.current_event.http_method.upper()
        path = self._path(self.current_event)
        for route in self._routes:
            found = route.regex.match(path)
            if not found or method not in route.methods:
                continue
            return self._call(route, {k: unquote(v) for k, v in found.groupdict().items()})
        handler = self._exception_handlers.get(NotFoundError)
        if handler is not None:
            return self._to_response(handler(NotFoundError()))
        return Response(HTTPStatus.NOT_FOUND.value, content_types.APPLICATION_JSON, {"statusCode": HTTPStatus.NOT_FOUND.value, "message": "Not found"})

    def resolve(self, event, context):
        if not isinstance(event, dict):
            raise TypeError(f"Invalid event type: expected a dict, got {type(event).__name__}")
        self.current_event = self._event_class(event)
        self.lambda_context = context
        response = self._resolve()
        if response.is_json() and not isinstance(response.body, str):
            response.body = self._serializer(response.body)
        if self._cors is not None:
            response.headers.update(self._cors.to_dict(self.current_event.get_header_value("origin")))
        if isinstance(response.body, bytes):
            response.base64_encoded = True
            response.body = base64.b64encode(response.body).decode()
        out = {"statusCode": response.status_code, "body": response.body, "isBase64Encoded": response.base64_encoded}
        out.update(self.current_event.header_serializer()(response.headers, response.cookies))
        self.clear_context()
        return out

    def __call__(self, event, context):
        return self.resolve(event, context)


class APIGatewayRestResolver(ApiGatewayResolver):
    def __init__(self, cors=None, debug=None, serializer=None, strip_prefixes=None, enable_validation=False, **kwargs):
        super().__init__(None, cors, debug, serializer, strip_prefixes, enable_validation)

    _event_class = APIGatewayProxyEvent


class APIGatewayHttpResolver(ApiGatewayResolver):
    def __init__(self, cors=None, debug=None, serializer=None, strip_prefixes=None, enable_validation=False, **kwargs):
        super().__init__(None, cors, debug, serializer, strip_prefixes, enable_validation)

    _event_class = APIGatewayProxyEventV2


class LambdaFunctionUrlResolver(ApiGatewayResolver):
    def __init__(self, cors=None, debug=None, serializer=None, strip_prefixes=None, enable_validation=False, **kwargs):
        super().__init__(None, cors, debug, serializer, strip_prefixes, enable_validation)

    _event_class = LambdaFunctionUrlEvent


class ALBResolver(ApiGatewayResolver):
    def __init__(self, cors=None, debug=None, serializer=None, strip_prefixes=None, enable_validation=False, **kwargs):
        super().__init__(None, cors, debug, serializer, strip_prefixes, enable_validation)

    _event_class = ALBEvent


class ProxyEventType:
    APIGatewayProxyEvent = "APIGatewayProxyEvent"
    APIGatewayProxyEventV2 = "APIGatewayProxyEventV2"
    ALBEvent = "ALBEvent"
    LambdaFunctionUrlEvent = "LambdaFunctionUrlEvent"


APIRouter = Router
