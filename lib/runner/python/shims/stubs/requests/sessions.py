"""requests.Session on the simulator's latency model. Connection pooling, redirects, auth, proxies
and retries are accepted and ignored: every call is one wait for the host."""

import datetime
import numbers
from urllib.parse import urlencode, urlsplit, urlunsplit

from _deadline import network

from .adapters import HTTPAdapter
from .exceptions import InvalidSchema, InvalidURL, MissingSchema, ReadTimeout
from .models import PreparedRequest, Response
from .structures import CaseInsensitiveDict


def _validate_timeout(value, name):
    # urllib3.util.Timeout's checks and messages.
    if value is None:
        return value
    if isinstance(value, bool):
        raise ValueError("Timeout cannot be a boolean value. It must be an int, float or None.")
    try:
        float(value)
    except (TypeError, ValueError):
        raise ValueError(f"Timeout value {name} was {value}, but it must be an int, float or None.") from None
    if value <= 0:
        raise ValueError(
            f"Attempted to set {name} timeout to {value}, but the timeout cannot be set to a value "
            "less than or equal to 0."
        )
    return value


def _split_timeout(timeout):
    if isinstance(timeout, tuple):
        try:
            connect, read = timeout
        except ValueError:
            raise ValueError(
                f"Invalid timeout {timeout}. Pass a (connect, read) timeout tuple, "
                "or a single float to set both timeouts to the same value."
            ) from None
    else:
        connect = read = timeout
    return _validate_timeout(connect, "connect"), _validate_timeout(read, "read")


def _prepare_url(url, params):
    if isinstance(url, bytes):
        url = url.decode("utf8")
    url = str(url).strip()
    if ":" in url and not url.lower().startswith("http"):
        # requests leaves such URLs alone, then finds no adapter for them.
        raise InvalidSchema(f"No connection adapters were found for {url!r}")
    parts = urlsplit(url)
    if not parts.scheme:
        raise MissingSchema(f"Invalid URL {url!r}: No scheme supplied. Perhaps you meant https://{url}?")
    if not parts.netloc or not parts.hostname:
        raise InvalidURL(f"Invalid URL {url!r}: No host supplied")
    if params:
        extra = urlencode(params, doseq=True) if not isinstance(params, str) else params
        query = f"{parts.query}&{extra}" if parts.query else extra
        parts = parts._replace(query=query)
    if not parts.path:
        parts = parts._replace(path="/")
    return urlunsplit(parts)


class Session:
    def __init__(self):
        self.headers = CaseInsensitiveDict({
            "User-Agent": "python-requests/2.32.3",
            "Accept-Encoding": "gzip, deflate",
            "Accept": "*/*",
            "Connection": "keep-alive",
        })
        self.auth = None
        self.proxies = {}
        self.hooks = {"response": []}
        self.params = {}
        self.stream = False
        self.verify = True
        self.cert = None
        self.max_redirects = 30
        self.trust_env = True
        self.cookies = {}
        self.adapters = {"https://": HTTPAdapter(), "http://": HTTPAdapter()}

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def mount(self, prefix, adapter):
        self.adapters[prefix] = adapter

    def close(self):
        pass

    def request(self, method, url, params=None, data=None, headers=None, cookies=None, files=None,
                auth=None, timeout=None, allow_redirects=True, proxies=None, hooks=None, stream=None,
                verify=None, cert=None, json=None):
        line = network.caller_line()
        method = str(method).upper()
        if params is None or isinstance(params, dict):
            params = {**self.params, **(params or {})} or None
        full_url = _prepare_url(url, params)
        connect, read = _split_timeout(timeout)
        request = PreparedRequest(method, full_url, {**self.headers, **(headers or {})}, data if json is None else json)
        target = network.Target(full_url, method)
        start = network.state.current.now()
        if not network.wait_sync(method, target, read, line):
            pool = "HTTPSConnectionPool" if target.scheme == "https" else "HTTPConnectionPool"
            raise ReadTimeout(
                f"{pool}(host={target.host!r}, port={target.port!r}): Read timed out. (read timeout={read})",
                request=request,
            )
        response = Response()
        response.status_code = target.status
        response.reason = target.reason
        response.url = full_url
        response._content = target.body
        response.headers = CaseInsensitiveDict({
            "Content-Type": "application/json",
            "Content-Length": str(len(response._content)),
        })
        response.request = request
        response.elapsed = datetime.timedelta(seconds=network.state.current.now() - start)
        return response

    def get(self, url, **kwargs):
        kwargs.setdefault("allow_redirects", True)
        return self.request("GET", url, **kwargs)

    def options(self, url, **kwargs):
        kwargs.setdefault("allow_redirects", True)
        return self.request("OPTIONS", url, **kwargs)

    def head(self, url, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        return self.request("HEAD", url, **kwargs)

    def post(self, url, data=None, json=None, **kwargs):
        return self.request("POST", url, data=data, json=json, **kwargs)

    def put(self, url, data=None, **kwargs):
        return self.request("PUT", url, data=data, **kwargs)

    def patch(self, url, data=None, **kwargs):
        return self.request("PATCH", url, data=data, **kwargs)

    def delete(self, url, **kwargs):
        return self.request("DELETE", url, **kwargs)


def session():
    return Session()
