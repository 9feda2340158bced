"""starlette.exceptions: HTTPException's detail defaults to the status phrase (0.47.3)."""

import http


class HTTPException(Exception):
    def __init__(self, status_code, detail=None, headers=None):
        if detail is None:
            detail = http.HTTPStatus(status_code).phrase
        self.status_code = status_code
        self.detail = detail
        self.headers = headers

    def __str__(self):
        return f"{self.status_code}: {self.detail}"

    def __repr__(self):
        return f"{type(self).__name__}(status_code={self.status_code!r}, detail={self.detail!r})"


class WebSocketException(Exception):
    def __init__(self, code, reason=None):
        self.code = code
        self.reason = reason or ""

    def __str__(self):
        return f"{self.code}: {self.reason}"
