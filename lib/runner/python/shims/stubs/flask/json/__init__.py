"""flask.json: the app's JSON provider. DefaultJSONProvider in Flask 3.1.3 (src/flask/json/
provider.py) sorts keys, escapes non-ASCII, and outside debug mode writes compact JSON
(separators "," and ":") followed by a newline; in debug mode it indents by 2. Dates become
RFC 822 strings, UUIDs strings, dataclasses dicts."""

import dataclasses
import datetime
import decimal
import json as _json
import uuid
from email.utils import format_datetime


def _default(o):
    if isinstance(o, datetime.date):
        if not isinstance(o, datetime.datetime):
            o = datetime.datetime(o.year, o.month, o.day, tzinfo=datetime.timezone.utc)
        if o.tzinfo is None:
            o = o.replace(tzinfo=datetime.timezone.utc)
        return format_datetime(o, usegmt=True)
    if isinstance(o, (decimal.Decimal, uuid.UUID)):
        return str(o)
    if dataclasses and dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    if hasattr(o, "__html__"):
        return str(o.__html__())
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


class DefaultJSONProvider:
    default = staticmethod(_default)
    ensure_ascii = True
    sort_keys = True
    compact = None
    mimetype = "application/json"

    def __init__(self, app):
        self._app = app

    def dumps(self, obj, **kwargs):
        kwargs.setdefault("default", self.default)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        kwargs.setdefault("sort_keys", self.sort_keys)
        return _json.dumps(obj, **kwargs)

    def loads(self, s, **kwargs):
        return _json.loads(s, **kwargs)

    def response(self, *args, **kwargs):
        if args and kwargs:
            raise TypeError("app.json.response() takes either args or kwargs, not both")
        obj = None if not args and not kwargs else (args[0] if len(args) == 1 else list(args)) if args else kwargs
        dump_args = {}
        if (self.compact is None and self._app.debug) or self.compact is False:
            dump_args["indent"] = 2
        else:
            dump_args["separators"] = (",", ":")
        return self._app.response_class(f"{self.dumps(obj, **dump_args)}\n", mimetype=self.mimetype)


JSONProvider = DefaultJSONProvider


def _app():
    from ..globals import _current_app

    return _current_app()


def dumps(obj, **kwargs):
    app = _app()
    return app.json.dumps(obj, **kwargs) if app is not None else _json.dumps(obj, default=_default, **kwargs)


def loads(s, **kwargs):
    app = _app()
    return app.json.loads(s, **kwargs) if app is not None else _json.loads(s, **kwargs)


def jsonify(*args, **kwargs):
    app = _app()
    if app is None:
        from ..globals import _no_app

        raise RuntimeError(_no_app)
    return app.json.response(*args, **kwargs)
