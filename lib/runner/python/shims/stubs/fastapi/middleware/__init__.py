from starlette.middleware import Middleware  # noqa: F401
