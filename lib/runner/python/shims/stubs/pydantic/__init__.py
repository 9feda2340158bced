"""Simulator stub of pydantic 2.13.4 (pydantic/pydantic tag v2.13.4): BaseModel with fields from
annotations and defaults, lax validation with pydantic's error types and messages, Field,
validators, model_dump / model_dump_json and the v1 names. What FastAPI needs to parse a request
body, and what handlers use to validate their input. See ../RUNTIMES.md."""

from ._validate import MISSING as _MISSING  # noqa: F401
from .main import (
    VERSION,
    BaseModel,
    ConfigDict,
    Field,
    FieldInfo,
    PydanticUndefined,
    TypeAdapter,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
    root_validator,
    validator,
)

__version__ = VERSION

# Types pydantic exports that a handler annotates with; validated as their plain counterparts.
StrictStr = str
StrictInt = int
StrictFloat = float
StrictBool = bool
AnyUrl = HttpUrl = AnyHttpUrl = str
EmailStr = str
PositiveInt = int
NonNegativeInt = int
PositiveFloat = float
SecretStr = str
Json = object


def conint(**kwargs):
    return int


def confloat(**kwargs):
    return float


def constr(**kwargs):
    return str


def conlist(item_type, **kwargs):
    return list[item_type]


def computed_field(fn=None, **kwargs):
    if fn is None:
        return lambda f: property(f) if not isinstance(f, property) else f
    return property(fn) if not isinstance(fn, property) else fn


__all__ = [
    "BaseModel", "ConfigDict", "Field", "FieldInfo", "PydanticUndefined", "TypeAdapter", "ValidationError",
    "create_model", "field_validator", "model_validator", "root_validator", "validator", "computed_field",
]
