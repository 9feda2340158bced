"""fastapi.exceptions: HTTPException (any JSON-able detail), RequestValidationError (the 422's
errors), ResponseValidationError."""

from starlette.exceptions import HTTPException as StarletteHTTPException


class HTTPException(StarletteHTTPException):
    def __init__(self, status_code, detail=None, headers=None):
        super().__init__(status_code=status_code, detail=detail, headers=headers)


class FastAPIError(RuntimeError):
    pass


class ValidationException(Exception):
    def __init__(self, errors):
        self._errors = errors

    def errors(self):
        return self._errors


class RequestValidationError(ValidationException):
    def __init__(self, errors, *, body=None):
        super().__init__(errors)
        self.body = body

    def __str__(self):
        lines = [f"{len(self._errors)} validation error{'s' if len(self._errors) != 1 else ''}:"]
        lines += [f"  {e!r}" for e in self._errors]
        return "\n".join(lines)


class WebSocketRequestValidationError(ValidationException):
    pass


class ResponseValidationError(ValidationException):
    def __init__(self, errors, *, body=None):
        super().__init__(errors)
        self.body = body

    def __str__(self):
        lines = [f"{len(self._errors)} validation error{'s' if len(self._errors) != 1 else ''}:"]
        lines += [f"  {e!r}" for e in self._errors]
        return "\n".join(lines)
