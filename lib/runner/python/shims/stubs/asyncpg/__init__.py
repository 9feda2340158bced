"""Simulator stub of asyncpg 0.31.0 (MagicStack/asyncpg): connect(), create_pool(), Connection
(execute, fetch, fetchrow, fetchval, executemany, transaction, close), Pool (acquire/release,
the same query methods, close) and asyncpg.exceptions.

Defaults from the source: connect(timeout=60) (asyncio.TimeoutError when the connection takes
longer), command_timeout=None (no limit; a number makes each query raise asyncio.TimeoutError
after it), create_pool(min_size=10, max_size=10), whose min_size connections are opened when the
pool is created; acquire(timeout=None) waits for a free connection as long as it takes. A refused
connection raises ConnectionRefusedError as asyncio's loop.create_connection does. statement_timeout
(server_settings={"statement_timeout": "5000"}) makes the server cancel a statement:
exceptions.QueryCanceledError.
"""

import asyncio
import os

from _deadline import databases, network

from . import exceptions  # noqa: F401
from .exceptions import PostgresError, QueryCanceledError, InterfaceError  # noqa: F401

__version__ = "0.31.0"

# asyncpg/connection.py connect(): timeout=60, command_timeout=None; pool.py create_pool(): min_size=10, max_size=10
CONNECT_TIMEOUT = 60
POOL_MIN_SIZE = 10
POOL_MAX_SIZE = 10


class Record(tuple):
    def __new__(cls, names, values):
        record = super().__new__(cls, values)
        record._names = list(names)
        return record

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise KeyError(key) from None
        return tuple.__getitem__(self, key)

    def get(self, key, default=None):
        return self[key] if key in self._names else default

    def keys(self):
        return iter(self._names)

    def values(self):
        return iter(tuple(self))

    def items(self):
        return iter(zip(self._names, tuple(self)))

    def __repr__(self):
        return "<Record " + " ".join(f"{k}={v!r}" for k, v in zip(self._names, tuple(self))) + ">"


def _statement_timeout(server_settings):
    value = (server_settings or {}).get("statement_timeout")
    if value is None:
        return 0
    return databases.statement_timeout_ms(f"-c statement_timeout={value}")


class Transaction:
    def __init__(self, conn):
        self._conn = conn

    async def __aenter__(self):
        await self._conn._control("BEGIN")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self._conn._control("COMMIT" if exc_type is None else "ROLLBACK")
        return False

    async def start(self):
        await self._conn._control("BEGIN")

    async def commit(self):
        await self._conn._control("COMMIT")

    async def rollback(self):
        await self._conn._control("ROLLBACK")


class Connection:
    def __init__(self, params, command_timeout, server_settings):
        self._params = params
        self._command_timeout = command_timeout
        self._statement_timeout = _statement_timeout(server_settings)
        self._url = databases.db_url("postgres", params["host"], params["port"], params.get("dbname", ""))
        self._closed = False
        self._pool = None

    def is_closed(self):
        return self._closed

    async def _control(self, sql):
        await network.exchange_async("QUERY", databases.ping_target(self._url), network.caller_line(), note=f"asyncpg {sql}")

    async def _run(self, query, args, timeout):
        if self._closed:
            raise InterfaceError("connection is closed")
        line = network.caller_line()
        limit = timeout if timeout is not None else self._command_timeout
        outcome, target = await databases.query_async(
            self._url, line, limit, f"asyncpg: {databases.short_sql(query)}", databases.statement_timeout_shape(self._statement_timeout),
        )
        if outcome != network.OK:
            # connection.py _do_execute: compat.wait_for(..., timeout) raises asyncio.TimeoutError
            raise asyncio.TimeoutError()
        reply = databases.sql_reply(target, "asyncpg query")
        if reply[0] == "error":
            raise exceptions._server(reply[1], reply[2])
        return reply[1], reply[2], databases.sql_command(query)

    async def execute(self, query, *args, timeout=None):
        rows, count, command = await self._run(query, args, timeout)
        n = count if count is not None else len(rows)
        return f"{command} 0 {n}" if command == "INSERT" else f"{command} {n}"

    async def executemany(self, command, args, *, timeout=None):
        for item in args:
            await self._run(command, item, timeout)

    async def fetch(self, query, *args, timeout=None, record_class=None):
        rows, _count, _command = await self._run(query, args, timeout)
        return [Record(list(r.keys()), list(r.values())) for r in rows]

    async def fetchrow(self, query, *args, timeout=None, record_class=None):
        rows = await self.fetch(query, *args, timeout=timeout)
        return rows[0] if rows else None

    async def fetchval(self, query, *args, column=0, timeout=None):
        row = await self.fetchrow(query, *args, timeout=timeout)
        return row[column] if row is not None else None

    def transaction(self, *, isolation=None, readonly=False, deferrable=False):
        return Transaction(self)

    async def close(self, *, timeout=None):
        self._closed = True

    def terminate(self):
        self._closed = True


def _params(dsn, kwargs):
    given = {k: v for k, v in kwargs.items() if k in ("host", "port", "user", "password", "database")}
    return databases.parse_libpq(dsn, given, os.environ)


async def _open(params, timeout, command_timeout, server_settings, line):
    conn = Connection(params, command_timeout, server_settings)
    outcome = await databases.connect_async(conn._url, line, timeout, "asyncpg connect")
    if outcome == network.REFUSED:
        host = "127.0.0.1" if params["host"] == "localhost" else params["host"]
        # asyncio base_events.create_connection: OSError(errno, "Connect call failed (address)")
        raise ConnectionRefusedError(111, f"Connect call failed ('{host}', {int(params['port'])})")
    if outcome != network.OK:
        raise asyncio.TimeoutError()
    return conn


async def connect(dsn=None, *, host=None, port=None, user=None, password=None, passfile=None, database=None,
                  timeout=CONNECT_TIMEOUT, statement_cache_size=100, command_timeout=None, server_settings=None, **kwargs):
    params = _params(dsn, {"host": host, "port": port, "user": user, "password": password, "database": database})
    return await _open(params, timeout, command_timeout, server_settings, network.caller_line())


class _Acquire:
    def __init__(self, pool, timeout):
        self._pool = pool
        self._timeout = timeout
        self._conn = None

    def __await__(self):
        return self._pool._acquire(self._timeout).__await__()

    async def __aenter__(self):
        self._conn = await self._pool._acquire(self._timeout)
        return self._conn

    async def __aexit__(self, *exc):
        await self._pool.release(self._conn)
        return False


class Pool:
    def __init__(self, params, min_size, max_size, command_timeout, server_settings, timeout):
        self._params = params
        self._min_size = min_size
        self._max_size = max_size
        self._command_timeout = command_timeout
        self._server_settings = server_settings
        self._timeout = timeout
        self._free = []
        self._all = []
        self._waiters = []
        self._closed = False

    async def _init(self, line):
        # pool.py _initialize: the first connection, then the rest of min_size at once
        if self._min_size:
            first = await _open(self._params, self._timeout, self._command_timeout, self._server_settings, line)
            self._all.append(first)
            self._free.append(first)
            rest = [_open(self._params, self._timeout, self._command_timeout, self._server_settings, line) for _ in range(self._min_size - 1)]
            for conn in await asyncio.gather(*rest):
                self._all.append(conn)
                self._free.append(conn)
        return self

    def __await__(self):
        return self._init(network.caller_line()).__await__()

    async def __aenter__(self):
        return await self._init(network.caller_line())

    async def __aexit__(self, *exc):
        await self.close()

    def acquire(self, *, timeout=None):
        return _Acquire(self, timeout)

    async def _acquire(self, timeout):
        if self._closed:
            raise InterfaceError("pool is closed")
        if self._free:
            return self._free.pop()
        if len(self._all) < self._max_size:
            self._all.append(None)
            try:
                conn = await _open(self._params, self._timeout, self._command_timeout, self._server_settings, network.caller_line())
            except BaseException:
                self._all.remove(None)
                raise
            self._all[self._all.index(None)] = conn
            return conn
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        if timeout is None:
            return await waiter
        return await asyncio.wait_for(waiter, timeout)

    async def release(self, connection, *, timeout=None):
        while self._waiters:
            waiter = self._waiters.pop(0)
            if not waiter.done():
                waiter.set_result(connection)
                return
        self._free.append(connection)

    async def _with(self, method, *args, **kwargs):
        async with self.acquire() as conn:
            return await getattr(conn, method)(*args, **kwargs)

    async def execute(self, query, *args, timeout=None):
        return await self._with("execute", query, *args, timeout=timeout)

    async def executemany(self, command, args, *, timeout=None):
        return await self._with("executemany", command, args, timeout=timeout)

    async def fetch(self, query, *args, timeout=None, record_class=None):
        return await self._with("fetch", query, *args, timeout=timeout)

    async def fetchrow(self, query, *args, timeout=None, record_class=None):
        return await self._with("fetchrow", query, *args, timeout=timeout)

    async def fetchval(self, query, *args, column=0, timeout=None):
        return await self._with("fetchval", query, *args, column=column, timeout=timeout)

    def get_size(self):
        return len([c for c in self._all if c is not None])

    def get_idle_size(self):
        return len(self._free)

    def get_min_size(self):
        return self._min_size

    def get_max_size(self):
        return self._max_size

    async def close(self):
        self._closed = True
        for conn in self._all:
            if conn is not None:
                await conn.close()

    def terminate(self):
        self._closed = True


def create_pool(dsn=None, *, min_size=POOL_MIN_SIZE, max_size=POOL_MAX_SIZE, max_queries=50000,
                max_inactive_connection_lifetime=300.0, setup=None, init=None, reset=None, loop=None,
                connection_class=Connection, record_class=None, command_timeout=None, server_settings=None,
                timeout=CONNECT_TIMEOUT, **connect_kwargs):
    if max_size <= 0:
        raise ValueError("max_size is expected to be greater than zero")
    if min_size > max_size:
        raise ValueError("min_size is greater than max_size")
    params = _params(dsn, connect_kwargs)
    return Pool(params, min_size, max_size, command_timeout, server_settings, timeout)


Connection.__module__ = "asyncpg.connection"
Pool.__module__ = "asyncpg.pool"
Record.__module__ = "asyncpg"
