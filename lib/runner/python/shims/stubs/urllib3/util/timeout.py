"""urllib3.util.Timeout as urllib3 2.7.0 defines it
(https://github.com/urllib3/urllib3/blob/2.7.0/src/urllib3/util/timeout.py): connect and read
default to the socket module's default timeout (None: wait forever), `total` caps both."""

import socket
import time
from enum import Enum

from ..exceptions import TimeoutStateError


class _TYPE_DEFAULT(Enum):
    token = -1


_DEFAULT_TIMEOUT = _TYPE_DEFAULT.token


class Timeout:
    DEFAULT_TIMEOUT = _DEFAULT_TIMEOUT

    def __init__(self, total=None, connect=_DEFAULT_TIMEOUT, read=_DEFAULT_TIMEOUT):
        self._connect = self._validate_timeout(connect, "connect")
        self._read = self._validate_timeout(read, "read")
        self.total = self._validate_timeout(total, "total")
        self._start_connect = None

    def __repr__(self):
        return f"{type(self).__name__}(connect={self._connect!r}, read={self._read!r}, total={self.total!r})"

    __str__ = __repr__

    @staticmethod
    def resolve_default_timeout(timeout):
        return socket.getdefaulttimeout() if timeout is _DEFAULT_TIMEOUT else timeout

    @classmethod
    def _validate_timeout(cls, value, name):
        # The checks and messages of urllib3 2.7.0's Timeout._validate_timeout.
        if value is None or value is _DEFAULT_TIMEOUT:
            return value
        if isinstance(value, bool):
            raise ValueError("Timeout cannot be a boolean value. It must be an int, float or None.")
        try:
            float(value)
        except (TypeError, ValueError):
            raise ValueError(f"Timeout value {name} was {value}, but it must be an int, float or None.") from None
        try:
            if value <= 0:
                raise ValueError(
                    f"Attempted to set {name} timeout to {value}, but the timeout cannot be set to a value "
                    "less than or equal to 0."
                )
        except TypeError:
            raise ValueError(f"Timeout value {name} was {value}, but it must be an int, float or None.") from None
        return value

    @classmethod
    def from_float(cls, timeout):
        return Timeout(read=timeout, connect=timeout)

    def clone(self):
        return Timeout(connect=self._connect, read=self._read, total=self.total)

    def start_connect(self):
        if self._start_connect is not None:
            raise TimeoutStateError("Timeout timer has already been started.")
        self._start_connect = time.monotonic()
        return self._start_connect

    def get_connect_duration(self):
        if self._start_connect is None:
            raise TimeoutStateError("Can't get connect duration for timer that has not started.")
        return time.monotonic() - self._start_connect

    @property
    def connect_timeout(self):
        if self.total is None:
            return self._connect
        if self._connect is None or self._connect is _DEFAULT_TIMEOUT:
            return self.total
        return min(self._connect, self.total)

    @property
    def read_timeout(self):
        # The simulated connect takes no time, so what total leaves for the read is all of it.
        if self.total is not None and self._read is not _DEFAULT_TIMEOUT and self._read is not None:
            return max(0, min(self.total, self._read))
        if self.total is not None:
            return max(0, self.total)
        return self._read
