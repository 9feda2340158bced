"""cog's input and output types (cog 0.22 python/cog/types.py), as much as a handler touches."""

import io
import os
import pathlib
import urllib.parse
from dataclasses import dataclass


@dataclass(frozen=True)
class Secret:
    secret_value: object = None

    def __repr__(self):
        return f"Secret({str(self)})"

    def __str__(self):
        return "**********" if self.secret_value is not None else ""

    def get_secret_value(self):
        return self.secret_value


class Path(pathlib.PosixPath):
    """A path; a URL given as an input is downloaded first (see _runtime.py)."""

    @classmethod
    def validate(cls, value):
        if isinstance(value, pathlib.Path):
            return value
        return Path(value)


class URLPath(Path):
    pass


class File(io.IOBase):
    """Deprecated in cog in favour of Path; an input of this type is the downloaded file, opened."""

    @classmethod
    def validate(cls, value):
        if isinstance(value, io.IOBase):
            return value
        return open(os.fspath(value), "rb")


class URLFile(io.BytesIO):
    def __init__(self, url, filename=None):
        super().__init__(b"")
        self.name = filename or os.path.basename(urllib.parse.urlparse(url).path) or "file"


class ConcatenateIterator:
    """A return annotation: yielded chunks are joined for display (the output is their list)."""

    def __class_getitem__(cls, item):
        return cls

    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


class AsyncConcatenateIterator:
    def __class_getitem__(cls, item):
        return cls

    def __aiter__(self):
        return self

    async def __anext__(self):
        raise StopAsyncIteration
