"""The run's event read as one HTTP request, for runtimes that serve HTTP (WSGI, ASGI, Vercel's
BaseHTTPRequestHandler, Azure's and Google's HTTP triggers).

The simulator's own shape is {"method", "path", "query", "headers", "body"}; an API Gateway
(REST v1 or HTTP API v2) or ALB event is read the same way, since that is what people have at hand.
A body that is not a string is sent as JSON, with a JSON content type unless one was given.
"""

import base64
import json
from urllib.parse import urlencode


class HttpRequest:
    __slots__ = ("method", "path", "query", "headers", "body")

    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        # [(name, value)] as sent, names in the case given
        self.headers = headers
        self.body = body

    def header(self, name, default=None):
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return default

    @property
    def target(self):
        return f"{self.path}?{self.query}" if self.query else self.path


def _query_from(params):
    if not params:
        return ""
    if isinstance(params, str):
        return params.lstrip("?")
    pairs = []
    for key, value in dict(params).items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((str(key), "" if item is None else str(item)))
    return urlencode(pairs)


def read(event):
    event = event if isinstance(event, dict) else {}
    context = event.get("requestContext") if isinstance(event.get("requestContext"), dict) else {}
    http = context.get("http") if isinstance(context.get("http"), dict) else {}
    method = event.get("method") or event.get("httpMethod") or http.get("method") or "GET"
    path = event.get("path") or event.get("rawPath") or http.get("path") or "/"
    path = str(path)
    path, _, inline_query = path.partition("?")
    query = event.get("query")
    if query is None:
        query = event.get("rawQueryString")
    if query is None:
        query = event.get("multiValueQueryStringParameters") or event.get("queryStringParameters")
    query = _query_from(query) or inline_query
    headers = []
    raw_headers = event.get("headers") or {}
    if isinstance(raw_headers, dict):
        headers = [(str(k), str(v)) for k, v in raw_headers.items()]
    elif isinstance(raw_headers, (list, tuple)):
        headers = [(str(k), str(v)) for k, v in raw_headers]
    body = event.get("body")
    if body is None:
        data = b""
    elif isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()
    else:
        data = json.dumps(body).encode()
        if not any(k.lower() == "content-type" for k, _ in headers):
            headers.append(("content-type", "application/json"))
    if data and not any(k.lower() == "content-length" for k, _ in headers):
        headers.append(("content-length", str(len(data))))
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ("host", "localhost"))
    return HttpRequest(str(method).upper(), path or "/", query, headers, data)


def looks_like_http(event):
    """True when the event is shaped like a request rather than a plain payload."""
    return isinstance(event, dict) and bool(
        {"method", "httpMethod", "rawPath"} & set(event) or ("path" in event and "headers" in event)
    )


def decode_body(data):
    """A response body as text when it is UTF-8, else base64 (as Vercel and API Gateway do)."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(data).decode("ascii"), True
