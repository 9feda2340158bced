"""pydantic.dataclasses.dataclass: a standard dataclass (its fields are not validated here)."""

import dataclasses as _dataclasses


def dataclass(_cls=None, **kwargs):
    kwargs = {k: v for k, v in kwargs.items() if k in ("init", "repr", "eq", "order", "frozen", "kw_only", "slots")}
    if _cls is None:
        return lambda cls: _dataclasses.dataclass(cls, **kwargs)
    return _dataclasses.dataclass(_cls, **kwargs)
