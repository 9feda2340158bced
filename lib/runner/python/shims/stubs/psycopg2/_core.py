"""psycopg2's connection and cursor over the simulated network (see __init__.py)."""

import datetime as _dt
import os

from _deadline import databases, network

apilevel = "2.0"
threadsafety = 2
paramstyle = "pyformat"


class Warning(Exception):  # noqa: A001 - the DB-API name
    pass


class Error(Exception):
    def __init__(self, *args, pgcode=None, pgerror=None, cursor=None):
        super().__init__(*args)
        self.pgcode = pgcode
        self.pgerror = pgerror
        self.cursor = cursor
        self.diag = _Diag(pgcode, args[0] if args else None)


class _Diag:
    def __init__(self, sqlstate, message):
        self.sqlstate = sqlstate
        self.message_primary = message.rstrip("\n").split("\n")[0] if isinstance(message, str) else None
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


def Binary(value):  # noqa: N802
    return bytes(value)


Date = _dt.date
Time = _dt.time
Timestamp = _dt.datetime
STRING, BINARY, NUMBER, DATETIME, ROWID = "STRING", "BINARY", "NUMBER", "DATETIME", "ROWID"


class Column(tuple):
    """A cursor.description item: (name, type_code, display_size, internal_size, precision, scale, null_ok)."""

    def __new__(cls, name, type_code):
        return super().__new__(cls, (name, type_code, None, None, None, None, None))

    name = property(lambda self: self[0])
    type_code = property(lambda self: self[1])


def _type_code(value):
    if isinstance(value, bool):
        return 16
    if isinstance(value, int):
        return 23
    if isinstance(value, float):
        return 701
    if isinstance(value, (dict, list)):
        return 3802
    return 25


_ROW_COMMANDS = {"SELECT", "WITH", "SHOW", "VALUES", "TABLE", "FETCH", "EXPLAIN"}


class connection:  # noqa: N801 - psycopg2's own class name
    def __init__(self, dsn, params, line, cursor_factory=None):
        self.dsn = dsn
        self._params = params
        self.cursor_factory = cursor_factory
        self.closed = 0
        self.autocommit = False
        self.status = 1
        self.notices = []
        self.server_version = 170000
        self.protocol_version = 3
        self._in_transaction = False
        self._aborted = False
        self._statement_timeout = databases.statement_timeout_ms(params.get("options"))
        self._url = databases.db_url("postgres", params.get("hostaddr") or params["host"], params["port"], params.get("dbname", ""))
        timeout = databases.libpq_connect_timeout(params)
        outcome = databases.connect_sync(self._url, line, timeout, "psycopg2 connect")
        if outcome == network.REFUSED:
            raise OperationalError(databases.libpq_failure(params, "refused"))
        if outcome != network.OK:
            raise OperationalError(databases.libpq_failure(params, "timeout"))

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

    def get_dsn_parameters(self):
        return {k: v for k, v in self._params.items() if k != "password"}

    def _check(self):
        if self.closed:
            raise InterfaceError("connection already closed")

    def cursor(self, name=None, cursor_factory=None, scrollable=None, withhold=False):
        self._check()
        factory = cursor_factory or self.cursor_factory or cursor
        return factory(self, name)

    def _control(self, sql, line):
        """BEGIN / COMMIT / ROLLBACK: a round trip that uses no rule's answer."""
        target = databases.ping_target(self._url)
        network.exchange_sync("QUERY", target, line, note=f"psycopg2 {sql}")

    def commit(self):
        self._check()
        if self._in_transaction:
            self._control("COMMIT", network.caller_line())
        self._in_transaction = False
        self._aborted = False

    def rollback(self):
        self._check()
        if self._in_transaction:
            self._control("ROLLBACK", network.caller_line())
        self._in_transaction = False
        self._aborted = False

    def close(self):
        self.closed = 1

    def set_session(self, isolation_level=None, readonly=None, deferrable=None, autocommit=None):
        if autocommit is not None:
            self.autocommit = bool(autocommit)

    def set_isolation_level(self, level):
        self.autocommit = level == 0

    def get_transaction_status(self):
        return 3 if self._aborted else 2 if self._in_transaction else 0

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, exc_type, exc, tb):
        # psycopg2 2.9: the block ends the transaction; the connection stays open
        if self.closed:
            return False
        if exc_type is None:
            self.commit()
        else:
            self.rollback()
        return False


class cursor:  # noqa: N801
    def __init__(self, conn, name=None):
        self.connection = conn
        self.name = name
        self.closed = False
        self.description = None
        self.rowcount = -1
        self.rownumber = 0
        self.arraysize = 1
        self.query = None
        self.statusmessage = None
        self.lastrowid = 0
        self._rows = None

    def _check(self):
        if self.closed:
            raise InterfaceError("cursor already closed")
        self.connection._check()

    def execute(self, query, vars=None):  # noqa: A002 - psycopg2's parameter name
        self._check()
        conn = self.connection
        line = network.caller_line()
        sql = str(query)
        self.query = sql.encode()
        if conn._aborted:
            raise _server_error("current transaction is aborted, commands ignored until end of transaction block", {"code": "25P02"}, self)
        if not conn.autocommit and not conn._in_transaction:
            conn._control("BEGIN", line)
            conn._in_transaction = True
        note = f"psycopg2 execute: {databases.short_sql(sql)}"
        outcome, target = databases.query_sync(conn._url, line, None, note, databases.statement_timeout_shape(conn._statement_timeout))
        reply = databases.sql_reply(target, "psycopg2 execute")
        if reply[0] == "error":
            if conn._in_transaction:
                conn._aborted = True
            raise _server_error(reply[1], reply[2], self)
        _, rows, count, _simulated = reply
        command = databases.sql_command(sql)
        self._take(rows, count, command, sql)

    def _take(self, rows, count, command, sql):
        returns_rows = bool(rows) or command in _ROW_COMMANDS or " RETURNING " in f" {sql.upper()} "
        if returns_rows:
            names = list(rows[0].keys()) if rows else []
            self.description = tuple(Column(n, _type_code(rows[0][n])) for n in names) if rows else ()
            self._rows = [self._make_row(r, names) for r in rows]
        else:
            self.description = None
            self._rows = None
        self.rownumber = 0
        self.rowcount = count if count is not None else len(rows)
        self.statusmessage = f"{command} 0 {self.rowcount}" if command == "INSERT" else f"{command} {self.rowcount}"

    def _make_row(self, row, names):
        return tuple(row.get(n) for n in names)

    def executemany(self, query, vars_list):
        total = 0
        for params in vars_list:
            self.execute(query, params)
            total += max(self.rowcount, 0)
        self.rowcount = total
        self.description = None
        self._rows = None

    def _need_rows(self):
        self._check()
        if self._rows is None:
            raise ProgrammingError("no results to fetch")

    def fetchone(self):
        self._need_rows()
        if self.rownumber >= len(self._rows):
            return None
        row = self._rows[self.rownumber]
        self.rownumber += 1
        return row

    def fetchmany(self, size=None):
        self._need_rows()
        size = self.arraysize if size is None else size
        out = self._rows[self.rownumber:self.rownumber + size]
        self.rownumber += len(out)
        return out

    def fetchall(self):
        self._need_rows()
        out = self._rows[self.rownumber:]
        self.rownumber = len(self._rows)
        return out

    def __iter__(self):
        while True:
            row = self.fetchone()
            if row is None:
                return
            yield row

    def mogrify(self, query, vars=None):  # noqa: A002
        return str(query).encode()

    def callproc(self, procname, parameters=None):
        self.execute(f"SELECT * FROM {procname}()", parameters)
        return parameters

    def setinputsizes(self, sizes):
        pass

    def setoutputsize(self, size, column=None):
        pass

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def _server_error(message, fields, cur=None):
    from . import errors

    code = str(fields.get("code") or "")
    cls = errors.lookup_class(code)
    text = message + "\n"
    if fields.get("detail"):
        text += f"DETAIL:  {fields['detail']}\n"
    return cls(text, pgcode=code or None, pgerror=f"ERROR:  {text}", cursor=cur)


def connect(dsn=None, connection_factory=None, cursor_factory=None, **kwargs):
    line = network.caller_line()
    kwargs.pop("async", None)
    kwargs.pop("async_", None)
    params = databases.parse_libpq(dsn, kwargs, os.environ)
    try:
        databases.libpq_connect_timeout(params)
    except ValueError as error:
        raise OperationalError(f"{error}\n") from None
    factory = connection_factory or connection
    return factory(dsn, params, line, cursor_factory=cursor_factory)


# psycopg2 defines these in its C extension, where they belong to the psycopg2 module: SQLAlchemy
# names a wrapped error by its module ("(psycopg2.OperationalError) ...").
for _cls in (Warning, Error, InterfaceError, DatabaseError, DataError, OperationalError, IntegrityError,
             InternalError, ProgrammingError, NotSupportedError):
    _cls.__module__ = "psycopg2"
for _cls in (connection, cursor, Column):
    _cls.__module__ = "psycopg2.extensions"
