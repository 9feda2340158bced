"""Simulator stub of PyMySQL 1.2.0 (import pymysql): connect(), Connection (cursor, commit,
rollback, ping, close), Cursor / DictCursor and pymysql.err.

connect() is a network call to host:3306 (_deadline/databases.py) with PyMySQL's defaults:
connect_timeout=10, read_timeout=None (a query waits for the server as long as it takes),
write_timeout=None. A connection that fails raises OperationalError(2003, "Can't connect to MySQL
server on 'host' (timed out)") or "([Errno 111] Connection refused)"; a read_timeout that expires
raises OperationalError(2013, "Lost connection to MySQL server during query (timed out)"). A rule's
{"error": {"message": ..., "errno": 1205}} is the server's error, mapped to PyMySQL's classes.
"""

import os

from _deadline import databases, network

from . import cursors, err  # noqa: F401
from .err import (  # noqa: F401
    DataError, DatabaseError, Error, IntegrityError, InterfaceError, InternalError, MySQLError,
    NotSupportedError, OperationalError, ProgrammingError, Warning,
)

VERSION = (1, 2, 0, "final", 1)
__version__ = "1.2.0"
version_info = (1, 4, 6, "final", 1)
apilevel = "2.0"
threadsafety = 1
paramstyle = "pyformat"

# pymysql/connections.py Connection.__init__: connect_timeout=10, read_timeout=None, port=3306
CONNECT_TIMEOUT = 10
PORT = 3306


class Connection:
    def __init__(self, *, user=None, password="", host=None, database=None, port=0, unix_socket=None,
                 charset="", collation=None, sql_mode=None, read_default_file=None, conv=None,
                 use_unicode=True, client_flag=0, cursorclass=None, init_command=None,
                 connect_timeout=CONNECT_TIMEOUT, read_default_group=None, autocommit=False,
                 local_infile=False, max_allowed_packet=16 * 1024 * 1024, defer_connect=False,
                 auth_plugin_map=None, read_timeout=None, write_timeout=None, bind_address=None,
                 binary_prefix=False, program_name=None, server_public_key=None, ssl=None, ssl_ca=None,
                 ssl_cert=None, ssl_disabled=None, ssl_key=None, ssl_key_password=None, ssl_verify_cert=None,
                 ssl_verify_identity=None, compress=None, named_pipe=None, passwd=None, db=None, **_ignored):
        if connect_timeout is not None and connect_timeout <= 0:
            raise ValueError("connect_timeout should be >0")
        if read_timeout is not None and read_timeout <= 0:
            raise ValueError("read_timeout should be > 0")
        self.host = host or "localhost"
        self.port = port or PORT
        self.user = user
        self.db = database or db
        self.connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self.cursorclass = cursorclass or cursors.Cursor
        self.autocommit_mode = autocommit
        self.open = False
        self._sock = None
        self._url = databases.db_url("mysql", self.host, self.port, self.db or "")
        if not defer_connect:
            self.connect(network.caller_line())

    def connect(self, line=None):
        line = line or network.caller_line()
        outcome = databases.connect_sync(self._url, line, self.connect_timeout, "pymysql connect")
        if outcome == network.REFUSED:
            raise err.OperationalError(2003, f"Can't connect to MySQL server on {self.host!r} ([Errno 111] Connection refused)")
        if outcome != network.OK:
            raise err.OperationalError(2003, f"Can't connect to MySQL server on {self.host!r} (timed out)")
        self.open = True
        self._sock = object()

    def _check(self):
        if not self.open:
            raise err.InterfaceError(0, "")

    def _query(self, sql, line, what="query"):
        self._check()
        outcome, target = databases.query_sync(self._url, line, self._read_timeout, f"pymysql {what}: {databases.short_sql(sql)}")
        if outcome != network.OK:
            self.open = False
            raise err.OperationalError(2013, "Lost connection to MySQL server during query (timed out)")
        reply = databases.sql_reply(target, "pymysql query")
        if reply[0] == "error":
            raise err.from_server(reply[1], reply[2])
        return reply

    def _control(self, sql):
        self._check()
        network.exchange_sync("QUERY", databases.ping_target(self._url), network.caller_line(), note=f"pymysql {sql}")

    def cursor(self, cursor=None):
        return (cursor or self.cursorclass)(self)

    def commit(self):
        self._control("COMMIT")

    def rollback(self):
        self._control("ROLLBACK")

    def begin(self):
        self._control("BEGIN")

    def autocommit(self, value):
        self.autocommit_mode = bool(value)

    def select_db(self, db):
        self._control(f"USE {db}")
        self.db = db

    def ping(self, reconnect=True):
        if not self.open:
            if reconnect:
                self.connect(network.caller_line())
                return
            raise err.Error("Already closed")
        self._control("PING")

    def close(self):
        if not self.open:
            raise err.Error("Already closed")
        self.open = False

    def escape(self, obj, mapping=None):
        return "NULL" if obj is None else str(obj) if isinstance(obj, (int, float)) else "'" + str(obj).replace("\\", "\\\\").replace("'", "\\'") + "'"

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        # PyMySQL 1.x: leaving the block closes the connection
        if self.open:
            self.close()
        return False


def connect(*args, **kwargs):
    return Connection(*args, **kwargs)


Connect = connect
