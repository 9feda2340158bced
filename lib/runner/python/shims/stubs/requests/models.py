import datetime
import json as _json
from urllib.parse import urlsplit

from .exceptions import HTTPError, JSONDecodeError
from .structures import CaseInsensitiveDict


class PreparedRequest:
    def __init__(self, method, url, headers, body):
        self.method = method
        self.url = url
        self.headers = CaseInsensitiveDict(headers or {})
        self.body = body

    @property
    def path_url(self):
        parts = urlsplit(self.url)
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def __repr__(self):
        return f"<PreparedRequest [{self.method}]>"


class Response:
    def __init__(self):
        self.status_code = None
        self.headers = CaseInsensitiveDict()
        self._content = b""
        self.url = None
        self.encoding = None
        self.raw = None
        self.connection = None
        self.history = []
        self.reason = None
        self.cookies = {}
        self.elapsed = datetime.timedelta(0)
        self.request = None

    def __repr__(self):
        return f"<Response [{self.status_code}]>"

    def __bool__(self):
        return self.ok

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        return self.iter_content(128)

    @property
    def ok(self):
        return self.status_code < 400

    @property
    def is_redirect(self):
        return "location" in self.headers and self.status_code in (301, 302, 303, 307, 308)

    @property
    def apparent_encoding(self):
        return "utf-8"

    @property
    def content(self):
        return self._content

    @property
    def text(self):
        try:
            return self._content.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:
            return self._content.decode("utf-8", errors="replace")

    @property
    def links(self):
        return {}

    def json(self, **kwargs):
        try:
            # requests guesses a UTF codec when no charset was sent; the simulator's bodies are UTF-8.
            return _json.loads(self.text if self.encoding else self._content.decode("utf-8", errors="replace"), **kwargs)
        except _json.JSONDecodeError as e:
            raise JSONDecodeError(e.msg, e.doc, e.pos)

    def iter_content(self, chunk_size=1, decode_unicode=False):
        data = self.text if decode_unicode else self._content
        size = chunk_size or len(data) or 1
        for i in range(0, len(data), size):
            yield data[i:i + size]

    def iter_lines(self, chunk_size=512, decode_unicode=False, delimiter=None):
        data = self.text if decode_unicode else self._content
        yield from (data.split(delimiter) if delimiter else data.splitlines())

    def raise_for_status(self):
        if 400 <= self.status_code < 600:
            kind = "Client" if self.status_code < 500 else "Server"
            raise HTTPError(f"{self.status_code} {kind} Error: {self.reason} for url: {self.url}", response=self)

    def close(self):
        pass
