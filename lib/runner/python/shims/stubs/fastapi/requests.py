from starlette.requests import HTTPConnection, Request  # noqa: F401
