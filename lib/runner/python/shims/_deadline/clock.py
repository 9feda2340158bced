"""Patches time and datetime so every clock the user can read agrees with the virtual clock."""

import datetime as _datetime
import math
import operator
import sys
import time as _time

from . import state

_real = {name: getattr(_time, name) for name in ("localtime", "gmtime", "ctime", "asctime", "strftime")}
_RealDatetime = _datetime.datetime


def _seconds(value):
    # Mirrors what time.sleep accepts: floats, and integers or objects with __index__.
    if isinstance(value, float):
        return value
    if hasattr(value, "__float__") and not isinstance(value, int):
        return float(value)
    return operator.index(value)


def sleep(secs):
    secs = _seconds(secs)
    if math.isnan(secs):
        raise ValueError("Invalid value NaN (not a number)")
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    run = state.current
    line = run.caller_line()
    run.timed_wait("sleep", secs, line, f"time.sleep({_format_seconds(secs)})")


def _format_seconds(secs):
    return f"{secs:g}" if isinstance(secs, float) else str(secs)


def time():
    return state.current.wall_time()


def time_ns():
    return int(state.current.wall_time() * 1e9)


def monotonic():
    return state.current.monotonic()


def monotonic_ns():
    return int(state.current.monotonic() * 1e9)


def localtime(secs=None):
    return _real["localtime"](time() if secs is None else secs)


def gmtime(secs=None):
    return _real["gmtime"](time() if secs is None else secs)


def ctime(secs=None):
    return _real["ctime"](time() if secs is None else secs)


def asctime(t=None):
    return _real["asctime"](localtime() if t is None else t)


def strftime(format, t=None):
    return _real["strftime"](format, localtime() if t is None else t)


class _DatetimeMeta(type):
    # Objects made by code that kept the real class (json, strptime in C, other libraries) must
    # still pass `isinstance(x, datetime.datetime)` once the name points at the patched class.
    def __instancecheck__(cls, obj):
        return isinstance(obj, _RealDatetime)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, _RealDatetime)


class VirtualDatetime(_RealDatetime, metaclass=_DatetimeMeta):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(state.current.wall_time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(state.current.wall_time(), _datetime.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.fromtimestamp(state.current.wall_time())

    def __repr__(self):
        text = super().__repr__()
        return text if text.startswith("datetime.") else "datetime." + text


VirtualDatetime.__name__ = "datetime"
VirtualDatetime.__qualname__ = "datetime"
VirtualDatetime.__module__ = "datetime"


def install(patches):
    for name, value in (
        ("sleep", sleep), ("time", time), ("time_ns", time_ns),
        ("monotonic", monotonic), ("monotonic_ns", monotonic_ns),
        ("perf_counter", monotonic), ("perf_counter_ns", monotonic_ns),
        ("localtime", localtime), ("gmtime", gmtime), ("ctime", ctime),
        ("asctime", asctime), ("strftime", strftime),
    ):
        patches.set(_time, name, value)
    patches.set(_datetime, "datetime", VirtualDatetime)
