"""Lax-mode validation of one value against an annotation, with pydantic 2.13's error types and
messages (pydantic/pydantic v2.13.4, docs/errors/validation_errors.md): "123" is an int, 1.5 is
not (int_from_float), 1 is not a str (string_type), "yes" is a bool, and so on."""

import datetime
import enum
import types
import typing
import uuid

MISSING = object()

_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


class Errors(Exception):
    """Collected line items: {"type", "loc", "msg", "input", "ctx"?}."""

    def __init__(self, items):
        super().__init__(items)
        self.items = items


def _err(kind, loc, msg, value, ctx=None):
    item = {"type": kind, "loc": tuple(loc), "msg": msg, "input": value}
    if ctx:
        item["ctx"] = ctx
    return Errors([item])


def _is_model(tp):
    from .main import BaseModel

    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _constraints(value, info, loc):
    if info is None:
        return
    checks = (
        ("gt", lambda v, b: v > b, "greater_than", "Input should be greater than {}"),
        ("ge", lambda v, b: v >= b, "greater_than_equal", "Input should be greater than or equal to {}"),
        ("lt", lambda v, b: v < b, "less_than", "Input should be less than {}"),
        ("le", lambda v, b: v <= b, "less_than_equal", "Input should be less than or equal to {}"),
    )
    for attr, ok, kind, text in checks:
        bound = getattr(info, attr, None)
        if bound is not None and isinstance(value, (int, float)) and not ok(value, bound):
            raise _err(kind, loc, text.format(bound), value, {attr: bound})
    low, high = getattr(info, "min_length", None), getattr(info, "max_length", None)
    if isinstance(value, (str, list, tuple, set, dict, bytes)):
        size = len(value)
        what = "String" if isinstance(value, str) else "List" if isinstance(value, list) else "Value"
        unit = "character" if isinstance(value, str) else "item"
        if low is not None and size < low:
            kind = "string_too_short" if isinstance(value, str) else "too_short"
            raise _err(kind, loc, f"{what} should have at least {low} {unit}{'s' if low != 1 else ''}" + ("" if isinstance(value, str) else f" after validation, not {size}"), value, {"min_length": low})
        if high is not None and size > high:
            kind = "string_too_long" if isinstance(value, str) else "too_long"
            raise _err(kind, loc, f"{what} should have at most {high} {unit}{'s' if high != 1 else ''}" + ("" if isinstance(value, str) else f" after validation, not {size}"), value, {"max_length": high})
    pattern = getattr(info, "pattern", None)
    if pattern is not None and isinstance(value, str):
        import re

        if re.search(pattern, value) is None:
            raise _err("string_pattern_mismatch", loc, f"String should match pattern '{pattern}'", value, {"pattern": pattern})


def validate(tp, value, loc, info=None):
    """The validated value, or raises Errors."""
    result = _validate(tp, value, loc)
    _constraints(result, info, loc)
    return result


def _validate(tp, value, loc):
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is typing.Any or tp is object or tp is MISSING:
        return value
    if origin is typing.Annotated:
        inner, *metadata = args
        result = _validate(inner, value, loc)
        for meta in metadata:
            _constraints(result, meta, loc)
        return result
    if tp is None or tp is type(None):
        if value is None:
            return None
        raise _err("none_required", loc, "Input should be None", value)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        # Smart mode: an exact type match first, then the first member that validates.
        for member in args:
            if isinstance(member, type) and type(value) is member:
                return value
        collected = []
        for member in args:
            if member is type(None):
                continue
            try:
                return _validate(member, value, loc)
            except Errors as errors:
                for item in errors.items:
                    collected.append(dict(item, loc=tuple(loc) + (_type_label(member),) + tuple(item["loc"][len(loc):])))
        raise Errors(collected)
    if origin is typing.Literal:
        if value in args:
            return value
        expected = " or ".join(repr(a) for a in args) if len(args) <= 2 else ", ".join(repr(a) for a in args[:-1]) + f" or {args[-1]!r}"
        raise _err("literal_error", loc, f"Input should be {expected}", value, {"expected": expected})
    if _is_model(tp):
        if isinstance(value, tp):
            return value
        if not isinstance(value, dict):
            raise _err("model_type", loc, f"Input should be a valid dictionary or instance of {tp.__name__}", value, {"class_name": tp.__name__})
        from .main import _build

        return _build(tp, value, loc)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            members = [repr(m.value) for m in tp]
            expected = " or ".join(members) if len(members) <= 2 else ", ".join(members[:-1]) + f" or {members[-1]}"
            raise _err("enum", loc, f"Input should be {expected}", value, {"expected": expected})
    if tp is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        if isinstance(value, (str, int, float)):
            raise _err("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", value)
        raise _err("bool_type", loc, "Input should be a valid boolean", value)
    if tp is int:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise _err("int_from_float", loc, "Input should be a valid integer, got a number with a fractional part", value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                raise _err("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", value)
        raise _err("int_type", loc, "Input should be a valid integer", value)
    if tp is float:
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                raise _err("float_parsing", loc, "Input should be a valid number, unable to parse string as a number", value)
        raise _err("float_type", loc, "Input should be a valid number", value)
    if tp is str:
        if isinstance(value, str):
            return value
        if isinstance(value, enum.Enum) and isinstance(value.value, str):
            return value.value
        raise _err("string_type", loc, "Input should be a valid string", value)
    if tp is bytes:
        if isinstance(value, bytes):
            return value
        if isinstance(value, str):
            return value.encode()
        raise _err("bytes_type", loc, "Input should be a valid bytes", value)
    if tp in (list, tuple, set, frozenset) or origin in (list, tuple, set, frozenset, typing.Sequence, typing.Iterable):
        container = origin or tp
        if container in (typing.Sequence, typing.Iterable):
            container = list
        name = {list: "list", tuple: "tuple", set: "set", frozenset: "frozenset"}[container]
        if not isinstance(value, (list, tuple, set, frozenset)) or (container is list and isinstance(value, (set, frozenset))):
            raise _err(f"{name}_type", loc, f"Input should be a valid {name}", value)
        items = list(value)
        if container is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
            member_types = list(args)
        else:
            member_types = [args[0] if args else typing.Any] * len(items)
        out, collected = [], []
        for index, item in enumerate(items):
            try:
                out.append(_validate(member_types[index] if index < len(member_types) else typing.Any, item, tuple(loc) + (index,)))
            except Errors as errors:
                collected.extend(errors.items)
        if collected:
            raise Errors(collected)
        return container(out)
    if tp is dict or origin in (dict, typing.Mapping):
        if not isinstance(value, dict):
            raise _err("dict_type", loc, "Input should be a valid dictionary", value)
        key_type, value_type = (args + (typing.Any, typing.Any))[:2] if args else (typing.Any, typing.Any)
        out, collected = {}, []
        for key, item in value.items():
            try:
                out[_validate(key_type, key, tuple(loc) + (key, "[key]"))] = _validate(value_type, item, tuple(loc) + (key,))
            except Errors as errors:
                collected.extend(errors.items)
        if collected:
            raise Errors(collected)
        return out
    if tp is datetime.datetime:
        if isinstance(value, datetime.datetime):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
        try:
            return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise _err("datetime_from_date_parsing", loc, "Input should be a valid datetime or date, invalid character in year", value)
    if tp is datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise _err("date_from_datetime_parsing", loc, "Input should be a valid date or datetime, invalid character in year", value)
    if tp is uuid.UUID:
        if isinstance(value, uuid.UUID):
            return value
        try:
            return uuid.UUID(str(value))
        except ValueError:
            raise _err("uuid_parsing", loc, "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `" + str(value)[:1] + "` at 1", value)
    if isinstance(tp, type):
        if isinstance(value, tp):
            return value
        raise _err("is_instance_of", loc, f"Input should be an instance of {tp.__name__}", value, {"class": tp.__name__})
    return value


def _type_label(tp):
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("typing.", "")
