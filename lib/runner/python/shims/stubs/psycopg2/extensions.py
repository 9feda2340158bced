"""psycopg2.extensions: the classes and constants handlers import from it."""

from ._core import Column, connection, cursor  # noqa: F401

ISOLATION_LEVEL_AUTOCOMMIT = 0
ISOLATION_LEVEL_READ_UNCOMMITTED = 4
ISOLATION_LEVEL_READ_COMMITTED = 1
ISOLATION_LEVEL_REPEATABLE_READ = 2
ISOLATION_LEVEL_SERIALIZABLE = 3
ISOLATION_LEVEL_DEFAULT = None
TRANSACTION_STATUS_IDLE = 0
TRANSACTION_STATUS_ACTIVE = 1
TRANSACTION_STATUS_INTRANS = 2
TRANSACTION_STATUS_INERROR = 3
TRANSACTION_STATUS_UNKNOWN = 4


def register_adapter(typ, callable):  # noqa: A002
    pass


def register_type(obj, scope=None):
    pass


def parse_dsn(dsn):
    from _deadline import databases

    return databases.parse_libpq(dsn, {}, {})
