"""HttpRequest and HttpResponse as azure-functions 1.22.0b4 defines them (azure/functions/_http.py):
a response defaults to status 200, mimetype text/plain, charset utf-8, and its body must be str or
bytes; a request's get_json() is json.loads of the body (ValueError when it is not JSON)."""

import http
import json
import types
from urllib.parse import parse_qsl


class _Headers(dict):
    """Case-insensitive headers."""

    def __init__(self, source=None):
        super().__init__()
        for key, value in dict(source or {}).items():
            self[key] = value

    def __setitem__(self, key, value):
        super().__setitem__(str(key).lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(str(key).lower())

    def get(self, key, default=None):
        return super().get(str(key).lower(), default)

    def __contains__(self, key):
        return super().__contains__(str(key).lower())

    def add_header(self, key, value):
        self[key] = value


class HttpResponse:
    def __init__(self, body=None, *, status_code=None, headers=None, mimetype=None, charset=None):
        if status_code is None:
            status_code = 200
        if isinstance(status_code, http.HTTPStatus):
            status_code = status_code.value
        self.__status_code = status_code
        self.__mimetype = "text/plain" if mimetype is None else mimetype
        self.__charset = "utf-8" if charset is None else charset
        self.__headers = _Headers()
        for key, value in (headers or {}).items():
            self.__headers.add_header(key, value)
        if body is not None:
            if isinstance(body, str):
                body = body.encode(self.__charset)
            if not isinstance(body, (bytes, bytearray)):
                raise TypeError(f"response is expected to be either of str, bytes, or bytearray, got {type(body).__name__}")
            self.__body = bytes(body)
        else:
            self.__body = b""

    mimetype = property(lambda self: self.__mimetype)
    charset = property(lambda self: self.__charset)
    headers = property(lambda self: self.__headers)
    status_code = property(lambda self: self.__status_code)

    def get_body(self):
        return self.__body


class HttpRequest:
    def __init__(self, method, url, *, headers=None, params=None, route_params=None, body=b""):
        self.__method = method
        self.__url = url
        self.__headers = _Headers(headers or {})
        self.__params = types.MappingProxyType(dict(params or {}))
        self.__route_params = types.MappingProxyType(dict(route_params or {}))
        self.__body = body or b""

    url = property(lambda self: self.__url)
    method = property(lambda self: self.__method.upper())
    headers = property(lambda self: self.__headers)
    params = property(lambda self: self.__params)
    route_params = property(lambda self: self.__route_params)

    def get_body(self):
        return self.__body

    def get_json(self):
        return json.loads(self.__body.decode("utf-8"))

    @property
    def form(self):
        content_type = self.__headers.get("content-type", "")
        if content_type.startswith("application/x-www-form-urlencoded"):
            return dict(parse_qsl(self.__body.decode("utf-8", "replace"), keep_blank_values=True))
        return {}

    @property
    def files(self):
        return {}
