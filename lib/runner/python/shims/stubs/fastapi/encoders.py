"""fastapi.encoders.jsonable_encoder: models, dataclasses, enums, dates, UUIDs, sets and other
objects turned into JSON-able values the way FastAPI 0.141.1 does."""

import dataclasses
import datetime
import decimal
import enum
import pathlib
import uuid


def _decimal(value):
    return int(value) if value.as_tuple().exponent >= 0 else float(value)


def jsonable_encoder(obj, include=None, exclude=None, by_alias=True, exclude_unset=False, exclude_defaults=False,
                     exclude_none=False, custom_encoder=None, sqlalchemy_safe=True):
    from pydantic import BaseModel

    if custom_encoder:
        for kind, encoder in custom_encoder.items():
            if isinstance(obj, kind):
                return encoder(obj)
    if isinstance(obj, BaseModel):
        return jsonable_encoder(obj.model_dump(mode="json", by_alias=by_alias, exclude_unset=exclude_unset,
                                               exclude_none=exclude_none, exclude_defaults=exclude_defaults))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return jsonable_encoder(dataclasses.asdict(obj), exclude_none=exclude_none)
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, pathlib.PurePath):
        return str(obj)
    if isinstance(obj, (str, int, float, type(None))):
        return obj
    if isinstance(obj, dict):
        return {
            jsonable_encoder(k): jsonable_encoder(v, exclude_none=exclude_none)
            for k, v in obj.items()
            if (v is not None or not exclude_none) and (include is None or k in include) and (exclude is None or k not in exclude)
        }
    if isinstance(obj, (list, set, frozenset, tuple)) or hasattr(obj, "__next__"):
        return [jsonable_encoder(item, exclude_none=exclude_none) for item in obj]
    if isinstance(obj, (datetime.datetime, datetime.date, datetime.time)):
        return obj.isoformat()
    if isinstance(obj, datetime.timedelta):
        return obj.total_seconds()
    if isinstance(obj, decimal.Decimal):
        return _decimal(obj)
    if isinstance(obj, uuid.UUID):
        return str(obj)
    if isinstance(obj, bytes):
        return obj.decode()
    errors = []
    try:
        data = dict(obj)
    except Exception as error:
        errors.append(error)
        try:
            data = vars(obj)
        except Exception as error:
            errors.append(error)
            raise ValueError(errors) from error
    return jsonable_encoder(data, exclude_none=exclude_none)
