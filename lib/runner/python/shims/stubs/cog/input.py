"""cog.Input and FieldInfo (cog 0.22 python/cog/input.py): an input's default and constraints."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldInfo:
    default: object = None
    description: object = None
    ge: object = None
    le: object = None
    min_length: object = None
    max_length: object = None
    regex: object = None
    choices: object = None
    deprecated: object = None
    accept: object = None


def Input(default=None, *, default_factory=None, description=None, ge=None, le=None, min_length=None, max_length=None,
          regex=None, choices=None, deprecated=None, accept=None):
    if default_factory is not None:
        # cog's own refusal, word for word.
        raise TypeError(
            "default_factory is not supported in Input(). "
            "Use a literal default value instead: Input(default=...). "
            "Mutable defaults like lists should use immutable alternatives "
            "(e.g. a comma-separated string) or be constructed in predict()."
        )
    return FieldInfo(default=default, description=description, ge=ge, le=le, min_length=min_length,
                     max_length=max_length, regex=regex, choices=choices, deprecated=deprecated, accept=accept)
