"""werkzeug 3.1's Response: a WSGI app with a status, headers and a body (bytes, or an iterable
that is streamed)."""

import json as _json
from http import HTTPStatus

from ..datastructures import Headers


def _status_text(code):
    try:
        return f"{code} {HTTPStatus(code).phrase}".upper()
    except ValueError:
        return f"{code} UNKNOWN"


class Response:
    default_status = 200
    default_mimetype = "text/plain"
    charset = "utf-8"

    def __init__(self, response=None, status=None, headers=None, mimetype=None, content_type=None, direct_passthrough=False):
        self.headers = headers if isinstance(headers, Headers) else Headers(headers)
        if content_type is None:
            if mimetype is None and "content-type" not in self.headers:
                mimetype = self.default_mimetype
            if mimetype is not None:
                content_type = f"{mimetype}; charset={self.charset}" if mimetype.startswith("text/") or mimetype in ("application/javascript", "application/xml") else mimetype
        if content_type is not None:
            self.headers["Content-Type"] = content_type
        self.status = status if status is not None else self.default_status
        self.direct_passthrough = direct_passthrough
        if response is None:
            self.response = []
        elif isinstance(response, (str, bytes, bytearray)):
            self.set_data(response)
        else:
            self.response = response

    # ---- status -----------------------------------------------------------------------------

    @property
    def status_code(self):
        return self._status_code

    @status_code.setter
    def status_code(self, code):
        self._status_code = int(code)
        self._status = _status_text(self._status_code)

    @property
    def status(self):
        return self._status

    @status.setter
    def status(self, value):
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            self.status_code = int(value)
            return
        if not isinstance(value, str):
            raise TypeError("Invalid status argument")
        value = value.strip()
        if not value:
            raise ValueError("Empty status argument")
        code, _, _ = value.partition(" ")
        self._status_code = int(code) if code.isdigit() else 0
        self._status = value

    # ---- body -------------------------------------------------------------------------------

    def set_data(self, value):
        if isinstance(value, str):
            value = value.encode(self.charset)
        self.response = [bytes(value)]
        self.headers["Content-Length"] = str(len(value))

    def get_data(self, as_text=False):
        data = b"".join(self.iter_encoded())
        self.response = [data]
        return data.decode(self.charset) if as_text else data

    data = property(get_data, set_data)

    def iter_encoded(self):
        for item in self.response:
            yield item.encode(self.charset) if isinstance(item, str) else bytes(item)

    @property
    def is_streamed(self):
        return not isinstance(self.response, (list, tuple))

    @property
    def mimetype(self):
        value = self.headers.get("content-type")
        return value.split(";")[0].strip() if value else None

    @mimetype.setter
    def mimetype(self, value):
        self.headers["Content-Type"] = f"{value}; charset={self.charset}" if value.startswith("text/") else value

    @property
    def content_type(self):
        return self.headers.get("content-type")

    @content_type.setter
    def content_type(self, value):
        self.headers["Content-Type"] = value

    @property
    def content_length(self):
        return self.headers.get("content-length", type=int)

    @property
    def location(self):
        return self.headers.get("location")

    @location.setter
    def location(self, value):
        self.headers["Location"] = value

    @property
    def is_json(self):
        mt = self.mimetype or ""
        return mt == "application/json" or (mt.startswith("application/") and mt.endswith("+json"))

    @property
    def json(self):
        return self.get_json()

    def get_json(self, force=False, silent=False):
        if not (force or self.is_json):
            return None
        try:
            return _json.loads(self.get_data())
        except ValueError:
            if silent:
                return None
            raise

    def set_cookie(self, key, value="", max_age=None, expires=None, path="/", domain=None, secure=False,
                   httponly=False, samesite=None, partitioned=False):
        parts = [f"{key}={value}"]
        if domain:
            parts.append(f"Domain={domain}")
        if max_age is not None:
            parts.append(f"Max-Age={int(max_age)}")
        if secure:
            parts.append("Secure")
        if httponly:
            parts.append("HttpOnly")
        if path:
            parts.append(f"Path={path}")
        if samesite:
            parts.append(f"SameSite={samesite}")
        self.headers.add("Set-Cookie", "; ".join(parts))

    def delete_cookie(self, key, path="/", domain=None, **kwargs):
        self.set_cookie(key, expires=0, max_age=0, path=path, domain=domain)

    @classmethod
    def force_type(cls, response, environ=None):
        if isinstance(response, cls):
            return response
        if isinstance(response, Response):
            new = cls(status=response.status, headers=response.headers)
            new.response = response.response
            return new
        if callable(response):
            from .. import test as _test

            return cls(*_test.run_wsgi_app(response, environ or {}))
        raise TypeError(f"{type(response).__name__} is not a response")

    def close(self):
        close = getattr(self.response, "close", None)
        if close is not None:
            close()

    def __call__(self, environ, start_response):
        start_response(self.status, self.headers.to_wsgi_list())
        if environ.get("REQUEST_METHOD") == "HEAD":
            return []
        return self.iter_encoded()

    def __repr__(self):
        body = f"{len(self.get_data())} bytes" if not self.is_streamed else "streamed"
        return f"<{type(self).__name__} {body} [{self.status}]>"
