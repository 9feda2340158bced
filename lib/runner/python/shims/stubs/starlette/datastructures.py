"""starlette.datastructures: URL, Headers (from the scope's raw list), QueryParams, FormData,
UploadFile, State."""

from urllib.parse import parse_qsl, urlencode, urlsplit


class Address(tuple):
    def __new__(cls, host, port):
        return super().__new__(cls, (host, port))

    host = property(lambda self: self[0])
    port = property(lambda self: self[1])


class URL(str):
    def __new__(cls, url="", scope=None, **components):
        if scope is not None:
            server = scope.get("server") or ("localhost", 80)
            host = dict(scope.get("headers") or []).get(b"host", f"{server[0]}:{server[1]}".encode()).decode("latin-1")
            query = scope.get("query_string", b"").decode("latin-1")
            url = f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}{scope['path']}" + (f"?{query}" if query else "")
        self = super().__new__(cls, url)
        self._parts = urlsplit(url)
        return self

    scheme = property(lambda self: self._parts.scheme)
    netloc = property(lambda self: self._parts.netloc)
    path = property(lambda self: self._parts.path)
    query = property(lambda self: self._parts.query)
    fragment = property(lambda self: self._parts.fragment)
    hostname = property(lambda self: self._parts.hostname)
    port = property(lambda self: self._parts.port)
    is_secure = property(lambda self: self.scheme in ("https", "wss"))

    def replace(self, **kwargs):
        return URL(self._parts._replace(**kwargs).geturl())

    def include_query_params(self, **kwargs):
        params = dict(parse_qsl(self.query, keep_blank_values=True))
        params.update({k: str(v) for k, v in kwargs.items()})
        return self.replace(query=urlencode(params))


class ImmutableMultiDict(dict):
    def __init__(self, items=()):
        self._list = [(k, v) for k, v in (items.items() if isinstance(items, dict) else items)]
        # The last value wins for d[key], as Starlette's ImmutableMultiDict does.
        super().__init__(self._list)

    def getlist(self, key):
        return [v for k, v in self._list if k == key]

    def multi_items(self):
        return list(self._list)


class QueryParams(ImmutableMultiDict):
    def __init__(self, query=""):
        if isinstance(query, bytes):
            query = query.decode("latin-1")
        super().__init__(parse_qsl(query, keep_blank_values=True) if isinstance(query, str) else query)

    def __str__(self):
        return urlencode(self._list)


class FormData(ImmutableMultiDict):
    async def close(self):
        pass


class Headers:
    def __init__(self, headers=None, raw=None, scope=None):
        if scope is not None:
            raw = scope.get("headers") or []
        if raw is not None:
            self._list = [(k if isinstance(k, bytes) else k.encode("latin-1"), v if isinstance(v, bytes) else v.encode("latin-1")) for k, v in raw]
        else:
            self._list = [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in (headers or {}).items()]

    @property
    def raw(self):
        return self._list

    def keys(self):
        return [k.decode("latin-1") for k, _ in self._list]

    def values(self):
        return [v.decode("latin-1") for _, v in self._list]

    def items(self):
        return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in self._list]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def getlist(self, key):
        wanted = key.lower().encode("latin-1")
        return [v.decode("latin-1") for k, v in self._list if k == wanted]

    def __getitem__(self, key):
        wanted = key.lower().encode("latin-1")
        for k, v in self._list:
            if k == wanted:
                return v.decode("latin-1")
        raise KeyError(key)

    def __contains__(self, key):
        wanted = str(key).lower().encode("latin-1")
        return any(k == wanted for k, _ in self._list)

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self._list)

    def __eq__(self, other):
        return isinstance(other, Headers) and sorted(self._list) == sorted(other._list)

    def __repr__(self):
        return f"{type(self).__name__}({dict(self.items())!r})"


class MutableHeaders(Headers):
    def __setitem__(self, key, value):
        wanted = key.lower().encode("latin-1")
        self._list = [(k, v) for k, v in self._list if k != wanted] + [(wanted, str(value).encode("latin-1"))]

    def __delitem__(self, key):
        wanted = key.lower().encode("latin-1")
        self._list = [(k, v) for k, v in self._list if k != wanted]

    def append(self, key, value):
        self._list.append((key.lower().encode("latin-1"), str(value).encode("latin-1")))

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    def update(self, other):
        for key, value in dict(other).items():
            self[key] = value


class UploadFile:
    def __init__(self, file, *, size=None, filename=None, headers=None):
        self.file = file
        self.size = size
        self.filename = filename
        self.headers = headers or Headers()

    @property
    def content_type(self):
        return self.headers.get("content-type")

    async def read(self, size=-1):
        return self.file.read(size)

    async def seek(self, offset):
        self.file.seek(offset)

    async def write(self, data):
        self.file.write(data)

    async def close(self):
        pass


class State:
    def __init__(self, state=None):
        object.__setattr__(self, "_state", dict(state or {}))

    def __setattr__(self, key, value):
        self._state[key] = value

    def __getattr__(self, key):
        try:
            return self._state[key]
        except KeyError:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{key}'") from None

    def __delattr__(self, key):
        del self._state[key]
