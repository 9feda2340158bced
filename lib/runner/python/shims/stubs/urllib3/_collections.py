"""urllib3's HTTPHeaderDict: a case-insensitive mapping that keeps the names as given."""

from collections.abc import Mapping, MutableMapping


class HTTPHeaderDict(MutableMapping):
    def __init__(self, headers=None, **kwargs):
        self._store = {}
        if headers is not None:
            self.extend(headers)
        if kwargs:
            self.extend(kwargs)

    def extend(self, other):
        items = other.items() if isinstance(other, Mapping) else other
        for key, value in items:
            self[key] = value

    def __setitem__(self, key, value):
        self._store[str(key).lower()] = (str(key), str(value))

    def __getitem__(self, key):
        return self._store[str(key).lower()][1]

    def __delitem__(self, key):
        del self._store[str(key).lower()]

    def __contains__(self, key):
        return isinstance(key, str) and key.lower() in self._store

    def __iter__(self):
        return (name for name, _ in self._store.values())

    def __len__(self):
        return len(self._store)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return {k.lower(): v for k, v in self.items()} == {str(k).lower(): str(v) for k, v in other.items()}

    def getlist(self, key):
        return [self[key]] if key in self else []

    def copy(self):
        return HTTPHeaderDict(self)

    def __repr__(self):
        return f"HTTPHeaderDict({dict(self.items())})"
