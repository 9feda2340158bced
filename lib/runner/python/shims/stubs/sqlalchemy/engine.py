"""create_engine, Engine and Connection (SQLAlchemy 2.0 style) over the simulated DB-API drivers.

engine.connect() checks a connection out of the pool at once; execute() autobegins a transaction;
commit() / rollback() end it; close() (or leaving the `with` block) returns the connection, with
the pool's rollback-on-return. engine.begin() commits at the end of its block. DB-API errors are
wrapped as SQLAlchemy wraps them: (psycopg2.OperationalError) ..., [SQL: ...], and the
Background link.
"""

import contextlib
from urllib.parse import parse_qsl, unquote, urlsplit

from . import _elements, exc, pool as _pool
from .sql import TextClause, pyformat

# lib/sqlalchemy/engine/create.py: pool_size=5, max_overflow=10, pool_timeout=30, pool_recycle=-1,
# pool_pre_ping=False, pool_use_lifo=False (QueuePool's defaults, impl.py).
POOL_SIZE = 5
MAX_OVERFLOW = 10
POOL_TIMEOUT = 30.0


class URL:
    def __init__(self, drivername, username=None, password=None, host=None, port=None, database=None, query=None):
        self.drivername = drivername
        self.username = username
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.query = dict(query or {})

    def get_backend_name(self):
        return self.drivername.split("+")[0]

    def get_driver_name(self):
        backend, _, driver = self.drivername.partition("+")
        return driver or {"postgresql": "psycopg2", "mysql": "mysqldb", "sqlite": "pysqlite"}.get(backend, backend)

    def render_as_string(self, hide_password=True):
        auth = ""
        if self.username:
            auth = self.username + (":" + ("***" if hide_password else str(self.password)) if self.password is not None else "") + "@"
        host = (self.host or "") + (f":{self.port}" if self.port else "")
        return f"{self.drivername}://{auth}{host}/{self.database or ''}"

    def __str__(self):
        return self.render_as_string()

    def __repr__(self):
        return self.render_as_string()


def make_url(name):
    if isinstance(name, URL):
        return name
    text = str(name)
    if "://" not in text:
        raise exc.ArgumentError(f"Could not parse SQLAlchemy URL from given URL string")
    scheme, rest = text.split("://", 1)
    parts = urlsplit("x://" + rest)
    try:
        port = parts.port
    except ValueError:
        port = None
    return URL(scheme, unquote(parts.username) if parts.username else None, unquote(parts.password) if parts.password else None,
               parts.hostname, port, unquote(parts.path.lstrip("/")) or None, dict(parse_qsl(parts.query)))


class Row(tuple):
    def __new__(cls, keys, values):
        row = super().__new__(cls, values)
        row._fields = tuple(keys)
        return row

    @property
    def _mapping(self):
        return dict(zip(self._fields, self))

    def _asdict(self):
        return self._mapping

    def __getattr__(self, name):
        fields = tuple.__getattribute__(self, "_fields")
        if name in fields:
            return self[fields.index(name)]
        raise AttributeError(name)

    def __repr__(self):
        return repr(tuple(self))


class _Rows:
    def __init__(self, items):
        self._items = list(items)

    def all(self):
        out, self._items = self._items, []
        return out

    def first(self):
        out = self._items[0] if self._items else None
        self._items = []
        return out

    def one(self):
        if len(self._items) != 1:
            raise (exc.NoResultFound("No row was found when one was required") if not self._items
                   else exc.MultipleResultsFound("Multiple rows were found when exactly one was required"))
        return self.first()

    def one_or_none(self):
        if len(self._items) > 1:
            raise exc.MultipleResultsFound("Multiple rows were found when one or none was required")
        return self.first()

    def __iter__(self):
        return iter(self.all())

    fetchall = all


class CursorResult(_Rows):
    def __init__(self, cursor):
        description = cursor.description
        self.returns_rows = description is not None
        self.rowcount = cursor.rowcount
        self._keys = [c[0] for c in description] if description else []
        rows = cursor.fetchall() if description is not None else []
        super().__init__(Row(self._keys, tuple(r) if not isinstance(r, dict) else tuple(r.values())) for r in rows)

    def keys(self):
        return list(self._keys)

    def _rekey(self, keys):
        """A compiled statement's rows: its columns by name from the reply (a rule's row objects
        may hold more, in any order), by position where the reply has no such name."""
        fields = list(self._keys)
        rows = []
        for row in self._items:
            values = []
            for index, key in enumerate(keys):
                if key in fields:
                    values.append(row[fields.index(key)])
                else:
                    values.append(row[index] if index < len(row) and not (set(keys) & set(fields)) else None)
            rows.append(Row(keys, tuple(values)))
        self._items = rows
        self._keys = list(keys)

    def fetchone(self):
        return self._items.pop(0) if self._items else None

    def fetchmany(self, size=1):
        out, self._items = self._items[:size], self._items[size:]
        return out

    def scalar(self):
        row = self.first()
        return row[0] if row is not None else None

    def scalar_one(self):
        return self.one()[0]

    def scalar_one_or_none(self):
        row = self.one_or_none()
        return row[0] if row is not None else None

    def scalars(self, index=0):
        return _Rows(r[index] for r in self.all())

    def mappings(self):
        return _Rows(r._mapping for r in self.all())

    def close(self):
        self._items = []


class Transaction:
    def __init__(self, connection):
        self.connection = connection
        self.is_active = True

    def commit(self):
        if self.is_active:
            self.connection._end("commit")

    def rollback(self):
        if self.is_active:
            self.connection._end("rollback")

    def close(self):
        self.rollback()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            self.commit()
        else:
            self.rollback()
        return False


class Connection:
    def __init__(self, engine):
        self.engine = engine
        self._checkout = engine.pool.connect()
        self._transaction = None
        self._invalid = False

    @property
    def connection(self):
        self._check()
        return self._checkout.dbapi_connection

    @property
    def closed(self):
        return self._checkout is None

    @property
    def invalidated(self):
        return self._invalid

    def _check(self):
        if self._checkout is None:
            raise exc.ResourceClosedError("This Connection is closed")

    def begin(self):
        self._check()
        if self._transaction is not None:
            raise exc.InvalidRequestError(
                "This connection has already initialized a SQLAlchemy Transaction() object via begin() or autobegin; can't call begin() here unless rollback() or commit() is called first."
            )
        self._transaction = Transaction(self)
        return self._transaction

    def in_transaction(self):
        return self._transaction is not None

    def execute(self, statement, parameters=None, *, execution_options=None):
        if isinstance(statement, _elements.Executable):
            sql, params = statement._compile()
            if isinstance(parameters, dict):
                params.update(parameters)
            result = self._run(sql, params)
            keys = statement._keys() if hasattr(statement, "_keys") else []
            if keys:
                result._rekey(keys)
            return result
        if isinstance(statement, str) or not isinstance(statement, TextClause):
            raise exc.ObjectNotExecutableError(statement)
        params = {**statement._bind_defaults, **(parameters or {})} if not isinstance(parameters, list) else parameters
        return self._run(pyformat(statement.text), params)

    def exec_driver_sql(self, statement, parameters=None, execution_options=None):
        return self._run(str(statement), parameters)

    def scalar(self, statement, parameters=None, **kw):
        return self.execute(statement, parameters).scalar()

    def scalars(self, statement, parameters=None, **kw):
        return self.execute(statement, parameters).scalars()

    def _run(self, sql, params):
        self._check()
        if self._transaction is None:
            self._transaction = Transaction(self)  # autobegin
        cursor = self._checkout.dbapi_connection.cursor()
        try:
            if isinstance(params, list):
                cursor.executemany(sql, params)
            else:
                cursor.execute(sql, params or None)
        except self.engine.dialect.dbapi.Error as error:
            raise exc.DBAPIError.instance(sql, params or None, error, self.engine.dialect.dbapi.Error) from error
        return CursorResult(cursor)

    def _end(self, how):
        transaction, self._transaction = self._transaction, None
        if transaction is not None:
            transaction.is_active = False
        if self._checkout is None:
            return
        dbapi = self._checkout.dbapi_connection
        try:
            getattr(dbapi, how)()
        except self.engine.dialect.dbapi.Error as error:
            raise exc.DBAPIError.instance(None, None, error, self.engine.dialect.dbapi.Error) from error

    def commit(self):
        self._end("commit")

    def rollback(self):
        self._end("rollback")

    def invalidate(self, exception=None):
        if self._checkout is not None:
            self._checkout.invalidate(exception)
            self._checkout = None
            self._invalid = True

    def close(self):
        if self._checkout is None:
            return
        if self._transaction is not None:
            self._transaction.is_active = False
            self._transaction = None
        checkout, self._checkout = self._checkout, None
        checkout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False


class _Dialect:
    def __init__(self, url):
        self.name = url.get_backend_name()
        self.driver = url.get_driver_name()
        self.dbapi = _load_driver(self.name, self.driver)


def _load_driver(backend, driver):
    if backend == "postgresql" and driver == "psycopg2":
        import psycopg2

        return psycopg2
    if backend == "postgresql" and driver == "psycopg":
        import psycopg

        return psycopg
    if backend == "mysql" and driver == "pymysql":
        import pymysql

        return pymysql
    raise exc.NoSuchModuleError(
        f"the simulator's SQLAlchemy has the postgresql+psycopg2, postgresql+psycopg and mysql+pymysql drivers, "
        f"not {backend}+{driver}: use one of those URLs, or model sqlalchemy with --model and give its calls a cost"
    )


def _connect_args(url, dialect, connect_args):
    if dialect.name == "postgresql":
        args = {"host": url.host, "port": url.port, "dbname": url.database, "user": url.username, "password": url.password}
    else:
        args = {"host": url.host, "port": url.port, "database": url.database, "user": url.username, "password": url.password}
    args.update(url.query)
    args.update(connect_args)
    return {k: v for k, v in args.items() if v is not None}


class Engine:
    def __init__(self, url, pool, dialect, echo=False):
        self.url = url
        self.pool = pool
        self.dialect = dialect
        self.echo = echo

    @property
    def name(self):
        return self.dialect.name

    @property
    def driver(self):
        return self.dialect.driver

    def connect(self):
        return Connection(self)

    @contextlib.contextmanager
    def begin(self):
        with self.connect() as conn:
            with conn.begin():
                yield conn

    def raw_connection(self):
        return self.pool.connect()

    def dispose(self, close=True):
        self.pool.dispose()

    def execution_options(self, **opt):
        return self

    def __repr__(self):
        return f"Engine({self.url!r})"


_ACCEPTED = {
    "echo", "echo_pool", "future", "isolation_level", "execution_options", "json_serializer",
    "json_deserializer", "hide_parameters", "pool_reset_on_return", "pool_logging_name", "logging_name",
    "query_cache_size", "plugins", "executemany_mode", "client_encoding", "use_insertmanyvalues",
    "insertmanyvalues_page_size", "paramstyle", "implicit_returning",
}


def create_engine(url, *, connect_args=None, poolclass=None, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW,
                  pool_timeout=POOL_TIMEOUT, pool_recycle=-1, pool_pre_ping=False, pool_use_lifo=False,
                  creator=None, **kwargs):
    unknown = sorted(set(kwargs) - _ACCEPTED)
    if unknown:
        # create.py: "Argument %r is not accepted by dialect %r on behalf of %r"
        u = make_url(url)
        # create.py: the dialect's class name, the pool's and the engine's
        dialect_class = {"psycopg2": "PGDialect_psycopg2", "psycopg": "PGDialect_psycopg", "pymysql": "MySQLDialect_pymysql"}.get(u.get_driver_name(), u.get_driver_name())
        raise TypeError(f"Invalid argument(s) {','.join(repr(k) for k in unknown)} sent to create_engine(), using configuration {dialect_class}/{(poolclass or _pool.QueuePool).__name__}/Engine.  Please check that the keyword arguments are appropriate for this combination of components.")
    u = make_url(url)
    dialect = _Dialect(u)
    args = _connect_args(u, dialect, connect_args or {})
    connect = creator or (lambda: dialect.dbapi.connect(**args))

    def wrap(error):
        if isinstance(error, dialect.dbapi.Error):
            return exc.DBAPIError.instance(None, None, error, dialect.dbapi.Error)
        return error

    def ping(dbapi_connection):
        # the dialect's do_ping: a round trip on the connection ("SELECT 1"), using no rule's answer
        from _deadline import databases, network

        target = databases.ping_target(dbapi_connection._url)
        return network.exchange_sync("QUERY", target, network.caller_line(), note="SQLAlchemy pool_pre_ping") == network.OK

    common = {"recycle": pool_recycle, "pre_ping": pool_pre_ping, "ping": ping, "wrap": wrap,
              "reset_on_return": kwargs.get("pool_reset_on_return", True) not in (None, False)}
    cls = poolclass or _pool.QueuePool
    if cls is _pool.QueuePool:
        pool = cls(connect, pool_size=pool_size, max_overflow=max_overflow, timeout=pool_timeout, use_lifo=pool_use_lifo, **common)
    else:
        pool = cls(connect, **common)
    return Engine(u, pool, dialect, echo=kwargs.get("echo", False))


def engine_from_config(configuration, prefix="sqlalchemy.", **kwargs):
    options = {k[len(prefix):]: v for k, v in configuration.items() if k.startswith(prefix)}
    url = options.pop("url")
    for key in ("pool_size", "max_overflow", "pool_recycle"):
        if key in options:
            options[key] = int(options[key])
    if "pool_timeout" in options:
        options["pool_timeout"] = float(options["pool_timeout"])
    if "pool_pre_ping" in options:
        options["pool_pre_ping"] = str(options["pool_pre_ping"]).lower() in ("true", "1")
    options.update(kwargs)
    return create_engine(url, **options)
