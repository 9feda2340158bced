"""Simulator stub of urllib3 2.7.0: PoolManager, connection pools, Retry, Timeout and the
exception hierarchy, on the simulated network. Retries and their backoff sleep on the virtual
clock, one network span per attempt; see util/retry.py for the formula and SOURCES.md beside the
stubs for where each default comes from."""

from . import exceptions
from ._collections import HTTPHeaderDict
from .connectionpool import HTTPConnectionPool, HTTPSConnectionPool, connection_from_url
from .poolmanager import PoolManager, ProxyManager, proxy_from_url
from .response import BaseHTTPResponse, HTTPResponse
from .util.retry import Retry
from .util.timeout import Timeout

__version__ = "2.7.0"

__all__ = (
    "HTTPConnectionPool", "HTTPHeaderDict", "HTTPSConnectionPool", "PoolManager", "ProxyManager",
    "HTTPResponse", "Retry", "Timeout", "connection_from_url", "proxy_from_url", "request",
    "exceptions", "disable_warnings",
)

_DEFAULT_POOL = PoolManager()


def request(method, url, *, body=None, fields=None, headers=None, preload_content=True,
            decode_content=True, redirect=None, retries=None, timeout=3, json=None):
    # urllib3 2.7.0's module-level request(): timeout=3 and the shared PoolManager.
    return _DEFAULT_POOL.request(method, url, body=body, fields=fields, headers=headers,
                                 preload_content=preload_content, decode_content=decode_content,
                                 redirect=redirect if redirect is not None else True,
                                 retries=retries, timeout=timeout, json=json)


def disable_warnings(category=exceptions.HTTPWarning):
    pass


def add_stderr_logger(level=10):
    return None
