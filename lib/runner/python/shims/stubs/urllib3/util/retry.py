"""urllib3.util.Retry with urllib3 2.7.0's counting, backoff and Retry-After rules
(https://github.com/urllib3/urllib3/blob/2.7.0/src/urllib3/util/retry.py), sleeping on the
virtual clock.

Backoff: backoff_factor * 2 ** (n - 1) for the n-th consecutive error, but no sleep at all before
the first retry (get_backoff_time returns 0 while the history holds one entry or none), capped at
backoff_max (DEFAULT_BACKOFF_MAX = 120 s), plus random.random() * backoff_jitter. So
Retry(total=3, backoff_factor=1) sleeps 0, 2 and 4 s between its four attempts. A response with
Retry-After (413, 429, 503, or any status in status_forcelist) sleeps what the header says instead,
up to retry_after_max (21600 s), when respect_retry_after_header is on.
"""

import email.utils
import random
import re
import time
from itertools import takewhile
from typing import NamedTuple

from _deadline import network

from ..exceptions import (
    ConnectTimeoutError,
    InvalidHeader,
    MaxRetryError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    ResponseError,
)


class RequestHistory(NamedTuple):
    method: object
    url: object
    error: object
    status: object
    redirect_location: object


class Retry:
    # urllib3 2.7.0 Retry class constants.
    DEFAULT_ALLOWED_METHODS = frozenset(["HEAD", "GET", "PUT", "DELETE", "OPTIONS", "TRACE"])
    RETRY_AFTER_STATUS_CODES = frozenset([413, 429, 503])
    DEFAULT_REMOVE_HEADERS_ON_REDIRECT = frozenset(["Cookie", "Authorization", "Proxy-Authorization"])
    DEFAULT_BACKOFF_MAX = 120
    DEFAULT_RETRY_AFTER_MAX = 21600
    DEFAULT = None  # Retry(3), set below

    def __init__(self, total=10, connect=None, read=None, redirect=None, status=None, other=None,
                 allowed_methods=DEFAULT_ALLOWED_METHODS, status_forcelist=None, backoff_factor=0,
                 backoff_max=DEFAULT_BACKOFF_MAX, raise_on_redirect=True, raise_on_status=True,
                 history=None, respect_retry_after_header=True,
                 remove_headers_on_redirect=DEFAULT_REMOVE_HEADERS_ON_REDIRECT, backoff_jitter=0.0,
                 retry_after_max=DEFAULT_RETRY_AFTER_MAX):
        self.total = total
        self.connect = connect
        self.read = read
        self.status = status
        self.other = other
        if redirect is False or total is False:
            redirect = 0
            raise_on_redirect = False
        self.redirect = redirect
        self.status_forcelist = status_forcelist or set()
        self.allowed_methods = allowed_methods
        self.backoff_factor = backoff_factor
        self.backoff_max = backoff_max
        self.retry_after_max = retry_after_max
        self.raise_on_redirect = raise_on_redirect
        self.raise_on_status = raise_on_status
        self.history = history or ()
        self.respect_retry_after_header = respect_retry_after_header
        self.remove_headers_on_redirect = frozenset(h.lower() for h in remove_headers_on_redirect)
        self.backoff_jitter = backoff_jitter

    def new(self, **kw):
        params = dict(
            total=self.total, connect=self.connect, read=self.read, redirect=self.redirect,
            status=self.status, other=self.other, allowed_methods=self.allowed_methods,
            status_forcelist=self.status_forcelist, backoff_factor=self.backoff_factor,
            backoff_max=self.backoff_max, retry_after_max=self.retry_after_max,
            raise_on_redirect=self.raise_on_redirect, raise_on_status=self.raise_on_status,
            history=self.history, remove_headers_on_redirect=self.remove_headers_on_redirect,
            respect_retry_after_header=self.respect_retry_after_header,
            backoff_jitter=self.backoff_jitter,
        )
        params.update(kw)
        return type(self)(**params)

    @classmethod
    def from_int(cls, retries, redirect=True, default=None):
        if retries is None:
            retries = default if default is not None else cls.DEFAULT
        if isinstance(retries, Retry):
            return retries
        redirect = bool(redirect) and None
        return cls(retries, redirect=redirect)

    def get_backoff_time(self):
        consecutive = len(list(takewhile(lambda h: h.redirect_location is None, reversed(self.history))))
        if consecutive <= 1:
            return 0
        value = self.backoff_factor * (2 ** (consecutive - 1))
        if self.backoff_jitter != 0.0:
            value += random.random() * self.backoff_jitter
        return float(max(0, min(self.backoff_max, value)))

    def parse_retry_after(self, retry_after):
        if re.match(r"^\s*[0-9]+\s*$", retry_after):
            seconds = int(retry_after)
        else:
            parsed = email.utils.parsedate_tz(retry_after)
            if parsed is None:
                raise InvalidHeader(f"Invalid Retry-After header: {retry_after}")
            seconds = email.utils.mktime_tz(parsed) - time.time()
        return min(max(seconds, 0), self.retry_after_max)

    def get_retry_after(self, response):
        value = response.headers.get("Retry-After")
        return None if value is None else self.parse_retry_after(value)

    def sleep_for_retry(self, response):
        retry_after = self.get_retry_after(response)
        if retry_after:
            network.sleep(retry_after, network.caller_line(), f"urllib3 Retry: Retry-After {retry_after:g} s")
            return True
        return False

    def _sleep_backoff(self):
        backoff = self.get_backoff_time()
        if backoff > 0:
            network.sleep(backoff, network.caller_line(), f"urllib3 Retry backoff {backoff:g} s")

    def sleep(self, response=None):
        if self.respect_retry_after_header and response and self.sleep_for_retry(response):
            return
        self._sleep_backoff()

    def _is_connection_error(self, err):
        if isinstance(err, ProxyError):
            err = err.original_error
        return isinstance(err, ConnectTimeoutError)

    def _is_read_error(self, err):
        return isinstance(err, (ReadTimeoutError, ProtocolError))

    def _is_method_retryable(self, method):
        return not (self.allowed_methods and method.upper() not in self.allowed_methods)

    def is_retry(self, method, status_code, has_retry_after=False):
        if not self._is_method_retryable(method):
            return False
        if self.status_forcelist and status_code in self.status_forcelist:
            return True
        return bool(self.total and self.respect_retry_after_header and has_retry_after
                    and status_code in self.RETRY_AFTER_STATUS_CODES)

    def is_exhausted(self):
        counts = [x for x in (self.total, self.connect, self.read, self.redirect, self.status, self.other) if x]
        return bool(counts) and min(counts) < 0

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        if self.total is False and error:
            raise error
        total = self.total
        if total is not None:
            total -= 1
        connect, read, redirect, status_count, other = self.connect, self.read, self.redirect, self.status, self.other
        cause = "unknown"
        status = None
        redirect_location = None
        if error and self._is_connection_error(error):
            if connect is False:
                raise error
            if connect is not None:
                connect -= 1
        elif error and self._is_read_error(error):
            if read is False or method is None or not self._is_method_retryable(method):
                raise error
            if read is not None:
                read -= 1
        elif error:
            if other is not None:
                other -= 1
        elif response and response.get_redirect_location():
            if redirect is not None:
                redirect -= 1
            cause = "too many redirects"
            redirect_location = response.get_redirect_location()
            status = response.status
        else:
            cause = ResponseError.GENERIC_ERROR
            if response and response.status:
                if status_count is not None:
                    status_count -= 1
                cause = ResponseError.SPECIFIC_ERROR.format(status_code=response.status)
                status = response.status
        history = self.history + (RequestHistory(method, url, error, status, redirect_location),)
        new_retry = self.new(total=total, connect=connect, read=read, redirect=redirect,
                             status=status_count, other=other, history=history)
        if new_retry.is_exhausted():
            reason = error or ResponseError(cause)
            raise MaxRetryError(_pool, url, reason) from reason
        return new_retry

    def __repr__(self):
        return (f"{type(self).__name__}(total={self.total}, connect={self.connect}, "
                f"read={self.read}, redirect={self.redirect}, status={self.status})")


Retry.DEFAULT = Retry(3)
