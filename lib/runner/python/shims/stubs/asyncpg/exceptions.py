"""asyncpg.exceptions: PostgresError and a class per SQLSTATE the simulator's answers name
(asyncpg/exceptions/__init__.py)."""


class PostgresMessage(Exception):
    pass


class PostgresError(PostgresMessage):
    sqlstate = None

    def __init__(self, message=""):
        super().__init__(message)
        self.message = message


class InterfaceError(Exception):
    pass


class FatalPostgresError(PostgresError):
    pass


_NAMED = {
    "57014": "QueryCanceledError", "55P03": "LockNotAvailableError", "40001": "SerializationError",
    "40P01": "DeadlockDetectedError", "23505": "UniqueViolationError", "23503": "ForeignKeyViolationError",
    "23502": "NotNullViolationError", "42P01": "UndefinedTableError", "42703": "UndefinedColumnError",
    "42601": "PostgresSyntaxError", "25P02": "InFailedSQLTransactionError", "53300": "TooManyConnectionsError",
    "28P01": "InvalidPasswordError", "3D000": "InvalidCatalogNameError",
}
_classes = {}
for _code, _name in _NAMED.items():
    _cls = type(_name, (PostgresError,), {"__module__": "asyncpg.exceptions", "sqlstate": _code})
    _classes[_code] = _cls
    globals()[_name] = _cls


def _server(message, fields):
    code = str(fields.get("code") or "")
    cls = _classes.get(code, PostgresError)
    error = cls(message)
    if cls is PostgresError:
        error.sqlstate = code or None
    return error
