"""urllib3.PoolManager: one pool per (scheme, host, port), each with the manager's retries and
timeout defaults (urllib3 2.7.0: retries=None means Retry.DEFAULT = Retry(3); timeout defaults to
the socket module's default, None)."""

import json as _json
from urllib.parse import urlencode, urlsplit

from .connectionpool import HTTPConnectionPool, HTTPSConnectionPool, port_by_scheme
from .exceptions import LocationValueError, URLSchemeUnknown

pool_classes_by_scheme = {"http": HTTPConnectionPool, "https": HTTPSConnectionPool}


class RequestMethods:
    _encode_url_methods = {"DELETE", "GET", "HEAD", "OPTIONS"}

    def __init__(self, headers=None):
        self.headers = headers or {}

    def request(self, method, url, body=None, fields=None, headers=None, json=None, **urlopen_kw):
        method = method.upper()
        if json is not None and body is not None:
            raise TypeError("request got values for both 'body' and 'json' parameters which are mutually exclusive")
        headers = dict(headers or self.headers)
        if json is not None:
            headers.setdefault("Content-Type", "application/json")
            body = _json.dumps(json, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        if fields and method in self._encode_url_methods:
            url += "?" + urlencode(fields)
        return self.urlopen(method, url, body=body, headers=headers, **urlopen_kw)


class PoolManager(RequestMethods):
    def __init__(self, num_pools=10, headers=None, **connection_pool_kw):
        super().__init__(headers)
        self.connection_pool_kw = connection_pool_kw
        self.pools = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.clear()
        return False

    def clear(self):
        self.pools.clear()

    def connection_from_host(self, host, port=None, scheme="http", pool_kwargs=None):
        if not host:
            raise LocationValueError("No host specified.")
        scheme = (scheme or "http").lower()
        if scheme not in pool_classes_by_scheme:
            raise URLSchemeUnknown(scheme)
        port = port or port_by_scheme.get(scheme, 80)
        key = (scheme, host.lower(), port)
        pool = self.pools.get(key)
        if pool is None:
            kw = {**self.connection_pool_kw, **(pool_kwargs or {})}
            pool = self.pools[key] = pool_classes_by_scheme[scheme](host, port, **kw)
        return pool

    def connection_from_url(self, url, pool_kwargs=None):
        parts = urlsplit(url)
        return self.connection_from_host(parts.hostname, port=parts.port, scheme=parts.scheme, pool_kwargs=pool_kwargs)

    def urlopen(self, method, url, redirect=True, **kw):
        parts = urlsplit(url)
        if not parts.scheme:
            raise LocationValueError(f"Failed to parse: {url}")
        conn = self.connection_from_host(parts.hostname, port=parts.port, scheme=parts.scheme)
        kw["assert_same_host"] = False
        request_uri = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return conn.urlopen(method, request_uri, redirect=redirect, **kw)


class ProxyManager(PoolManager):
    def __init__(self, proxy_url, num_pools=10, headers=None, proxy_headers=None, **connection_pool_kw):
        super().__init__(num_pools, headers, **connection_pool_kw)
        self.proxy_url = proxy_url


def proxy_from_url(url, **kw):
    return ProxyManager(proxy_url=url, **kw)
