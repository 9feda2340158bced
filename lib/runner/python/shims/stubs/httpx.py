"""Simulator stub of httpx 0.28: Client, AsyncClient, module functions, Timeout and the exception
hierarchy, on the latency model.

httpx's default timeout is 5 s on every operation (DEFAULT_TIMEOUT_CONFIG = Timeout(5.0)), so a
call to a slow host without timeout= raises ReadTimeout after 5 s. The messages are httpx's, which
are httpcore 1.0.9's str(exc) of what the socket layer raised: the sync transport maps
socket.timeout("timed out") (over https, a read is the ssl module's TimeoutError("The read operation
timed out")) and the OSError of a refused connect ("[Errno 111] Connection refused"); the async one maps anyio's bare TimeoutError (so its timeouts have an empty message) and
anyio 4's OSError("All connection attempts failed") for a refused connect. A dropped connection
raises ConnectTimeout after the connect timeout. Status, headers and body are the answer's;
raise_for_status() raises HTTPStatusError with httpx 0.28.1's two-line message. httpx itself does
not retry (HTTPTransport(retries=0)).
"""

import contextlib
import datetime
import enum
import http as _http
import json as _json
from urllib.parse import urlencode, urljoin, urlsplit

from _deadline import network

__version__ = "0.28.1"


# ---- exceptions (httpx/_exceptions.py hierarchy) ---------------------------------------------


class HTTPError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self._request = None

    @property
    def request(self):
        if self._request is None:
            raise RuntimeError("The .request property has not been set.")
        return self._request

    @request.setter
    def request(self, request):
        self._request = request


class RequestError(HTTPError):
    def __init__(self, message, *, request=None):
        super().__init__(message)
        self._request = request


class TransportError(RequestError):
    pass


class TimeoutException(TransportError):
    pass


class ConnectTimeout(TimeoutException):
    pass


class ReadTimeout(TimeoutException):
    pass


class WriteTimeout(TimeoutException):
    pass


class PoolTimeout(TimeoutException):
    pass


class NetworkError(TransportError):
    pass


class ReadError(NetworkError):
    pass


class WriteError(NetworkError):
    pass


class ConnectError(NetworkError):
    pass


class CloseError(NetworkError):
    pass


class ProxyError(TransportError):
    pass


class UnsupportedProtocol(TransportError):
    pass


class ProtocolError(TransportError):
    pass


class LocalProtocolError(ProtocolError):
    pass


class RemoteProtocolError(ProtocolError):
    pass


class DecodingError(RequestError):
    pass


class TooManyRedirects(RequestError):
    pass


class HTTPStatusError(HTTPError):
    def __init__(self, message, *, request, response):
        super().__init__(message)
        self.request = request
        self.response = response


class InvalidURL(Exception):
    pass


class StreamError(RuntimeError):
    pass


# ---- configuration ---------------------------------------------------------------------------


class UnsetType:
    pass


UNSET = UnsetType()


class UseClientDefault:
    pass


USE_CLIENT_DEFAULT = UseClientDefault()


class Timeout:
    def __init__(self, timeout=UNSET, *, connect=UNSET, read=UNSET, write=UNSET, pool=UNSET):
        if isinstance(timeout, Timeout):
            self.connect, self.read, self.write, self.pool = timeout.connect, timeout.read, timeout.write, timeout.pool
        elif isinstance(timeout, tuple):
            self.connect = timeout[0]
            self.read = timeout[1]
            self.write = None if len(timeout) < 3 else timeout[2]
            self.pool = None if len(timeout) < 4 else timeout[3]
        elif not any(isinstance(v, UnsetType) for v in (connect, read, write, pool)):
            self.connect, self.read, self.write, self.pool = connect, read, write, pool
        else:
            if isinstance(timeout, UnsetType):
                raise ValueError(
                    "httpx.Timeout must either include a default, or set all four parameters explicitly."
                )
            self.connect = timeout if isinstance(connect, UnsetType) else connect
            self.read = timeout if isinstance(read, UnsetType) else read
            self.write = timeout if isinstance(write, UnsetType) else write
            self.pool = timeout if isinstance(pool, UnsetType) else pool

    def as_dict(self):
        return {"connect": self.connect, "read": self.read, "write": self.write, "pool": self.pool}

    def __eq__(self, other):
        return isinstance(other, Timeout) and self.as_dict() == other.as_dict()

    def __repr__(self):
        values = {self.connect, self.read, self.write, self.pool}
        if len(values) == 1:
            return f"Timeout(timeout={self.connect})"
        return f"Timeout(connect={self.connect}, read={self.read}, write={self.write}, pool={self.pool})"


class Limits:
    def __init__(self, *, max_connections=None, max_keepalive_connections=None, keepalive_expiry=5.0):
        self.max_connections = max_connections
        self.max_keepalive_connections = max_keepalive_connections
        self.keepalive_expiry = keepalive_expiry


DEFAULT_TIMEOUT_CONFIG = Timeout(timeout=5.0)
DEFAULT_LIMITS = Limits(max_connections=100, max_keepalive_connections=20)


class codes(enum.IntEnum):
    CONTINUE = 100
    OK = 200
    CREATED = 201
    ACCEPTED = 202
    NO_CONTENT = 204
    BAD_REQUEST = 400
    UNAUTHORIZED = 401
    FORBIDDEN = 403
    NOT_FOUND = 404
    TOO_MANY_REQUESTS = 429
    INTERNAL_SERVER_ERROR = 500
    BAD_GATEWAY = 502
    SERVICE_UNAVAILABLE = 503
    GATEWAY_TIMEOUT = 504


# ---- models ----------------------------------------------------------------------------------


class URL:
    def __init__(self, url=""):
        self._url = str(url)
        parts = urlsplit(self._url)
        self.scheme = parts.scheme
        self.host = parts.hostname or ""
        self.port = parts.port
        self.path = parts.path or "/"
        self.query = parts.query.encode()
        self.fragment = parts.fragment

    def __str__(self):
        return self._url

    def __repr__(self):
        return f"URL({self._url!r})"

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(self._url)


class Headers(dict):
    def __init__(self, headers=None):
        super().__init__()
        for key, value in dict(headers or {}).items():
            self[key] = value

    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def get(self, key, default=None):
        return super().get(key.lower(), default)

    def __contains__(self, key):
        return super().__contains__(str(key).lower())


class Request:
    def __init__(self, method, url, *, headers=None, content=None):
        self.method = method.upper()
        self.url = URL(url)
        self.headers = Headers(headers)
        self.content = content or b""

    def __repr__(self):
        return f"<Request({self.method!r}, {str(self.url)!r})>"


class Response:
    def __init__(self, status_code=200, *, request=None, content=b"", headers=None, elapsed=0.0):
        self.status_code = status_code
        self._request = request
        self.content = content
        self.headers = Headers(headers or {"content-type": "application/json", "content-length": str(len(content))})
        self.elapsed = datetime.timedelta(seconds=elapsed)
        self.http_version = "HTTP/1.1"
        self.encoding = "utf-8"
        self.is_closed = True
        self.is_stream_consumed = True

    @property
    def request(self):
        if self._request is None:
            raise RuntimeError("The request instance has not been set on this response.")
        return self._request

    @property
    def url(self):
        return self.request.url

    @property
    def reason_phrase(self):
        try:
            return _http.HTTPStatus(self.status_code).phrase
        except ValueError:
            return ""

    @property
    def text(self):
        return self.content.decode(self.encoding)

    @property
    def is_success(self):
        return 200 <= self.status_code < 300

    @property
    def is_error(self):
        return self.status_code >= 400

    @property
    def is_client_error(self):
        return 400 <= self.status_code < 500

    @property
    def is_server_error(self):
        return 500 <= self.status_code < 600

    @property
    def is_redirect(self):
        return False

    def json(self, **kwargs):
        return _json.loads(self.content, **kwargs)

    @property
    def has_redirect_location(self):
        return self.status_code in (301, 302, 303, 307, 308) and "location" in self.headers

    def raise_for_status(self):
        # httpx 0.28.1 Response.raise_for_status: anything but 2xx raises, with this text.
        if self.is_success:
            return self
        error_type = {1: "Informational response", 3: "Redirect response", 4: "Client error",
                      5: "Server error"}.get(self.status_code // 100, "Invalid status code")
        message = f"{error_type} '{self.status_code} {self.reason_phrase}' for url '{self.url}'\n"
        if self.has_redirect_location:
            message += f"Redirect location: '{self.headers['location']}'\n"
        message += f"For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/{self.status_code}"
        raise HTTPStatusError(message, request=self.request, response=self)

    def read(self):
        return self.content

    async def aread(self):
        return self.content

    def iter_bytes(self, chunk_size=None):
        yield self.content

    def iter_text(self, chunk_size=None):
        yield self.text

    def iter_lines(self):
        yield from self.text.splitlines()

    def iter_raw(self, chunk_size=None):
        yield self.content

    async def aiter_bytes(self, chunk_size=None):
        yield self.content

    async def aiter_text(self, chunk_size=None):
        yield self.text

    async def aiter_lines(self):
        for line in self.text.splitlines():
            yield line

    def close(self):
        pass

    async def aclose(self):
        pass

    def __repr__(self):
        return f"<Response [{self.status_code} {self.reason_phrase}]>"


# ---- clients ---------------------------------------------------------------------------------


def _response(target, request, elapsed):
    headers = dict(target.headers)
    headers.setdefault("content-type", target.content_type)
    headers["content-length"] = str(len(target.body))
    return Response(target.status, request=request, content=target.body, headers=headers, elapsed=elapsed)


def _timeout(value):
    if isinstance(value, Timeout):
        return value
    if value is None:
        return Timeout(None)
    return Timeout(value)


def _build_url(base_url, url, params):
    url = str(url)
    if base_url and not urlsplit(url).scheme:
        base = str(base_url)
        url = urljoin(base if base.endswith("/") else base + "/", url.lstrip("/"))
    scheme = urlsplit(url).scheme
    if not scheme:
        raise UnsupportedProtocol("Request URL is missing an 'http://' or 'https://' protocol.")
    if scheme not in ("http", "https"):
        raise UnsupportedProtocol(f"Request URL has an unsupported protocol '{scheme}://'.")
    if params:
        query = urlencode(params, doseq=True) if not isinstance(params, str) else params
        url = f"{url}{'&' if '?' in url else '?'}{query}"
    return url


def _sync_read_timeout(url):
    """str() of what the socket raised, which httpcore's sync backend wraps (map_exceptions:
    ReadTimeout(exc)): over TLS CPython's ssl module raises TimeoutError("The read operation timed
    out") (Modules/_ssl.c, _ssl__SSLSocket_read_impl); a plain socket raises socket.timeout("timed
    out")."""
    return "The read operation timed out" if urlsplit(url).scheme == "https" else "timed out"


class _BaseClient:
    def __init__(self, *, timeout=DEFAULT_TIMEOUT_CONFIG, base_url="", headers=None, params=None,
                 follow_redirects=False, **_ignored):
        self.timeout = _timeout(timeout)
        self.base_url = URL(base_url)
        self.headers = Headers(headers)
        self.params = params
        self.follow_redirects = follow_redirects
        self.is_closed = False

    def _prepare(self, method, url, params, headers, timeout):
        if self.is_closed:
            raise RuntimeError("Cannot send a request, as the client has been closed.")
        query = {**(self.params or {}), **(params or {})} if not isinstance(params, str) else params
        full_url = _build_url(str(self.base_url), url, query)
        request = Request(method, full_url, headers={**self.headers, **dict(headers or {})})
        config = self.timeout if isinstance(timeout, UseClientDefault) else _timeout(timeout)
        return request, config


class Client(_BaseClient):
    def request(self, method, url, *, content=None, data=None, files=None, json=None, params=None,
                headers=None, cookies=None, auth=None, follow_redirects=USE_CLIENT_DEFAULT,
                timeout=USE_CLIENT_DEFAULT, extensions=None):
        line = network.caller_line()
        request, config = self._prepare(method, url, params, headers, timeout)
        target = network.Target(str(request.url), request.method)
        start = network.state.current.now()
        outcome = network.exchange_sync(request.method, target, line, connect=config.connect, read=config.read)
        if outcome == network.REFUSED:
            raise ConnectError("[Errno 111] Connection refused", request=request)
        if outcome == network.CONNECT_TIMEOUT:
            raise ConnectTimeout("timed out", request=request)
        if outcome == network.READ_TIMEOUT:
            raise ReadTimeout(_sync_read_timeout(str(request.url)), request=request)
        return _response(target, request, network.state.current.now() - start)

    @contextlib.contextmanager
    def stream(self, method, url, **kwargs):
        response = self.request(method, url, **kwargs)
        try:
            yield response
        finally:
            response.close()

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def options(self, url, **kwargs):
        return self.request("OPTIONS", url, **kwargs)

    def head(self, url, **kwargs):
        return self.request("HEAD", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)

    def put(self, url, **kwargs):
        return self.request("PUT", url, **kwargs)

    def patch(self, url, **kwargs):
        return self.request("PATCH", url, **kwargs)

    def delete(self, url, **kwargs):
        return self.request("DELETE", url, **kwargs)

    def close(self):
        self.is_closed = True

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class AsyncClient(_BaseClient):
    async def request(self, method, url, *, content=None, data=None, files=None, json=None, params=None,
                      headers=None, cookies=None, auth=None, follow_redirects=USE_CLIENT_DEFAULT,
                      timeout=USE_CLIENT_DEFAULT, extensions=None):
        line = network.caller_line()
        request, config = self._prepare(method, url, params, headers, timeout)
        target = network.Target(str(request.url), request.method)
        loop = network.asyncio.get_running_loop()
        start = loop.time()
        connect_by = None if config.connect is None else start + config.connect
        outcome = await network.exchange_async(request.method, target, line, connect_by=connect_by, read=config.read)
        if outcome == network.REFUSED:
            raise ConnectError("All connection attempts failed", request=request)
        if outcome == network.CONNECT_TIMEOUT:
            raise ConnectTimeout("", request=request)
        if outcome == network.READ_TIMEOUT:
            raise ReadTimeout("", request=request)
        return _response(target, request, loop.time() - start)

    @contextlib.asynccontextmanager
    async def stream(self, method, url, **kwargs):
        response = await self.request(method, url, **kwargs)
        try:
            yield response
        finally:
            await response.aclose()

    async def get(self, url, **kwargs):
        return await self.request("GET", url, **kwargs)

    async def options(self, url, **kwargs):
        return await self.request("OPTIONS", url, **kwargs)

    async def head(self, url, **kwargs):
        return await self.request("HEAD", url, **kwargs)

    async def post(self, url, **kwargs):
        return await self.request("POST", url, **kwargs)

    async def put(self, url, **kwargs):
        return await self.request("PUT", url, **kwargs)

    async def patch(self, url, **kwargs):
        return await self.request("PATCH", url, **kwargs)

    async def delete(self, url, **kwargs):
        return await self.request("DELETE", url, **kwargs)

    async def aclose(self):
        self.is_closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *args):
        await self.aclose()


# ---- module functions ------------------------------------------------------------------------


def request(method, url, *, params=None, content=None, data=None, files=None, json=None, headers=None,
            cookies=None, auth=None, proxy=None, timeout=DEFAULT_TIMEOUT_CONFIG, follow_redirects=False,
            verify=True, trust_env=True):
    with Client(timeout=timeout, follow_redirects=follow_redirects) as client:
        return client.request(method, url, params=params, content=content, data=data, files=files,
                              json=json, headers=headers)


@contextlib.contextmanager
def stream(method, url, **kwargs):
    yield request(method, url, **kwargs)


def get(url, **kwargs):
    return request("GET", url, **kwargs)


def options(url, **kwargs):
    return request("OPTIONS", url, **kwargs)


def head(url, **kwargs):
    return request("HEAD", url, **kwargs)


def post(url, **kwargs):
    return request("POST", url, **kwargs)


def put(url, **kwargs):
    return request("PUT", url, **kwargs)


def patch(url, **kwargs):
    return request("PATCH", url, **kwargs)


def delete(url, **kwargs):
    return request("DELETE", url, **kwargs)
