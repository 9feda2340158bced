"""openai's exception hierarchy and messages as openai-python v2.54.0 defines them
(https://github.com/openai/openai-python/blob/v2.54.0/src/openai/_exceptions.py), and the status
to class mapping of OpenAI._make_status_error (src/openai/_client.py)."""


class OpenAIError(Exception):
    pass


class APIError(OpenAIError):
    def __init__(self, message, request, *, body):
        super().__init__(message)
        self.request = request
        self.message = message
        self.body = body
        if isinstance(body, dict):
            self.code = body.get("code")
            self.param = body.get("param")
            self.type = body.get("type")
        else:
            self.code = self.param = self.type = None


class APIResponseValidationError(APIError):
    def __init__(self, response, body, *, message=None):
        super().__init__(message or "Data returned by API invalid for expected schema.", response.request, body=body)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    def __init__(self, message, *, response, body):
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get("x-request-id")


class APIConnectionError(APIError):
    def __init__(self, *, message="Connection error.", request):
        super().__init__(message, request, body=None)


class APITimeoutError(APIConnectionError):
    def __init__(self, request):
        super().__init__(message="Request timed out.", request=request)


class BadRequestError(APIStatusError):
    status_code = 400


class AuthenticationError(APIStatusError):
    status_code = 401


class PermissionDeniedError(APIStatusError):
    status_code = 403


class NotFoundError(APIStatusError):
    status_code = 404


class ConflictError(APIStatusError):
    status_code = 409


class UnprocessableEntityError(APIStatusError):
    status_code = 422


class RateLimitError(APIStatusError):
    status_code = 429


class InternalServerError(APIStatusError):
    pass


_BY_STATUS = {400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
              409: ConflictError, 422: UnprocessableEntityError, 429: RateLimitError}


def status_error(message, *, body, response):
    data = body.get("error", body) if isinstance(body, dict) else body
    cls = _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    return cls(message, response=response, body=data)


for _cls in (OpenAIError, APIError, APIResponseValidationError, APIStatusError, APIConnectionError, APITimeoutError,
             BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError,
             UnprocessableEntityError, RateLimitError, InternalServerError):
    _cls.__module__ = "openai"
