"""The werkzeug 3.1 datastructures a handler touches: MultiDict (request.args / form), Headers
(case-insensitive, ordered, repeatable), FileStorage."""

import io


class MultiDict(dict):
    """A dict whose keys may hold several values: d[key] is the first, getlist(key) all."""

    def __init__(self, mapping=None):
        super().__init__()
        if mapping is None:
            return
        items = mapping.items(multi=True) if isinstance(mapping, MultiDict) else (
            mapping.items() if isinstance(mapping, dict) else mapping
        )
        for key, value in items:
            if isinstance(mapping, dict) and not isinstance(mapping, MultiDict) and isinstance(value, (list, tuple)):
                for item in value:
                    self.add(key, item)
            else:
                self.add(key, value)

    def add(self, key, value):
        dict.setdefault(self, key, []).append(value)

    def __getitem__(self, key):
        if dict.__contains__(self, key):
            values = dict.__getitem__(self, key)
            if values:
                return values[0]
        from .exceptions import BadRequestKeyError

        raise BadRequestKeyError(key)

    def __setitem__(self, key, value):
        dict.__setitem__(self, key, [value])

    def get(self, key, default=None, type=None):
        try:
            value = self[key]
        except KeyError:
            return default
        if type is not None:
            try:
                return type(value)
            except (ValueError, TypeError):
                return default
        return value

    def getlist(self, key, type=None):
        values = list(dict.get(self, key, []))
        if type is None:
            return values
        out = []
        for value in values:
            try:
                out.append(type(value))
            except (ValueError, TypeError):
                pass
        return out

    def items(self, multi=False):
        for key, values in dict.items(self):
            if multi:
                for value in values:
                    yield key, value
            else:
                yield key, values[0]

    def values(self):
        for values in dict.values(self):
            yield values[0]

    def lists(self):
        return list(dict.items(self))

    def to_dict(self, flat=True):
        if flat:
            return dict(self.items())
        return dict(self.lists())

    def copy(self):
        return type(self)(self)

    def __iter__(self):
        return iter(dict.keys(self))

    def __repr__(self):
        return f"{type(self).__name__}({list(self.items(multi=True))!r})"


class ImmutableMultiDict(MultiDict):
    def _immutable(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__!r} objects are immutable")

    __setitem__ = __delitem__ = setdefault = update = pop = popitem = clear = _immutable

    def add(self, key, value):
        if getattr(self, "_frozen", False):
            self._immutable()
        dict.setdefault(self, key, []).append(value)

    def __init__(self, mapping=None):
        super().__init__(mapping)
        self._frozen = True


class Headers:
    """Case-insensitive, ordered headers that may repeat."""

    def __init__(self, defaults=None):
        self._list = []
        if defaults is not None:
            self.extend(defaults)

    def _items_of(self, value):
        if isinstance(value, Headers):
            return list(value.items())
        if isinstance(value, dict):
            out = []
            for key, item in value.items():
                for part in item if isinstance(item, (list, tuple)) else [item]:
                    out.append((key, part))
            return out
        return list(value)

    def extend(self, *args, **kwargs):
        for arg in args:
            for key, value in self._items_of(arg):
                self.add(key, value)
        for key, value in kwargs.items():
            self.add(key, value)

    def update(self, *args, **kwargs):
        for arg in args:
            for key, value in self._items_of(arg):
                self.set(key, value)
        for key, value in kwargs.items():
            self.set(key, value)

    def add(self, key, value, **options):
        if options:
            value = value + "".join(f"; {k.replace('_', '-')}={v}" for k, v in options.items())
        self._list.append((str(key), str(value)))

    add_header = add

    def set(self, key, value, **options):
        self.remove(key)
        self.add(key, value, **options)

    def setdefault(self, key, default):
        if key in self:
            return self[key]
        self.set(key, default)
        return default

    def remove(self, key):
        wanted = key.lower()
        self._list = [(k, v) for k, v in self._list if k.lower() != wanted]

    def __delitem__(self, key):
        self.remove(key)

    def get(self, key, default=None, type=None):
        wanted = key.lower()
        for k, v in self._list:
            if k.lower() == wanted:
                if type is None:
                    return v
                try:
                    return type(v)
                except (ValueError, TypeError):
                    return default
        return default

    def getlist(self, key, type=None):
        wanted = key.lower()
        return [v if type is None else type(v) for k, v in self._list if k.lower() == wanted]

    get_all = getlist

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._list[key]
        value = self.get(key)
        if value is None:
            from .exceptions import BadRequestKeyError

            raise BadRequestKeyError(key)
        return value

    def __setitem__(self, key, value):
        self.set(key, value)

    def __contains__(self, key):
        wanted = str(key).lower()
        return any(k.lower() == wanted for k, _ in self._list)

    def __iter__(self):
        return iter(list(self._list))

    def __len__(self):
        return len(self._list)

    def items(self, lower=False):
        return [(k.lower() if lower else k, v) for k, v in self._list]

    def keys(self, lower=False):
        return [k.lower() if lower else k for k, _ in self._list]

    def values(self):
        return [v for _, v in self._list]

    def to_wsgi_list(self):
        return list(self._list)

    def copy(self):
        return Headers(self._list)

    def __eq__(self, other):
        return isinstance(other, Headers) and sorted(self.items(lower=True)) == sorted(other.items(lower=True))

    def __repr__(self):
        return f"{type(self).__name__}({self._list!r})"

    def __str__(self):
        return "".join(f"{k}: {v}\r\n" for k, v in self._list) + "\r\n"


EnvironHeaders = Headers


class FileStorage:
    def __init__(self, stream=None, filename=None, name=None, content_type=None, headers=None):
        self.stream = stream or io.BytesIO()
        self.filename = filename
        self.name = name
        self.content_type = content_type
        self.headers = headers or Headers()

    @property
    def mimetype(self):
        return (self.content_type or "").split(";")[0].strip()

    def read(self, *args):
        return self.stream.read(*args)

    def save(self, dst, buffer_size=16384):
        data = self.stream.read()
        if isinstance(dst, str):
            with open(dst, "wb") as f:
                f.write(data)
        else:
            dst.write(data)

    def __bool__(self):
        return bool(self.filename)

    def __repr__(self):
        return f"<FileStorage: {self.filename!r} ({self.content_type!r})>"
