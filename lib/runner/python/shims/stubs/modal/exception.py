"""modal.exception (modal-client 1.5.4, py/modal/exception.py): the classes a handler catches."""


class Error(Exception):
    pass


class AlreadyExistsError(Error):
    pass


class AuthError(Error):
    pass


class InternalError(Error):
    pass


class InvalidError(Error):
    pass


class ConflictError(InvalidError):
    pass


class NotFoundError(Error):
    pass


class RemoteError(Error):
    pass


class ExecutionError(Error):
    pass


class TimeoutError(Error):
    """Base class for Modal timeouts."""


class FunctionTimeoutError(TimeoutError):
    """Raised when a Function exceeds its execution duration limit and times out."""


class SandboxTimeoutError(TimeoutError):
    pass


class OutputExpiredError(TimeoutError):
    pass


class InputCancellation(BaseException):
    pass


class DeprecationError(UserWarning):
    pass


class VersionError(Error):
    pass


class ConnectionError(Error):
    pass
