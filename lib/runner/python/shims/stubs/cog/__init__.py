"""Cog, as a model on Replicate imports it (replicate/cog 0.22, 6110c912, python/cog/__init__.py):
the predictor classes, Input(), the types, and the decorators. The run calls the predictor as
Replicate does (see _runtime.py): setup() once at boot, then run() / predict() with the event as
keyword inputs."""

from .input import FieldInfo, Input
from .predictor import BasePredictor, BaseRunner
from .types import AsyncConcatenateIterator, ConcatenateIterator, File, Path, Secret, URLFile, URLPath

__version__ = "0.22.0"


class CancelationException(Exception):
    """Raised inside predict() when a prediction is canceled (cog 0.22 re-exports coglet's)."""


def streaming(fn=None):
    """Marks a predict handler as streaming; the simulator collects what it yields either way."""

    def decorate(inner):
        return inner

    return decorate if fn is None else decorate(fn)


def concurrent(fn=None, *, max=1):  # noqa: A002 - cog's own keyword
    # The checks and messages of cog 0.22's concurrent().
    if isinstance(max, bool) or not isinstance(max, int):
        raise TypeError("concurrent max must be an integer")
    if max < 1:
        raise ValueError("concurrent max must be at least 1")

    def decorate(inner):
        import inspect

        if max > 1 and not (inspect.iscoroutinefunction(inner) or inspect.isasyncgenfunction(inner)):
            raise TypeError("concurrent max greater than 1 requires an async function")
        inner.__cog_concurrent_max__ = max
        return inner

    if fn is None:
        return decorate
    if not callable(fn):
        raise TypeError("concurrent must be used as @concurrent or @concurrent(max=...)")
    return decorate(fn)


class _Scope:
    """current_scope() outside the platform's metrics plumbing: metrics are kept, not sent."""

    def __init__(self):
        self.metrics = {}

    def record_metric(self, key, value, mode="replace"):
        if mode == "incr":
            self.metrics[key] = self.metrics.get(key, 0) + value
        elif mode == "append":
            self.metrics.setdefault(key, []).append(value)
        elif value is None:
            self.metrics.pop(key, None)
        else:
            self.metrics[key] = value


_scope = _Scope()


def current_scope():
    return _scope


__all__ = [
    "__version__", "BaseRunner", "BasePredictor", "Input", "FieldInfo", "Path", "Secret", "File", "URLFile",
    "URLPath", "ConcatenateIterator", "AsyncConcatenateIterator", "CancelationException", "current_scope",
    "streaming", "concurrent",
]
