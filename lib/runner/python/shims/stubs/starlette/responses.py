"""starlette.responses as 0.47.3 renders them: JSONResponse is compact JSON (separators "," and
":", ensure_ascii=False, allow_nan=False), text media types get "; charset=utf-8",
content-length is set unless the status has no body, RedirectResponse is 307, background work
runs after the body is sent."""

import http.cookies
import inspect
import json
import os
from email.utils import format_datetime
from urllib.parse import quote

from .background import BackgroundTask  # noqa: F401
from .concurrency import iterate_in_threadpool
from .datastructures import URL, MutableHeaders


class Response:
    media_type = None
    charset = "utf-8"

    def __init__(self, content=None, status_code=200, headers=None, media_type=None, background=None):
        self.status_code = status_code
        if media_type is not None:
            self.media_type = media_type
        self.background = background
        self.body = self.render(content)
        self.init_headers(headers)

    def render(self, content):
        if content is None:
            return b""
        if isinstance(content, (bytes, memoryview)):
            return bytes(content)
        return content.encode(self.charset)

    def init_headers(self, headers=None):
        if headers is None:
            raw, add_length, add_type = [], True, True
        else:
            raw = [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in dict(headers).items()]
            keys = [k for k, _ in raw]
            add_length, add_type = b"content-length" not in keys, b"content-type" not in keys
        body = getattr(self, "body", None)
        if body is not None and add_length and not (self.status_code < 200 or self.status_code in (204, 304)):
            raw.append((b"content-length", str(len(body)).encode("latin-1")))
        content_type = self.media_type
        if content_type is not None and add_type:
            if content_type.startswith("text/") and "charset=" not in content_type.lower():
                content_type += "; charset=" + self.charset
            raw.append((b"content-type", content_type.encode("latin-1")))
        self.raw_headers = raw

    @property
    def headers(self):
        if not hasattr(self, "_headers"):
            self._headers = MutableHeaders(raw=self.raw_headers)
            self.raw_headers = self._headers._list
        return self._headers

    def set_cookie(self, key, value="", max_age=None, expires=None, path="/", domain=None, secure=False,
                   httponly=False, samesite="lax", partitioned=False):
        cookie = http.cookies.SimpleCookie()
        cookie[key] = value
        if max_age is not None:
            cookie[key]["max-age"] = max_age
        if expires is not None:
            cookie[key]["expires"] = format_datetime(expires, usegmt=True) if hasattr(expires, "tzinfo") else expires
        if path is not None:
            cookie[key]["path"] = path
        if domain is not None:
            cookie[key]["domain"] = domain
        if secure:
            cookie[key]["secure"] = True
        if httponly:
            cookie[key]["httponly"] = True
        if samesite is not None:
            cookie[key]["samesite"] = samesite
        self.headers.append("set-cookie", cookie.output(header="").strip())

    def delete_cookie(self, key, path="/", domain=None, secure=False, httponly=False, samesite="lax"):
        self.set_cookie(key, max_age=0, expires=0, path=path, domain=domain, secure=secure, httponly=httponly, samesite=samesite)

    async def __call__(self, scope, receive, send):
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        await send({"type": "http.response.body", "body": self.body})
        if self.background is not None:
            await self.background()


class HTMLResponse(Response):
    media_type = "text/html"


class PlainTextResponse(Response):
    media_type = "text/plain"


class JSONResponse(Response):
    media_type = "application/json"

    def __init__(self, content, status_code=200, headers=None, media_type=None, background=None):
        super().__init__(content, status_code, headers, media_type, background)

    def render(self, content):
        return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


class RedirectResponse(Response):
    def __init__(self, url, status_code=307, headers=None, background=None):
        super().__init__(content=b"", status_code=status_code, headers=headers, background=background)
        self.headers["location"] = quote(str(url), safe=":/%#?=@[]!$&'()*+,;")


class StreamingResponse(Response):
    def __init__(self, content, status_code=200, headers=None, media_type=None, background=None):
        if hasattr(content, "__aiter__"):
            self.body_iterator = content
        else:
            self.body_iterator = iterate_in_threadpool(iter(content))
        self.status_code = status_code
        self.media_type = self.media_type if media_type is None else media_type
        self.background = background
        self.init_headers(headers)

    async def __call__(self, scope, receive, send):
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        async for chunk in self.body_iterator:
            if not isinstance(chunk, (bytes, memoryview)):
                chunk = chunk.encode(self.charset)
            await send({"type": "http.response.body", "body": bytes(chunk), "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        if self.background is not None:
            await self.background()


class FileResponse(Response):
    def __init__(self, path, status_code=200, headers=None, media_type=None, background=None, filename=None, **kwargs):
        self.path = path
        self.status_code = status_code
        self.filename = filename
        import mimetypes

        self.media_type = media_type or mimetypes.guess_type(filename or str(path))[0] or "text/plain"
        self.background = background
        with open(path, "rb") as f:
            self.body = f.read()
        self.init_headers(headers)
        if filename is not None:
            self.headers["content-disposition"] = f'attachment; filename="{filename}"'
