"""pydantic.v1: the same models (the simulator does not keep v1's separate rules)."""

from pydantic import BaseModel, Field, ValidationError, root_validator, validator  # noqa: F401
