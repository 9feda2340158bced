"""Simulator stub of psycopg2 2.9.12 (libpq underneath): connect(), connection, cursor, the
DB-API exceptions and psycopg2.errors, psycopg2.extras' dict cursors and psycopg2.pool.

connect() is a network call to host:port (see _deadline/databases.py for how rules answer), with
libpq's defaults: no connect_timeout unless given (a dropped host waits until the deadline),
statement_timeout only through `options='-c statement_timeout=...'`, where the server cancels the
statement and psycopg2 raises errors.QueryCanceled. Connection failures raise OperationalError with
libpq's text ("connection to server at ... failed: timeout expired"). Each execute is one round trip;
in a transaction (autocommit off, the default) the first execute sends BEGIN and commit() sends
COMMIT, each a round trip of the host's latency that uses no rule's answer.
"""

from ._core import (
    BINARY, DATETIME, NUMBER, ROWID, STRING, Binary, DataError, DatabaseError, Date, Error,
    IntegrityError, InterfaceError, InternalError, NotSupportedError, OperationalError,
    ProgrammingError, Time, Timestamp, Warning, apilevel, connect, paramstyle, threadsafety,
)
from . import errors, extensions, extras, pool  # noqa: F401

__version__ = "2.9.12 (dt dec pq3 ext lo64)"
__libpq_version__ = 170000
