from . import Config  # noqa: F401
