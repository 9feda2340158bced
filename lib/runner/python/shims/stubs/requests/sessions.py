"""requests.Session on the simulated network: each request goes to the adapter mounted for its URL
(the longest matching prefix, as requests 2.32.3's get_adapter), which makes the attempts through
the urllib3 stub, so HTTPAdapter(max_retries=...) retries on the virtual clock. Redirects are
followed as requests does (up to max_redirects = 30, 303 and 302 turn into GET, a POST answered
301 too). Auth, proxies, cookies and TLS options are accepted and ignored."""

import datetime
import numbers
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from _deadline import network

from .adapters import HTTPAdapter
from .exceptions import InvalidSchema, InvalidURL, MissingSchema, TooManyRedirects
from .models import PreparedRequest
from .structures import CaseInsensitiveDict

DEFAULT_REDIRECT_LIMIT = 30


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
        self.trust_env = True
        self.cookies = {}
        self.max_redirects = DEFAULT_REDIRECT_LIMIT
        self.adapters = {}
        self.mount("https://", HTTPAdapter())
        self.mount("http://", HTTPAdapter())

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def mount(self, prefix, adapter):
        # Longer prefixes first, so get_adapter finds the most specific one (requests' order).
        self.adapters[prefix] = adapter
        for key in [k for k in self.adapters if len(k) < len(prefix)]:
            self.adapters[key] = self.adapters.pop(key)

    def get_adapter(self, url):
        for prefix, adapter in self.adapters.items():
            if url.lower().startswith(prefix.lower()):
                return adapter
        raise InvalidSchema(f"No connection adapters were found for {url!r}")

    def close(self):
        for adapter in self.adapters.values():
            adapter.close()

    def request(self, method, url, params=None, data=None, headers=None, cookies=None, files=None,
                auth=None, timeout=None, allow_redirects=True, proxies=None, hooks=None, stream=None,
                verify=None, cert=None, json=None):
        method = str(method).upper()
        if params is None or isinstance(params, dict):
            params = {**self.params, **(params or {})} or None
        full_url = _prepare_url(url, params)
        _split_timeout(timeout)
        request = PreparedRequest(method, full_url, {**self.headers, **(headers or {})}, data if json is None else json)
        start = network.state.current.now()
        response = self.send(request, timeout=timeout)
        history = []
        while allow_redirects and response.is_redirect:
            if len(history) >= self.max_redirects:
                raise TooManyRedirects(f"Exceeded {self.max_redirects} redirects.", response=response)
            history.append(response)
            location = response.headers["location"]
            next_method = request.method
            if response.status_code == 303 and next_method != "HEAD":
                next_method = "GET"
            if response.status_code == 302 and next_method != "HEAD":
                next_method = "GET"
            if response.status_code == 301 and next_method == "POST":
                next_method = "GET"
            body = None if next_method == "GET" else request.body
            request = PreparedRequest(next_method, urljoin(response.url, location), request.headers, body)
            response = self.send(request, timeout=timeout)
        response.history = history
        response.elapsed = datetime.timedelta(seconds=network.state.current.now() - start)
        return response

    def send(self, request, **kwargs):
        adapter = self.get_adapter(request.url)
        return adapter.send(request, timeout=kwargs.get("timeout"))

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
