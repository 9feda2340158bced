"""event_handler.exceptions: ServiceError and its codes become {"statusCode", "message"}."""

from http import HTTPStatus


class ServiceError(Exception):
    def __init__(self, status_code, msg):
        self.status_code = status_code
        self.msg = msg


class BadRequestError(ServiceError):
    def __init__(self, msg):
        super().__init__(HTTPStatus.BAD_REQUEST, msg)


class UnauthorizedError(ServiceError):
    def __init__(self, msg):
        super().__init__(HTTPStatus.UNAUTHORIZED, msg)


class ForbiddenError(ServiceError):
    def __init__(self, msg):
        super().__init__(HTTPStatus.FORBIDDEN, msg)


class NotFoundError(ServiceError):
    def __init__(self, msg="Not found"):
        super().__init__(HTTPStatus.NOT_FOUND, msg)


class RequestTimeoutError(ServiceError):
    def __init__(self, msg):
        super().__init__(HTTPStatus.REQUEST_TIMEOUT, msg)


class RequestEntityTooLargeError(ServiceError):
    def __init__(self, msg):
        super().__init__(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, msg)


class InternalServerError(ServiceError):
    def __init__(self, message):
        super().__init__(HTTPStatus.INTERNAL_SERVER_ERROR, message)


class ServiceUnavailableError(ServiceError):
    def __init__(self, msg):
        super().__init__(HTTPStatus.SERVICE_UNAVAILABLE, msg)
