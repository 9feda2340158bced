"""psycopg.errors: the DB-API classes, ConnectionTimeout, and a class per SQLSTATE the simulator's
answers name (psycopg/errors.py)."""


class Warning(Exception):  # noqa: A001
    pass


class Error(Exception):
    def __init__(self, *args, info=None, encoding="utf-8", pgconn=None, pgresult=None):
        super().__init__(*args)
        self.sqlstate = getattr(type(self), "sqlstate", None)
        self.pgconn = pgconn
        self.pgresult = pgresult
        self.diag = _Diag(self.sqlstate, args[0] if args else None)


class _Diag:
    def __init__(self, sqlstate, message):
        self.sqlstate = sqlstate
        self.message_primary = message
        self.severity = "ERROR" if sqlstate else None


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


class ConnectionTimeout(OperationalError):
    pass


class CancellationTimeout(OperationalError):
    pass


class PipelineAborted(OperationalError):
    pass


_BY_CLASS = {
    "08": OperationalError, "0A": NotSupportedError, "22": DataError, "23": IntegrityError,
    "25": InternalError, "28": OperationalError, "40": OperationalError, "42": ProgrammingError,
    "53": OperationalError, "54": OperationalError, "55": OperationalError, "57": OperationalError,
    "58": OperationalError, "XX": InternalError,
}
_NAMED = {
    "57014": "QueryCanceled", "55P03": "LockNotAvailable", "40001": "SerializationFailure",
    "40P01": "DeadlockDetected", "23505": "UniqueViolation", "23503": "ForeignKeyViolation",
    "23502": "NotNullViolation", "42P01": "UndefinedTable", "42703": "UndefinedColumn",
    "42601": "SyntaxError", "25P02": "InFailedSqlTransaction", "53300": "TooManyConnections",
    "57P01": "AdminShutdown", "28P01": "InvalidPassword", "3D000": "InvalidCatalogName",
}
_classes = {}
for _code, _name in _NAMED.items():
    _cls = type(_name, (_BY_CLASS.get(_code[:2], DatabaseError),), {"__module__": "psycopg.errors", "sqlstate": _code})
    _classes[_code] = _cls
    globals()[_name] = _cls


def lookup(sqlstate):
    return _classes[sqlstate]


def _server(message, fields):
    code = str(fields.get("code") or "")
    cls = _classes.get(code) or _BY_CLASS.get(code[:2], DatabaseError)
    error = cls(message)
    error.sqlstate = code or None
    return error


for _cls in (Warning, Error, InterfaceError, DatabaseError, DataError, OperationalError, IntegrityError,
             InternalError, ProgrammingError, NotSupportedError, ConnectionTimeout, CancellationTimeout, PipelineAborted):
    _cls.__module__ = "psycopg"
