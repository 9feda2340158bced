"""requests.adapters.HTTPAdapter over the urllib3 stub, as in requests 2.32.3
(https://github.com/psf/requests/blob/v2.32.3/src/requests/adapters.py).

max_retries defaults to DEFAULT_RETRIES = 0, which requests turns into Retry(0, read=False): no
retries, and a read timeout re-raised as itself (ReadTimeout) instead of wrapped in MaxRetryError.
Any other value goes through Retry.from_int, so HTTPAdapter(max_retries=3) is Retry(3): connect
errors and read timeouts of idempotent methods are retried, and an exhausted read timeout surfaces
as ConnectionError(MaxRetryError(... Caused by ReadTimeoutError(...))), as on a real worker.
The MaxRetryError mapping in send() is requests' own."""

from urllib3.exceptions import ConnectTimeoutError as _ConnectTimeoutError
from urllib3.exceptions import HTTPError as _HTTPError
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError, ReadTimeoutError, ResponseError
from urllib3.exceptions import ProxyError as _ProxyError
from urllib3.exceptions import SSLError as _SSLError
from urllib3.poolmanager import PoolManager
from urllib3.util.retry import Retry
from urllib3.util.timeout import Timeout as TimeoutSauce

from .exceptions import ConnectionError, ConnectTimeout, ProxyError, ReadTimeout, RetryError, SSLError
from .models import Response
from .structures import CaseInsensitiveDict

DEFAULT_POOLBLOCK = False
DEFAULT_POOLSIZE = 10
DEFAULT_RETRIES = 0
DEFAULT_POOL_TIMEOUT = None


def _encoding(headers):
    content_type = headers.get("content-type")
    if not content_type:
        return None
    kind, _, params = content_type.partition(";")
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset":
            return value.strip("'\" ")
    if "text" in kind:
        return "ISO-8859-1"
    if "application/json" in kind:
        return "utf-8"
    return None


class BaseAdapter:
    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        raise NotImplementedError

    def close(self):
        pass


class HTTPAdapter(BaseAdapter):
    __attrs__ = ["max_retries", "config", "_pool_connections", "_pool_maxsize", "_pool_block"]

    def __init__(self, pool_connections=DEFAULT_POOLSIZE, pool_maxsize=DEFAULT_POOLSIZE,
                 max_retries=DEFAULT_RETRIES, pool_block=DEFAULT_POOLBLOCK):
        if max_retries == DEFAULT_RETRIES:
            self.max_retries = Retry(0, read=False)
        else:
            self.max_retries = Retry.from_int(max_retries)
        self.config = {}
        self.proxy_manager = {}
        self._pool_connections = pool_connections
        self._pool_maxsize = pool_maxsize
        self._pool_block = pool_block
        self.poolmanager = PoolManager(num_pools=pool_connections, maxsize=pool_maxsize, block=pool_block)

    def build_response(self, req, resp):
        response = Response()
        response.status_code = resp.status
        response.headers = CaseInsensitiveDict(resp.headers)
        response.encoding = _encoding(response.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url
        response._content = resp.data
        response.request = req
        response.connection = self
        return response

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        conn = self.poolmanager.connection_from_url(request.url)
        if isinstance(timeout, tuple):
            try:
                connect, read = timeout
                timeout = TimeoutSauce(connect=connect, read=read)
            except ValueError:
                raise ValueError(
                    f"Invalid timeout {timeout}. Pass a (connect, read) timeout tuple, "
                    f"or a single float to set both timeouts to the same value."
                )
        elif not isinstance(timeout, TimeoutSauce):
            timeout = TimeoutSauce(connect=timeout, read=timeout)
        try:
            resp = conn.urlopen(
                method=request.method, url=request.path_url, body=request.body, headers=request.headers,
                redirect=False, assert_same_host=False, preload_content=False, decode_content=False,
                retries=self.max_retries, timeout=timeout,
            )
        except (ProtocolError, OSError) as err:
            raise ConnectionError(err, request=request)
        except MaxRetryError as e:
            if isinstance(e.reason, _ConnectTimeoutError) and not isinstance(e.reason, NewConnectionError):
                raise ConnectTimeout(e, request=request)
            if isinstance(e.reason, ResponseError):
                raise RetryError(e, request=request)
            if isinstance(e.reason, _ProxyError):
                raise ProxyError(e, request=request)
            if isinstance(e.reason, _SSLError):
                raise SSLError(e, request=request)
            raise ConnectionError(e, request=request)
        except (_SSLError, _HTTPError) as e:
            if isinstance(e, _SSLError):
                raise SSLError(e, request=request)
            if isinstance(e, ReadTimeoutError):
                raise ReadTimeout(e, request=request)
            raise
        return self.build_response(request, resp)

    def close(self):
        self.poolmanager.clear()
