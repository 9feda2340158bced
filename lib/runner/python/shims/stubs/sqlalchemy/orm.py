"""sqlalchemy.orm: Session, sessionmaker and scoped_session for textual SQL.

A Session checks a connection out of its engine's pool on first use (execute, scalar, connection)
and returns it on commit(), rollback() and close() (and at the end of a `with` block), as
SQLAlchemy 2.0's Session does. Mapped classes (declarative models, session.add / query / get)
are not simulated: those calls raise an error saying so.
"""

import contextlib

from . import exc


class Session:
    def __init__(self, bind=None, *, autoflush=True, expire_on_commit=True, autobegin=True, **kw):
        self.bind = bind
        self._conn = None
        self._closed = False

    def _connection(self):
        if self.bind is None:
            raise exc.UnboundExecutionError("Could not locate a bind configured on SQL expression or this Session.")
        if self._conn is None:
            self._conn = self.bind.connect()
        return self._conn

    def connection(self, **kw):
        return self._connection()

    def execute(self, statement, params=None, **kw):
        return self._connection().execute(statement, params)

    def scalar(self, statement, params=None, **kw):
        return self.execute(statement, params).scalar()

    def scalars(self, statement, params=None, **kw):
        return self.execute(statement, params).scalars()

    def _release(self, how):
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                getattr(conn, how)()
            finally:
                conn.close()

    def commit(self):
        self._release("commit")

    def rollback(self):
        self._release("rollback")

    def close(self):
        self._release("rollback")

    def flush(self, objects=None):
        pass

    def in_transaction(self):
        return self._conn is not None

    @contextlib.contextmanager
    def begin(self):
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            self.commit()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def _not_simulated(self, *args, **kwargs):
        raise NotImplementedError(
            "mapped classes are not simulated: run SQL with session.execute(text(...)), or model "
            "sqlalchemy with --model and give its calls a cost"
        )

    add = add_all = merge = delete = get = query = refresh = expunge = _not_simulated


class sessionmaker:  # noqa: N801 - SQLAlchemy's name
    def __init__(self, bind=None, class_=Session, **kw):
        self.bind = bind
        self.class_ = class_
        self.kw = kw

    def __call__(self, **local_kw):
        return self.class_(bind=local_kw.pop("bind", self.bind), **{**self.kw, **local_kw})

    @contextlib.contextmanager
    def begin(self):
        with self() as session:
            with session.begin():
                yield session

    def configure(self, **new_kw):
        if "bind" in new_kw:
            self.bind = new_kw.pop("bind")
        self.kw.update(new_kw)


class scoped_session:  # noqa: N801
    def __init__(self, session_factory, scopefunc=None):
        self.session_factory = session_factory
        self._session = None

    def __call__(self, **kw):
        if self._session is None:
            self._session = self.session_factory(**kw)
        return self._session

    def remove(self):
        if self._session is not None:
            self._session.close()
        self._session = None

    def __getattr__(self, name):
        return getattr(self(), name)


def __getattr__(name):
    # `from sqlalchemy import select` should say why; private names stay plain AttributeErrors
    if name.startswith("_"):
        raise AttributeError(name)
    raise ImportError(
        f"sqlalchemy.orm.{name} is not simulated (the simulator's SQLAlchemy runs textual SQL through "
        "Session.execute(text(...))): model sqlalchemy with --model and give its calls a cost"
    )
