"""Simulator stub of aiohttp 3.14 (client side) on the latency model.

Timeouts behave as aiohttp's: a session's default is ClientTimeout(total=300, sock_connect=30);
`total` covers the whole request and, when it fires, the request raises a bare
asyncio.TimeoutError; aiohttp rounds a timeout longer than ceil_threshold (5 s) up to the next whole
second of loop.time() (helpers.calculate_timeout_when / ceil_timeout), so total=10 fires between
10 and 11 s after the call. `sock_read` fires SocketTimeoutError("Timeout on reading data from
socket") after that long without data. Connects are instant unless a rule says otherwise: a
refused connection raises ClientConnectorError ("Cannot connect to host h:p ssl:default [Connect
call failed ('h', p)]", asyncio's OSError text), a dropped one raises
ConnectionTimeoutError("Connection timeout to host <url>") when `connect` or `sock_connect` runs
out first, or the bare TimeoutError when `total` does. Status, headers and body are the answer's.
"""

import asyncio
import datetime
import json as _json
import math
from urllib.parse import urlencode, urlsplit

from _deadline import network

__version__ = "3.14.3"


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientOSError(ClientConnectionError, OSError):
    pass


class ClientConnectorError(ClientOSError):
    """aiohttp 3.14.3's text: "Cannot connect to host {host}:{port} ssl:{default|...} [{strerror}]"."""

    def __init__(self, connection_key, os_error):
        self._conn_key = connection_key
        self._os_error = os_error
        super().__init__(os_error.errno, os_error.strerror)
        self.args = (connection_key, os_error)

    @property
    def os_error(self):
        return self._os_error

    @property
    def host(self):
        return self._conn_key.host

    @property
    def port(self):
        return self._conn_key.port

    @property
    def ssl(self):
        return self._conn_key.ssl

    def __str__(self):
        return "Cannot connect to host {0.host}:{0.port} ssl:{1} [{2}]".format(
            self, "default" if self.ssl is True else self.ssl, self.strerror
        )


class ServerConnectionError(ClientConnectionError):
    pass


class ServerDisconnectedError(ServerConnectionError):
    pass


class ServerTimeoutError(ServerConnectionError, asyncio.TimeoutError):
    pass


class ConnectionTimeoutError(ServerTimeoutError):
    pass


class SocketTimeoutError(ServerTimeoutError):
    pass


class ClientResponseError(ClientError):
    def __init__(self, request_info, history, *, status=None, message="", headers=None):
        self.request_info = request_info
        self.history = history
        self.status = status or 0
        self.message = message
        self.headers = headers
        super().__init__(request_info)

    def __str__(self):
        return f"{self.status}, message={self.message!r}, url={str(self.request_info.real_url)!r}"


class ContentTypeError(ClientResponseError):
    pass


class ClientPayloadError(ClientError):
    pass


class InvalidURL(ClientError, ValueError):
    def __init__(self, url, description=None):
        self._url = url
        self._description = description
        super().__init__(url) if description is None else super().__init__(url, description)

    def __str__(self):
        return str(self._url) if self._description is None else f"{self._url} - {self._description}"


class TooManyRedirects(ClientResponseError):
    pass


for _cls in (ClientError, ClientConnectionError, ClientOSError, ClientConnectorError, ServerConnectionError,
             ServerDisconnectedError, ServerTimeoutError, ConnectionTimeoutError, SocketTimeoutError,
             ClientResponseError, ContentTypeError, ClientPayloadError, InvalidURL, TooManyRedirects):
    _cls.__module__ = "aiohttp.client_exceptions"


class _ConnectionKey:
    """aiohttp's ConnectionKey, as far as ClientConnectorError reads it (ssl is True by default)."""

    def __init__(self, host, port, is_ssl):
        self.host = host
        self.port = port
        self.is_ssl = is_ssl
        self.ssl = True

    def __repr__(self):
        return f"ConnectionKey(host={self.host!r}, port={self.port!r}, is_ssl={self.is_ssl!r}, ssl=True)"


class ClientTimeout:
    __slots__ = ("total", "connect", "sock_read", "sock_connect", "ceil_threshold")

    def __init__(self, total=None, connect=None, sock_read=None, sock_connect=None, ceil_threshold=5):
        object.__setattr__(self, "total", total)
        object.__setattr__(self, "connect", connect)
        object.__setattr__(self, "sock_read", sock_read)
        object.__setattr__(self, "sock_connect", sock_connect)
        object.__setattr__(self, "ceil_threshold", ceil_threshold)

    def __setattr__(self, name, value):
        raise AttributeError(f"'ClientTimeout' object attribute {name!r} is read-only")

    def __eq__(self, other):
        return isinstance(other, ClientTimeout) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    def __repr__(self):
        return ("ClientTimeout(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__) + ")")


DEFAULT_TIMEOUT = ClientTimeout(total=5 * 60, sock_connect=30)


class TCPConnector:
    def __init__(self, *args, **kwargs):
        self.limit = kwargs.get("limit", 100)
        self.closed = False

    async def close(self):
        self.closed = True


class _RequestInfo:
    def __init__(self, url, method, headers):
        self.url = self.real_url = url
        self.method = method
        self.headers = headers


class _CIHeaders(dict):
    """Enough of multidict.CIMultiDictProxy: look-ups ignore case."""

    def __getitem__(self, key):
        return super().__getitem__(str(key).lower())

    def get(self, key, default=None):
        return super().get(str(key).lower(), default)

    def __contains__(self, key):
        return super().__contains__(str(key).lower())

    def getall(self, key, default=None):
        return [self[key]] if key in self else ([] if default is None else default)


class ClientResponse:
    def __init__(self, method, url, body, elapsed, status=200, reason="OK", headers=None):
        self.method = method
        self.url = self.real_url = url
        self.status = status
        self.reason = reason
        self.ok = status < 400
        headers = {str(k).lower(): v for k, v in (headers or {}).items()}
        headers.setdefault("content-type", "application/json")
        headers["content-length"] = str(len(body))
        self.headers = _CIHeaders(headers)
        kind, _, params = headers["content-type"].partition(";")
        self.content_type = kind.strip().lower()
        self.charset = None
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.lower() == "charset":
                self.charset = value.strip("'\" ")
        self.history = ()
        self.request_info = _RequestInfo(url, method, {})
        self._body = body
        self.elapsed = datetime.timedelta(seconds=elapsed)
        self.closed = False

    async def read(self):
        return self._body

    async def text(self, encoding=None, errors="strict"):
        return self._body.decode(encoding or self.charset or "utf-8", errors)

    async def json(self, *, encoding=None, loads=_json.loads, content_type="application/json"):
        # aiohttp 3.14.3 ClientResponse.json: a body whose content type is not JSON raises.
        if content_type and not (self.content_type == content_type or self.content_type.endswith("+json")):
            raise ContentTypeError(
                self.request_info, self.history, status=self.status,
                message=f"Attempt to decode JSON with unexpected mimetype: {self.content_type}",
                headers=self.headers,
            )
        return loads(self._body.decode(encoding or self.charset or "utf-8"))

    def raise_for_status(self):
        if not self.ok:
            raise ClientResponseError(self.request_info, self.history, status=self.status,
                                      message=self.reason, headers=self.headers)

    def release(self):
        self.closed = True

    def close(self):
        self.closed = True

    async def wait_for_close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *args):
        self.release()

    def __repr__(self):
        return f"<ClientResponse({self.url}) [{self.status} {self.reason}]>"


class _RequestContextManager:
    """What session.get() returns: awaitable, and an async context manager."""

    __slots__ = ("_coro", "_resp")

    def __init__(self, coro):
        self._coro = coro
        self._resp = None

    def __await__(self):
        return self._coro.__await__()

    async def __aenter__(self):
        self._resp = await self._coro
        return self._resp

    async def __aexit__(self, *args):
        if self._resp is not None:
            self._resp.release()


class ClientSession:
    def __init__(self, base_url=None, *, timeout=None, headers=None, raise_for_status=False,
                 connector=None, **_ignored):
        # aiohttp binds the session to the running loop and fails outside one.
        self._loop = asyncio.get_running_loop()
        if timeout is None:
            self._timeout = DEFAULT_TIMEOUT
        elif not isinstance(timeout, ClientTimeout):
            raise ValueError(
                f"timeout parameter cannot be of {type(timeout)} type, please use 'timeout=ClientTimeout(...)'"
            )
        else:
            self._timeout = timeout
        self._base_url = base_url
        self.headers = dict(headers or {})
        self._raise_for_status = raise_for_status
        self._closed = False

    @property
    def closed(self):
        return self._closed

    @property
    def timeout(self):
        return self._timeout

    async def close(self):
        self._closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *args):
        await self.close()

    def request(self, method, url, **kwargs):
        return _RequestContextManager(self._request(method, url, **kwargs))

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

    async def _request(self, method, url, *, params=None, data=None, json=None, headers=None,
                       timeout=None, raise_for_status=None, **_ignored):
        if self._closed:
            raise RuntimeError("Session is closed")
        line = network.caller_line()
        url = str(url)
        if self._base_url is not None and not urlsplit(url).scheme:
            url = str(self._base_url).rstrip("/") + "/" + url.lstrip("/")
        if urlsplit(url).scheme not in ("http", "https", "ws", "wss"):
            raise InvalidURL(url)
        if params:
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(params, doseq=True)}"
        if timeout is None:
            config = self._timeout
        elif isinstance(timeout, ClientTimeout):
            config = timeout
        else:
            config = ClientTimeout(total=timeout)

        loop = asyncio.get_running_loop()
        start = loop.time()

        def when(delay):
            if not delay or delay <= 0:
                return None
            at = start + delay
            return math.ceil(at) if delay > config.ceil_threshold else at

        total_at = when(config.total)
        connect_limits = [t for t in (when(config.connect), when(config.sock_connect)) if t is not None]
        connect_by = min(connect_limits) if connect_limits else None
        target = network.Target(url, method.upper())
        outcome = await network.exchange_async(
            method.upper(), target, line, connect_by=connect_by, read=config.sock_read or None,
            total_by=total_at, names={network.READ_TIMEOUT: "sock_read timeout", network.CONNECT_TIMEOUT: "sock_connect timeout"},
        )
        if outcome == network.REFUSED:
            address = "127.0.0.1" if target.host == "localhost" else target.host
            raise ClientConnectorError(
                _ConnectionKey(target.host, target.port, target.scheme in ("https", "wss")),
                ConnectionRefusedError(111, f"Connect call failed ('{address}', {target.port})"),
            )
        if outcome == network.CONNECT_TIMEOUT:
            raise ConnectionTimeoutError(f"Connection timeout to host {url}")
        if outcome == network.TOTAL_TIMEOUT:
            raise asyncio.TimeoutError()
        if outcome == network.READ_TIMEOUT:
            raise SocketTimeoutError("Timeout on reading data from socket")
        response = ClientResponse(method.upper(), url, target.body, loop.time() - start, target.status,
                                  target.reason, target.headers)
        if raise_for_status if raise_for_status is not None else self._raise_for_status:
            response.raise_for_status()
        return response


def request(method, url, **kwargs):
    async def run():
        async with ClientSession() as session:
            return await session._request(method, url, **kwargs)

    return _RequestContextManager(run())
