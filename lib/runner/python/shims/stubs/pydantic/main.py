"""BaseModel: fields from class annotations (with defaults, Field(...), Annotated constraints),
lax validation on construction, field and model validators, model_dump / model_dump_json and the
v1 names (dict, json, parse_obj), and ValidationError printed the way pydantic 2.13 prints it."""

import copy
import datetime
import enum
import json
import sys
import typing
import uuid

from . import _validate
from ._validate import MISSING, Errors
from .functional_validators import _validators_of, field_validator, model_validator, root_validator, validator  # noqa: F401

VERSION = "2.13.4"
_DOCS = "https://errors.pydantic.dev/2.13/v/"


class PydanticUndefinedType:
    def __repr__(self):
        return "PydanticUndefined"


PydanticUndefined = PydanticUndefinedType()


class FieldInfo:
    def __init__(self, default=PydanticUndefined, *, default_factory=None, alias=None, validation_alias=None,
                 serialization_alias=None, title=None, description=None, examples=None, exclude=None, gt=None,
                 ge=None, lt=None, le=None, min_length=None, max_length=None, pattern=None, frozen=None,
                 json_schema_extra=None, **extra):
        if default is Ellipsis:
            default = PydanticUndefined
        self.default = default
        self.default_factory = default_factory
        self.alias = alias or validation_alias
        self.serialization_alias = serialization_alias or alias
        self.title = title
        self.description = description
        self.examples = examples
        self.exclude = exclude
        self.gt, self.ge, self.lt, self.le = gt, ge, lt, le
        self.min_length = min_length if min_length is not None else extra.get("min_items")
        self.max_length = max_length if max_length is not None else extra.get("max_items")
        self.pattern = pattern if pattern is not None else extra.get("regex")
        self.annotation = None

    def is_required(self):
        return self.default is PydanticUndefined and self.default_factory is None

    def get_default(self, call_default_factory=True):
        if self.default_factory is not None:
            return self.default_factory() if call_default_factory else None
        return copy.deepcopy(self.default)

    def __repr__(self):
        return f"FieldInfo(annotation={_validate._type_label(self.annotation)}, required={self.is_required()})"


def Field(default=PydanticUndefined, **kwargs):
    return FieldInfo(default, **kwargs)


def ConfigDict(**kwargs):
    return dict(kwargs)


class ValidationError(ValueError):
    def __init__(self, title, items):
        super().__init__(title)
        self.title = title
        self._items = items

    @classmethod
    def from_exception_data(cls, title, line_errors, **kwargs):
        return cls(title, [dict(e, loc=tuple(e.get("loc", ()))) for e in line_errors])

    def errors(self, *, include_url=True, include_context=True, include_input=True):
        out = []
        for item in self._items:
            error = {"type": item["type"], "loc": tuple(item["loc"]), "msg": item["msg"]}
            if include_input:
                error["input"] = item["input"]
            if include_context and item.get("ctx"):
                error["ctx"] = item["ctx"]
            if include_url:
                error["url"] = _DOCS + item["type"]
            out.append(error)
        return out

    def error_count(self):
        return len(self._items)

    def json(self, **kwargs):
        return json.dumps(self.errors(), default=str, **kwargs)

    def __str__(self):
        count = len(self._items)
        lines = [f"{count} validation error{'s' if count != 1 else ''} for {self.title}"]
        for item in self._items:
            loc = ".".join(str(part) for part in item["loc"])
            value = item["input"]
            if loc:
                lines.append(loc)
            lines.append(f"  {item['msg']} [type={item['type']}, input_value={value!r}, input_type={type(value).__name__}]")
            lines.append(f"    For further information visit {_DOCS}{item['type']}")
        return "\n".join(lines)

    __repr__ = __str__


# ---- the model ---------------------------------------------------------------------------------


class ModelMetaclass(type):
    def __new__(mcs, name, bases, namespace, **kwargs):
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        fields = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(getattr(base, "__pydantic_fields__", {}) or {})
        module = sys.modules.get(cls.__module__)
        globalns = dict(vars(module)) if module else {}
        try:
            hints = typing.get_type_hints(cls, globalns=globalns, include_extras=True)
        except Exception:
            hints = dict(namespace.get("__annotations__", {}))
        try:
            # Python 3.14 evaluates class annotations lazily (PEP 649).
            import annotationlib

            own = annotationlib.get_annotations(cls, format=annotationlib.Format.FORWARDREF)
        except ImportError:
            own = namespace.get("__annotations__", {})
        for field_name in own:
            if field_name.startswith("_") or typing.get_origin(hints.get(field_name)) is typing.ClassVar:
                continue
            annotation = hints.get(field_name, typing.Any)
            default = namespace.get(field_name, PydanticUndefined)
            info = default if isinstance(default, FieldInfo) else FieldInfo(default)
            if typing.get_origin(annotation) is typing.Annotated:
                for meta in typing.get_args(annotation)[1:]:
                    if isinstance(meta, FieldInfo):
                        for attr in ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern", "alias", "description"):
                            if getattr(info, attr) is None and getattr(meta, attr) is not None:
                                setattr(info, attr, getattr(meta, attr))
                        if info.default is PydanticUndefined and meta.default is not PydanticUndefined:
                            info.default = meta.default
                        if info.default_factory is None:
                            info.default_factory = meta.default_factory
            info.annotation = annotation
            fields[field_name] = info
            if field_name in namespace and not isinstance(namespace[field_name], (classmethod, staticmethod, property)):
                try:
                    delattr(cls, field_name)
                except AttributeError:
                    pass
        cls.__pydantic_fields__ = fields
        cls.__deadline_validators__ = _validators_of(cls)
        config = {}
        for base in reversed(cls.__mro__):
            config.update(getattr(base, "model_config", {}) or {})
            legacy = base.__dict__.get("Config")
            if legacy is not None:
                config.update({k: v for k, v in vars(legacy).items() if not k.startswith("_")})
        cls.model_config = config
        return cls

    @property
    def model_fields(cls):
        return dict(cls.__pydantic_fields__)


def _build(cls, data, loc=()):
    """A validated instance of `cls` from a dict, or raises Errors (locations under `loc`)."""
    field_validators, model_validators = cls.__deadline_validators__
    for mode, fn in model_validators:
        if mode == "before":
            data = fn(cls, data)
    if not isinstance(data, dict):
        if isinstance(data, cls):
            return data
        raise _validate._err("model_type", loc, f"Input should be a valid dictionary or instance of {cls.__name__}", data, {"class_name": cls.__name__})
    values, collected, fields_set = {}, [], set()
    populate_by_name = cls.model_config.get("populate_by_name") or cls.model_config.get("allow_population_by_field_name")
    for name, info in cls.__pydantic_fields__.items():
        key = info.alias or name
        if key in data:
            raw = data[key]
        elif populate_by_name and name in data:
            raw = data[name]
        else:
            raw = MISSING
        if raw is MISSING:
            if info.is_required():
                collected.append({"type": "missing", "loc": tuple(loc) + (key,), "msg": "Field required", "input": data})
                continue
            values[name] = info.get_default()
            continue
        fields_set.add(name)
        try:
            for names, mode, fn in field_validators:
                if mode == "before" and (name in names or "*" in names):
                    raw = _call_validator(fn, cls, raw, values, name)
            value = _validate.validate(info.annotation, raw, tuple(loc) + (key,), info)
            for names, mode, fn in field_validators:
                if mode in ("after", "plain", "wrap") and (name in names or "*" in names):
                    value = _call_validator(fn, cls, value, values, name)
            values[name] = value
        except Errors as errors:
            collected.extend(errors.items)
        except (ValueError, AssertionError) as error:
            collected.append({"type": "value_error" if isinstance(error, ValueError) else "assertion_error",
                              "loc": tuple(loc) + (key,), "msg": f"{'Value' if isinstance(error, ValueError) else 'Assertion'} error, {error}",
                              "input": raw, "ctx": {"error": str(error)}})
    extra = cls.model_config.get("extra")
    known = {info.alias or name for name, info in cls.__pydantic_fields__.items()} | set(cls.__pydantic_fields__)
    extras = {k: v for k, v in data.items() if k not in known}
    if extra == "forbid":
        for key, value in extras.items():
            collected.append({"type": "extra_forbidden", "loc": tuple(loc) + (key,), "msg": "Extra inputs are not permitted", "input": value})
    if collected:
        raise Errors(collected)
    instance = cls.__new__(cls)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", fields_set)
    object.__setattr__(instance, "__pydantic_extra__", extras if extra == "allow" else None)
    for mode, fn in model_validators:
        if mode == "after":
            result = fn(instance)
            if result is not None:
                instance = result
    return instance


def _call_validator(fn, cls, value, values, name):
    import inspect

    try:
        count = len(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        count = 2
    if count >= 3:
        return fn(cls, value, _ValidationInfo(values, name))
    return fn(cls, value)


class _ValidationInfo:
    def __init__(self, data, field_name):
        self.data = data
        self.field_name = field_name


def _dump(value, mode, exclude_none):
    if isinstance(value, BaseModel):
        return value.model_dump(mode=mode, exclude_none=exclude_none)
    if isinstance(value, dict):
        return {_dump(k, mode, exclude_none): _dump(v, mode, exclude_none) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_dump(v, mode, exclude_none) for v in value]
        return items if mode == "json" or isinstance(value, list) else type(value)(items)
    if mode == "json":
        if isinstance(value, enum.Enum):
            return _dump(value.value, mode, exclude_none)
        if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
            return value.isoformat().replace("+00:00", "Z")
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
    return value


class BaseModel(metaclass=ModelMetaclass):
    model_config = {}

    def __init__(self, /, **data):
        try:
            built = _build(type(self), data)
        except Errors as errors:
            raise ValidationError(type(self).__name__, errors.items) from None
        object.__setattr__(self, "__dict__", built.__dict__)
        object.__setattr__(self, "__pydantic_fields_set__", built.__pydantic_fields_set__)
        object.__setattr__(self, "__pydantic_extra__", built.__pydantic_extra__)

    def __getattr__(self, name):
        extra = self.__dict__.get("__pydantic_extra__") if name != "__pydantic_extra__" else None
        try:
            extra = object.__getattribute__(self, "__pydantic_extra__")
        except AttributeError:
            extra = None
        if extra and name in extra:
            return extra[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name, value):
        if self.model_config.get("frozen"):
            raise ValidationError(type(self).__name__, [{"type": "frozen_instance", "loc": (name,), "msg": "Instance is frozen", "input": value}])
        if name in self.__pydantic_fields__ and self.model_config.get("validate_assignment"):
            info = self.__pydantic_fields__[name]
            try:
                value = _validate.validate(info.annotation, value, (name,), info)
            except Errors as errors:
                raise ValidationError(type(self).__name__, errors.items) from None
        self.__dict__[name] = value
        if name in self.__pydantic_fields__:
            self.__pydantic_fields_set__.add(name)

    # ---- constructing -------------------------------------------------------------------------

    @classmethod
    def model_validate(cls, obj, *, strict=None, from_attributes=None, context=None):
        if isinstance(obj, cls):
            return obj
        if from_attributes or cls.model_config.get("from_attributes") or cls.model_config.get("orm_mode"):
            if not isinstance(obj, dict):
                obj = {name: getattr(obj, name) for name in cls.__pydantic_fields__ if hasattr(obj, name)}
        try:
            return _build(cls, obj)
        except Errors as errors:
            raise ValidationError(cls.__name__, errors.items) from None

    @classmethod
    def model_validate_json(cls, json_data, *, strict=None, context=None):
        try:
            data = json.loads(json_data)
        except ValueError as error:
            raise ValidationError(cls.__name__, [{"type": "json_invalid", "loc": (), "msg": f"Invalid JSON: {error}", "input": json_data, "ctx": {"error": str(error)}}]) from None
        return cls.model_validate(data)

    @classmethod
    def model_construct(cls, _fields_set=None, **values):
        instance = cls.__new__(cls)
        data = {name: info.get_default() for name, info in cls.__pydantic_fields__.items() if not info.is_required()}
        data.update(values)
        object.__setattr__(instance, "__dict__", data)
        object.__setattr__(instance, "__pydantic_fields_set__", set(values) if _fields_set is None else set(_fields_set))
        object.__setattr__(instance, "__pydantic_extra__", None)
        return instance

    parse_obj = model_validate
    parse_raw = model_validate_json
    construct = model_construct

    # ---- reading ------------------------------------------------------------------------------

    model_fields = property(lambda self: type(self).model_fields)

    @property
    def model_fields_set(self):
        return set(self.__pydantic_fields_set__)

    def model_dump(self, *, mode="python", include=None, exclude=None, by_alias=False, exclude_unset=False,
                   exclude_defaults=False, exclude_none=False, round_trip=False, warnings=True, serialize_as_any=False, context=None):
        out = {}
        for name, info in self.__pydantic_fields__.items():
            if include is not None and name not in include:
                continue
            if exclude is not None and name in exclude:
                continue
            if info.exclude:
                continue
            if exclude_unset and name not in self.__pydantic_fields_set__:
                continue
            value = self.__dict__.get(name)
            if exclude_none and value is None:
                continue
            if exclude_defaults and not info.is_required() and value == info.get_default():
                continue
            out[(info.serialization_alias or name) if by_alias else name] = _dump(value, mode, exclude_none)
        extra = self.__pydantic_extra__
        if extra:
            out.update({k: _dump(v, mode, exclude_none) for k, v in extra.items()})
        return out

    def model_dump_json(self, *, indent=None, **kwargs):
        data = self.model_dump(mode="json", **kwargs)
        return json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ":") if indent is None else None)

    def dict(self, **kwargs):
        return self.model_dump(**kwargs)

    def json(self, **kwargs):
        indent = kwargs.pop("indent", None)
        return self.model_dump_json(indent=indent, **kwargs)

    def model_copy(self, *, update=None, deep=False):
        instance = type(self).__new__(type(self))
        data = copy.deepcopy(self.__dict__) if deep else dict(self.__dict__)
        data.update(update or {})
        object.__setattr__(instance, "__dict__", data)
        object.__setattr__(instance, "__pydantic_fields_set__", set(self.__pydantic_fields_set__) | set(update or {}))
        object.__setattr__(instance, "__pydantic_extra__", self.__pydantic_extra__)
        return instance

    copy = model_copy

    @classmethod
    def model_json_schema(cls, *args, **kwargs):
        properties = {name: {"title": name.replace("_", " ").title()} for name in cls.__pydantic_fields__}
        required = [name for name, info in cls.__pydantic_fields__.items() if info.is_required()]
        schema = {"properties": properties, "title": cls.__name__, "type": "object"}
        if required:
            schema["required"] = required
        return schema

    schema = model_json_schema

    def __iter__(self):
        yield from self.__dict__.items()

    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __repr__(self):
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    def __str__(self):
        return " ".join(f"{k}={v!r}" for k, v in self.__dict__.items())

    def __copy__(self):
        return self.model_copy()

    def __deepcopy__(self, memo=None):
        return self.model_copy(deep=True)


def create_model(model_name, /, **fields):
    namespace = {"__annotations__": {}}
    for name, spec in fields.items():
        if isinstance(spec, tuple):
            annotation, default = spec
        else:
            annotation, default = spec, PydanticUndefined
        namespace["__annotations__"][name] = annotation
        if default is not PydanticUndefined:
            namespace[name] = default
    return ModelMetaclass(model_name, (BaseModel,), namespace)


class TypeAdapter:
    def __init__(self, tp):
        self.type = tp

    def validate_python(self, value, **kwargs):
        try:
            return _validate.validate(self.type, value, ())
        except Errors as errors:
            raise ValidationError(_validate._type_label(self.type), errors.items) from None

    def validate_json(self, data, **kwargs):
        return self.validate_python(json.loads(data))

    def dump_python(self, value, mode="python", **kwargs):
        return _dump(value, mode, False)
