"""Simulator stub of requests 2.32.3: the same API and exceptions, on the simulated network.

requests has no default timeout: a call without timeout= waits for the host however long it
takes. timeout=x applies x to connect and to read; timeout=(connect, read) splits them. Status,
headers and body are the answer's (a response rule's, a service model's or the default); a refused
connection raises ConnectionError wrapping urllib3's MaxRetryError(NewConnectionError(...
[Errno 111] Connection refused)); a dropped one raises ConnectTimeout after the connect timeout.
Retries are HTTPAdapter(max_retries=...)'s, mounted on a Session.
"""

from . import adapters, exceptions, models, sessions, structures
from .exceptions import (
    ConnectionError,
    ConnectTimeout,
    HTTPError,
    JSONDecodeError,
    ReadTimeout,
    RequestException,
    Timeout,
    TooManyRedirects,
    URLRequired,
)
from .models import PreparedRequest, Response
from .sessions import Session, session

__version__ = "2.32.3"


class _Codes(dict):
    __getattr__ = dict.get


codes = _Codes(ok=200, OK=200, created=201, accepted=202, no_content=204, bad_request=400,
               unauthorized=401, forbidden=403, not_found=404, too_many_requests=429,
               internal_server_error=500, bad_gateway=502, service_unavailable=503, gateway_timeout=504)


def request(method, url, **kwargs):
    with Session() as s:
        return s.request(method=method, url=url, **kwargs)


def get(url, params=None, **kwargs):
    return request("get", url, params=params, **kwargs)


def options(url, **kwargs):
    return request("options", url, **kwargs)


def head(url, **kwargs):
    kwargs.setdefault("allow_redirects", False)
    return request("head", url, **kwargs)


def post(url, data=None, json=None, **kwargs):
    return request("post", url, data=data, json=json, **kwargs)


def put(url, data=None, **kwargs):
    return request("put", url, data=data, **kwargs)


def patch(url, data=None, **kwargs):
    return request("patch", url, data=data, **kwargs)


def delete(url, **kwargs):
    return request("delete", url, **kwargs)
