"""The connection objects whose repr appears inside urllib3's error messages
(urllib3 2.7.0 connection.py: str is "HTTPConnection(host=..., port=...)", repr adds the address)."""


class HTTPConnection:
    default_port = 80

    def __init__(self, host, port=None, timeout=None, **_ignored):
        self.host = host
        self.port = port or self.default_port
        self.timeout = timeout

    def __str__(self):
        return f"{type(self).__name__}(host={self.host!r}, port={self.port!r})"

    def __repr__(self):
        return f"<{self} at {id(self):#x}>"


class HTTPSConnection(HTTPConnection):
    default_port = 443
