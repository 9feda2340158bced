"""urllib3.response.HTTPResponse over a simulated answer: status, headers, body."""

import io
import json as _json

from ._collections import HTTPHeaderDict


class BaseHTTPResponse(io.IOBase):
    REDIRECT_STATUSES = [301, 302, 303, 307, 308]


class HTTPResponse(BaseHTTPResponse):
    def __init__(self, body=b"", headers=None, status=0, reason=None, request_method=None,
                 request_url=None, retries=None, preload_content=True, decode_content=True, **_ignored):
        super().__init__()
        self.headers = headers if isinstance(headers, HTTPHeaderDict) else HTTPHeaderDict(headers or {})
        self.status = status
        self.reason = reason
        self.version = 11
        self.version_string = "HTTP/1.1"
        self.retries = retries
        self._request_url = request_url
        self._method = request_method
        self._body = body
        self._offset = 0
        self.enforce_content_length = True
        self.auto_close = True

    @property
    def url(self):
        return self._request_url

    @url.setter
    def url(self, value):
        self._request_url = value

    @property
    def data(self):
        return self._body

    def json(self):
        return _json.loads(self._body.decode("utf-8"))

    def get_redirect_location(self):
        if self.status in self.REDIRECT_STATUSES:
            return self.headers.get("location")
        return False

    def read(self, amt=None, decode_content=None, cache_content=False):
        if amt is None or amt < 0:
            amt = len(self._body) - self._offset
        chunk = self._body[self._offset:self._offset + amt]
        self._offset += len(chunk)
        return chunk

    def stream(self, amt=2 ** 16, decode_content=None):
        while True:
            chunk = self.read(amt)
            if not chunk:
                return
            yield chunk

    def readable(self):
        return True

    def release_conn(self):
        pass

    def drain_conn(self):
        self._offset = len(self._body)

    def getheaders(self):
        return self.headers

    def getheader(self, name, default=None):
        return self.headers.get(name, default)

    def info(self):
        return self.headers

    def geturl(self):
        return self.url

    def __repr__(self):
        return f"<urllib3.response.HTTPResponse [{self.status}]>"
