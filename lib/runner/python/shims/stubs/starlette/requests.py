"""starlette.requests: Request over an ASGI scope and receive()."""

import json as _json
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl

from .datastructures import URL, Address, FormData, Headers, QueryParams, State, UploadFile


class ClientDisconnect(Exception):
    pass


class HTTPConnection:
    def __init__(self, scope, receive=None):
        self.scope = scope

    def __getitem__(self, key):
        return self.scope[key]

    def __iter__(self):
        return iter(self.scope)

    def __len__(self):
        return len(self.scope)

    @property
    def app(self):
        return self.scope.get("app")

    @property
    def url(self):
        return URL(scope=self.scope)

    @property
    def base_url(self):
        return URL(str(self.url).split(self.scope["path"], 1)[0] + "/")

    @property
    def headers(self):
        return Headers(scope=self.scope)

    @property
    def query_params(self):
        return QueryParams(self.scope.get("query_string", b""))

    @property
    def path_params(self):
        return self.scope.get("path_params", {})

    @property
    def cookies(self):
        jar = SimpleCookie()
        jar.load(self.headers.get("cookie", ""))
        return {k: v.value for k, v in jar.items()}

    @property
    def client(self):
        client = self.scope.get("client")
        return Address(*client) if client else None

    @property
    def state(self):
        if "state" not in self.scope:
            self.scope["state"] = {}
        return State(self.scope["state"]) if not isinstance(self.scope["state"], State) else self.scope["state"]

    def url_for(self, name, /, **path_params):
        router = self.scope.get("router") or getattr(self.app, "router", None)
        return URL(f"{str(self.base_url).rstrip('/')}{router.url_path_for(name, **path_params)}")


class Request(HTTPConnection):
    def __init__(self, scope, receive=None, send=None):
        super().__init__(scope)
        self._receive = receive
        self._send = send
        self._body = None
        self._form = None
        self._json = None

    @property
    def method(self):
        return self.scope["method"]

    @property
    def receive(self):
        return self._receive

    async def stream(self):
        if self._body is not None:
            yield self._body
            yield b""
            return
        while True:
            message = await self._receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                if body:
                    yield body
                if not message.get("more_body", False):
                    break
            elif message["type"] == "http.disconnect":
                raise ClientDisconnect()
        yield b""

    async def body(self):
        if self._body is None:
            chunks = [chunk async for chunk in self.stream()]
            self._body = b"".join(chunks)
        return self._body

    async def json(self):
        if self._json is None:
            self._json = _json.loads(await self.body())
        return self._json

    async def form(self, *, max_files=1000, max_fields=1000, max_part_size=1024 * 1024):
        if self._form is None:
            content_type = self.headers.get("content-type", "")
            body = await self.body()
            items = []
            if content_type.startswith("application/x-www-form-urlencoded"):
                items = parse_qsl(body.decode("latin-1"), keep_blank_values=True)
            elif content_type.startswith("multipart/form-data"):
                import email.parser
                import email.policy
                import io

                raw = f"Content-Type: {content_type}\r\n\r\n".encode() + body
                message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
                for part in message.iter_parts() if message.is_multipart() else []:
                    name = part.get_param("name", header="content-disposition")
                    payload = part.get_payload(decode=True) or b""
                    filename = part.get_filename()
                    if filename is not None:
                        items.append((name, UploadFile(io.BytesIO(payload), size=len(payload), filename=filename,
                                                       headers=Headers({"content-type": part.get_content_type()}))))
                    else:
                        items.append((name, payload.decode("utf-8", "replace")))
            self._form = FormData(items)
        return self._form

    async def is_disconnected(self):
        return False

    async def close(self):
        pass
