from .main import Field, FieldInfo  # noqa: F401
