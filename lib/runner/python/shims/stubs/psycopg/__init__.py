"""Simulator stub of psycopg 3.3.4 (import psycopg): connect(), Connection.execute / cursor(),
fetchone / fetchall, commit / rollback, transaction(), rows.dict_row, and psycopg.errors.

connect() is a network call to host:port (_deadline/databases.py). psycopg 3 enforces the connect
timeout itself: connect_timeout, or its default of 130 s when none is given (conninfo.py
_DEFAULT_CONNECT_TIMEOUT; at least 2 s), after which it raises errors.ConnectionTimeout
("connection timeout expired"); a refused connection raises OperationalError("connection failed:
" + libpq's text). statement_timeout comes through `options='-c statement_timeout=...'`: the server
cancels the statement (errors.QueryCanceled). Each execute is one round trip; outside autocommit the
first statement of a transaction sends BEGIN and commit() COMMIT (round trips of the host's latency).
"""

import os

from _deadline import databases, network

from . import errors, rows  # noqa: F401
from .errors import (  # noqa: F401
    DataError, DatabaseError, Error, IntegrityError, InterfaceError, InternalError, NotSupportedError,
    OperationalError, ProgrammingError, Warning,
)

__version__ = "3.3.4"
apilevel = "2.0"
threadsafety = 2
paramstyle = "pyformat"

# psycopg/conninfo.py
_DEFAULT_CONNECT_TIMEOUT = 130


def _timeout(params):
    value = params.get("connect_timeout")
    if value is None:
        value = _DEFAULT_CONNECT_TIMEOUT
    try:
        timeout = int(float(value))
    except ValueError:
        raise ProgrammingError(f"bad value for connect_timeout: {value!r}") from None
    if timeout <= 0:
        return _DEFAULT_CONNECT_TIMEOUT
    return max(timeout, 2)


_ROW_COMMANDS = {"SELECT", "WITH", "SHOW", "VALUES", "TABLE", "FETCH", "EXPLAIN"}


class Column:
    def __init__(self, name):
        self.name = name
        self.type_code = 25

    def __getitem__(self, i):
        return (self.name, self.type_code, None, None, None, None, None)[i]

    def __repr__(self):
        return f"<Column {self.name!r}, type: text (oid: 25)>"


class Cursor:
    def __init__(self, connection, row_factory=None):
        self.connection = connection
        self.row_factory = row_factory or connection.row_factory
        self.closed = False
        self.description = None
        self.rowcount = -1
        self.rownumber = None
        self.statusmessage = None
        self._rows = None
        self._pos = 0

    def _check(self):
        if self.closed:
            raise InterfaceError("the cursor is closed")
        if self.connection.closed:
            raise OperationalError("the connection is closed")

    def execute(self, query, params=None, *, prepare=None, binary=None):
        self._check()
        conn = self.connection
        line = network.caller_line()
        sql = str(query)
        if conn._aborted:
            raise errors._server("current transaction is aborted, commands ignored until end of transaction block", {"code": "25P02"})
        if not conn.autocommit and not conn._in_transaction:
            conn._control("BEGIN", line)
            conn._in_transaction = True
        note = f"psycopg execute: {databases.short_sql(sql)}"
        outcome, target = databases.query_sync(conn._url, line, None, note, databases.statement_timeout_shape(conn._statement_timeout))
        reply = databases.sql_reply(target, "psycopg execute")
        if reply[0] == "error":
            if conn._in_transaction:
                conn._aborted = True
            raise errors._server(reply[1], reply[2])
        _, found, count, _simulated = reply
        command = databases.sql_command(sql)
        if found or command in _ROW_COMMANDS or " RETURNING " in f" {sql.upper()} ":
            names = list(found[0].keys()) if found else []
            self.description = [Column(n) for n in names]
            make = self.row_factory(self) if self.row_factory else (lambda values: tuple(values))
            self._rows = [make([r.get(n) for n in names]) for r in found]
        else:
            self.description = None
            self._rows = None
        self._pos = 0
        self.rownumber = 0 if self._rows is not None else None
        self.rowcount = count if count is not None else len(found)
        self.statusmessage = f"{command} 0 {self.rowcount}" if command == "INSERT" else f"{command} {self.rowcount}"
        return self

    def executemany(self, query, params_seq, *, returning=False):
        for params in params_seq:
            self.execute(query, params)

    def _need(self):
        self._check()
        if self._rows is None:
            raise ProgrammingError("the last operation didn't produce records (command status: %s)" % (self.statusmessage or "None"))

    def fetchone(self):
        self._need()
        if self._pos >= len(self._rows):
            return None
        row = self._rows[self._pos]
        self._pos += 1
        self.rownumber = self._pos
        return row

    def fetchmany(self, size=0):
        self._need()
        size = size or 1
        out = self._rows[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def fetchall(self):
        self._need()
        out = self._rows[self._pos:]
        self._pos = len(self._rows)
        return out

    def __iter__(self):
        while True:
            row = self.fetchone()
            if row is None:
                return
            yield row

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class Transaction:
    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.connection.commit()
        else:
            self.connection.rollback()
        return False


class Connection:
    def __init__(self, params, line, autocommit=False, row_factory=None):
        self._params = params
        self.autocommit = autocommit
        self.row_factory = row_factory
        self.closed = False
        self.broken = False
        self._in_transaction = False
        self._aborted = False
        self._statement_timeout = databases.statement_timeout_ms(params.get("options"))
        self._url = databases.db_url("postgres", params.get("hostaddr") or params["host"], params["port"], params.get("dbname", ""))
        outcome = databases.connect_sync(self._url, line, _timeout(params), "psycopg connect")
        if outcome == network.REFUSED:
            raise OperationalError("connection failed: " + databases.libpq_failure(params, "refused").rstrip())
        if outcome != network.OK:
            # generators.py _connect: the timeout psycopg enforces itself
            raise errors.ConnectionTimeout("connection timeout expired")

    @classmethod
    def connect(cls, conninfo="", *, autocommit=False, prepare_threshold=5, context=None, row_factory=None, cursor_factory=None, **kwargs):
        line = network.caller_line()
        params = databases.parse_libpq(conninfo, kwargs, os.environ)
        return cls(params, line, autocommit=autocommit, row_factory=row_factory)

    @property
    def info(self):
        return self

    @property
    def host(self):
        return self._params["host"]

    @property
    def port(self):
        return int(self._params["port"])

    @property
    def dbname(self):
        return self._params.get("dbname", "")

    def cursor(self, *, binary=False, row_factory=None):
        if self.closed:
            raise OperationalError("the connection is closed")
        return Cursor(self, row_factory)

    def execute(self, query, params=None, *, prepare=None, binary=False):
        return self.cursor().execute(query, params)

    def _control(self, sql, line):
        network.exchange_sync("QUERY", databases.ping_target(self._url), line, note=f"psycopg {sql}")

    def commit(self):
        if self._in_transaction and not self.closed:
            self._control("ROLLBACK" if self._aborted else "COMMIT", network.caller_line())
        self._in_transaction = self._aborted = False

    def rollback(self):
        if self._in_transaction and not self.closed:
            self._control("ROLLBACK", network.caller_line())
        self._in_transaction = self._aborted = False

    def transaction(self, savepoint_name=None, force_rollback=False):
        return Transaction(self)

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        # psycopg 3: leaving the block commits (or rolls back) and closes the connection
        if not self.closed:
            if exc_type is None:
                self.commit()
            else:
                self.rollback()
            self.close()
        return False


def connect(conninfo="", **kwargs):
    return Connection.connect(conninfo, **kwargs)


for _cls in (Connection, Cursor, Transaction):
    _cls.__module__ = "psycopg"
