"""urllib3's connection pools on the simulated network. urlopen is where retries happen, as in
urllib3 2.7.0's HTTPConnectionPool.urlopen: each attempt is one network span; an error is turned
into urllib3's own (NewConnectionError for a refused connect, ConnectTimeoutError, ReadTimeoutError),
counted by Retry.increment (which raises MaxRetryError once exhausted) and followed by Retry.sleep();
a response whose status Retry.is_retry accepts is counted the same way and followed by
Retry.sleep(response), which honours Retry-After."""

from urllib.parse import urljoin, urlsplit

from _deadline import network

from ._collections import HTTPHeaderDict
from .connection import HTTPConnection, HTTPSConnection
from .exceptions import (
    ClosedPoolError,
    ConnectTimeoutError,
    HostChangedError,
    LocationValueError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
)
from .response import HTTPResponse
from .util.retry import Retry
from .util.timeout import _DEFAULT_TIMEOUT, Timeout

port_by_scheme = {"http": 80, "https": 443}


class ConnectionPool:
    scheme = None

    def __init__(self, host, port=None):
        if not host:
            raise LocationValueError("No host specified.")
        self.host = host.strip("[]").lower()
        self.port = port

    def __str__(self):
        return f"{type(self).__name__}(host={self.host!r}, port={self.port!r})"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        pass


class HTTPConnectionPool(ConnectionPool):
    scheme = "http"
    ConnectionCls = HTTPConnection

    def __init__(self, host, port=None, timeout=_DEFAULT_TIMEOUT, maxsize=1, block=False, headers=None,
                 retries=None, **_ignored):
        super().__init__(host, port or port_by_scheme[self.scheme])
        if not isinstance(timeout, Timeout):
            timeout = Timeout.from_float(timeout)
        if retries is None:
            retries = Retry.DEFAULT
        self.timeout = timeout
        self.retries = retries
        self.headers = headers or {}
        self.num_connections = 0
        self.num_requests = 0
        self._closed = False

    def close(self):
        self._closed = True

    def _absolute(self, url):
        if urlsplit(url).scheme:
            return url
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = port_by_scheme[self.scheme] == self.port
        return f"{self.scheme}://{host}{'' if default else f':{self.port}'}{url if url.startswith('/') else '/' + url}"

    def is_same_host(self, url):
        parts = urlsplit(url)
        if not parts.scheme:
            return True
        port = parts.port or port_by_scheme.get(parts.scheme)
        return (parts.scheme, (parts.hostname or "").lower(), port) == (self.scheme, self.host, self.port)

    def _get_timeout(self, timeout):
        if timeout is _DEFAULT_TIMEOUT:
            return self.timeout.clone()
        if isinstance(timeout, Timeout):
            return timeout.clone()
        return Timeout.from_float(timeout)

    def request(self, method, url, body=None, fields=None, headers=None, json=None, **urlopen_kw):
        return self.urlopen(method, url, body=body, headers=headers, **urlopen_kw)

    def urlopen(self, method, url, body=None, headers=None, retries=None, redirect=True,
                assert_same_host=True, timeout=_DEFAULT_TIMEOUT, pool_timeout=None, release_conn=None,
                chunked=False, body_pos=None, preload_content=True, decode_content=True, **response_kw):
        if self._closed:
            raise ClosedPoolError(self, "Pool is closed.")
        line = network.caller_line()
        method = str(method).upper()
        if headers is None:
            headers = self.headers
        if not isinstance(retries, Retry):
            retries = Retry.from_int(retries, redirect=redirect, default=self.retries)
        if assert_same_host and not self.is_same_host(url):
            raise HostChangedError(self, url, retries)
        timeout_obj = self._get_timeout(timeout)
        attempt = 0
        while True:
            attempt += 1
            full_url = self._absolute(url)
            connect = Timeout.resolve_default_timeout(timeout_obj.connect_timeout)
            read = Timeout.resolve_default_timeout(timeout_obj.read_timeout)
            target = network.Target(full_url, method)
            self.num_requests += 1
            note = f"retry {attempt - 1}" if attempt > 1 else None
            outcome = network.exchange_sync(method, target, line, connect=connect, read=read, note=note)
            if outcome != network.OK:
                if outcome == network.REFUSED:
                    error = NewConnectionError(
                        self.ConnectionCls(self.host, self.port, timeout=connect),
                        "Failed to establish a new connection: [Errno 111] Connection refused",
                    )
                elif outcome == network.CONNECT_TIMEOUT:
                    error = ConnectTimeoutError(
                        self.ConnectionCls(self.host, self.port, timeout=connect),
                        f"Connection to {self.host} timed out. (connect timeout={connect})",
                    )
                else:
                    error = ReadTimeoutError(self, url, f"Read timed out. (read timeout={read})")
                retries = retries.increment(method, url, error=error, _pool=self)
                retries.sleep()
                continue
            response = HTTPResponse(
                body=target.body, headers=HTTPHeaderDict(target.headers), status=target.status,
                reason=target.reason, request_method=method, request_url=full_url, retries=retries,
            )
            redirect_location = redirect and response.get_redirect_location()
            if redirect_location:
                if response.status == 303:
                    method = "GET"
                try:
                    retries = retries.increment(method, url, response=response, _pool=self)
                except MaxRetryError:
                    if retries.raise_on_redirect:
                        raise
                    return response
                retries.sleep_for_retry(response)
                url = urljoin(full_url, redirect_location)
                continue
            has_retry_after = bool(response.headers.get("Retry-After"))
            if retries.is_retry(method, response.status, has_retry_after):
                try:
                    retries = retries.increment(method, url, response=response, _pool=self)
                except MaxRetryError:
                    if retries.raise_on_status:
                        raise
                    return response
                retries.sleep(response)
                continue
            return response


class HTTPSConnectionPool(HTTPConnectionPool):
    scheme = "https"
    ConnectionCls = HTTPSConnection


def connection_from_url(url, **kw):
    parts = urlsplit(url)
    scheme = parts.scheme or "http"
    port = parts.port or port_by_scheme.get(scheme, 80)
    cls = HTTPSConnectionPool if scheme == "https" else HTTPConnectionPool
    return cls(parts.hostname, port=port, **kw)
