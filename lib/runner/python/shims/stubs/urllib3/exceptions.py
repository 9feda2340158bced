"""urllib3.exceptions with urllib3 2.7.0's hierarchy and messages
(https://github.com/urllib3/urllib3/blob/2.7.0/src/urllib3/exceptions.py), so `except` clauses and
the text of a MaxRetryError read as they do on a real worker."""


class HTTPError(Exception):
    pass


class HTTPWarning(Warning):
    pass


class PoolError(HTTPError):
    def __init__(self, pool, message):
        self.pool = pool
        self._message = message
        super().__init__(f"{pool}: {message}")


class RequestError(PoolError):
    def __init__(self, pool, url, message):
        self.url = url
        super().__init__(pool, message)


class SSLError(HTTPError):
    pass


class ProxyError(HTTPError):
    def __init__(self, message, error):
        super().__init__(message, error)
        self.original_error = error


class DecodeError(HTTPError):
    pass


class ProtocolError(HTTPError):
    pass


ConnectionError = ProtocolError


class MaxRetryError(RequestError):
    def __init__(self, pool, url, reason=None):
        self.reason = reason
        super().__init__(pool, url, f"Max retries exceeded with url: {url} (Caused by {reason!r})")


class HostChangedError(RequestError):
    def __init__(self, pool, url, retries=3):
        super().__init__(pool, url, f"Tried to open a foreign host with url: {url}")
        self.retries = retries


class TimeoutStateError(HTTPError):
    pass


class TimeoutError(HTTPError):
    pass


class ReadTimeoutError(TimeoutError, RequestError):
    pass


class ConnectTimeoutError(TimeoutError):
    pass


class NewConnectionError(ConnectTimeoutError, HTTPError):
    """urllib3 2.x makes this a ConnectTimeoutError, so Retry counts a refused connect as a
    connect error (retried even for POST) and requests tells it apart by isinstance."""

    def __init__(self, conn, message):
        self.conn = conn
        self._message = message
        super().__init__(f"{conn}: {message}")


class NameResolutionError(NewConnectionError):
    def __init__(self, host, conn, reason):
        self._host = host
        self._reason = reason
        super().__init__(conn, f"Failed to resolve '{host}' ({reason})")


class EmptyPoolError(PoolError):
    pass


class FullPoolError(PoolError):
    pass


class ClosedPoolError(PoolError):
    pass


class LocationValueError(ValueError, HTTPError):
    pass


class LocationParseError(LocationValueError):
    def __init__(self, location):
        super().__init__(f"Failed to parse: {location}")
        self.location = location


class URLSchemeUnknown(LocationValueError):
    def __init__(self, scheme):
        super().__init__(f"Not supported URL scheme {scheme}")
        self.scheme = scheme


class ResponseError(HTTPError):
    GENERIC_ERROR = "too many error responses"
    SPECIFIC_ERROR = "too many {status_code} error responses"


class SecurityWarning(HTTPWarning):
    pass


class InsecureRequestWarning(SecurityWarning):
    pass


class NotOpenSSLWarning(SecurityWarning):
    pass


class InsecurePlatformWarning(SecurityWarning):
    pass


class DependencyWarning(HTTPWarning):
    pass


class ResponseNotChunked(ProtocolError, ValueError):
    pass


class InvalidHeader(HTTPError):
    pass


class HeaderParsingError(HTTPError):
    pass


class UnrewindableBodyError(HTTPError):
    pass


class IncompleteRead(HTTPError):
    pass
