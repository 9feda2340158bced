"""pymongo.errors (pymongo 4.16.0 pymongo/errors.py): the classes handlers catch."""


class PyMongoError(Exception):
    pass


class ConnectionFailure(PyMongoError):
    pass


class AutoReconnect(ConnectionFailure):
    pass


class NetworkTimeout(AutoReconnect):
    pass


class ServerSelectionTimeoutError(AutoReconnect):
    pass


class ConfigurationError(PyMongoError):
    pass


class OperationFailure(PyMongoError):
    def __init__(self, error, code=None, details=None):
        super().__init__(error)
        self.code = code
        self.details = details or {}

    @property
    def codeName(self):  # noqa: N802 - pymongo's name
        return self.details.get("codeName")


class ExecutionTimeout(OperationFailure):
    pass


class DuplicateKeyError(OperationFailure):
    pass


class WriteError(OperationFailure):
    pass


class InvalidOperation(PyMongoError):
    pass
