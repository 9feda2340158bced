"""psycopg2.errors: one class per SQLSTATE the simulator's answers name, and lookup()."""

from ._core import (
    DataError, DatabaseError, IntegrityError, InternalError, NotSupportedError, OperationalError,
    ProgrammingError,
)

# psycopg2/errorcodes.py and psycopg/sqlstate_errors.h: the class of each SQLSTATE, and of each
# SQLSTATE class (its first two characters) for codes without a class of their own.
_BY_CLASS = {
    "08": OperationalError, "0A": NotSupportedError, "22": DataError, "23": IntegrityError,
    "24": InternalError, "25": InternalError, "26": InternalError, "27": OperationalError,
    "28": OperationalError, "2B": InternalError, "2D": InternalError, "2F": InternalError,
    "34": OperationalError, "38": InternalError, "39": InternalError, "3B": InternalError,
    "3D": ProgrammingError, "3F": ProgrammingError, "40": OperationalError, "42": ProgrammingError,
    "44": ProgrammingError, "53": OperationalError, "54": OperationalError, "55": OperationalError,
    "57": OperationalError, "58": OperationalError, "F0": InternalError, "HV": OperationalError,
    "P0": InternalError, "XX": InternalError,
}

_NAMED = {
    "57014": "QueryCanceled", "57P01": "AdminShutdown", "55P03": "LockNotAvailable",
    "40001": "SerializationFailure", "40P01": "DeadlockDetected", "23505": "UniqueViolation",
    "23503": "ForeignKeyViolation", "23502": "NotNullViolation", "42P01": "UndefinedTable",
    "42703": "UndefinedColumn", "42601": "SyntaxError", "25P02": "InFailedSqlTransaction",
    "53300": "TooManyConnections", "28P01": "InvalidPassword", "3D000": "InvalidCatalogName",
    "22P02": "InvalidTextRepresentation", "25006": "ReadOnlySqlTransaction",
}

_classes = {}
for _code, _name in _NAMED.items():
    _base = _BY_CLASS.get(_code[:2], DatabaseError)
    _cls = type(_name, (_base,), {"__module__": "psycopg2.errors", "sqlstate": _code})
    _classes[_code] = _cls
    globals()[_name] = _cls


def lookup(code):
    """The class of a SQLSTATE code; KeyError for one that has none, as psycopg2 does."""
    if code in _classes:
        return _classes[code]
    raise KeyError(code)


def lookup_class(code):
    """The class psycopg2 raises for a server error with this SQLSTATE."""
    if code in _classes:
        return _classes[code]
    return _BY_CLASS.get(code[:2], DatabaseError) if code else DatabaseError
