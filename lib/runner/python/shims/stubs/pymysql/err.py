"""pymysql.err: the DB-API classes and the mapping of MySQL error numbers to them (pymysql/err.py)."""


class MySQLError(Exception):
    pass


class Warning(Warning, MySQLError):  # noqa: A001
    pass


class Error(MySQLError):
    pass


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


# err.py _map_error for the common ones (constants/ER.py numbers)
_ERRNO = {
    1062: IntegrityError, 1451: IntegrityError, 1452: IntegrityError, 1048: IntegrityError,
    1064: ProgrammingError, 1146: ProgrammingError, 1054: ProgrammingError, 1049: ProgrammingError,
    1205: OperationalError, 1213: OperationalError, 1040: OperationalError, 1045: OperationalError,
    3024: OperationalError, 2013: OperationalError, 2006: OperationalError,
    1406: DataError, 1264: DataError, 1366: DataError,
    1235: NotSupportedError,
}


def from_server(message, fields):
    errno = int(fields.get("errno") or fields.get("code") or 1105) if str(fields.get("errno") or fields.get("code") or "1105").isdigit() else 1105
    cls = _ERRNO.get(errno) or (InternalError if errno < 1000 else OperationalError)
    return cls(errno, message)


for _cls in (MySQLError, Warning, Error, InterfaceError, DatabaseError, DataError, OperationalError,
             IntegrityError, InternalError, ProgrammingError, NotSupportedError):
    _cls.__module__ = "pymysql.err"
