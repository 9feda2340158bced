"""sqlalchemy.orm: declarative mapping (DeclarativeBase, Mapped, mapped_column, declarative_base),
Session and sessionmaker, scoped_session, and the legacy Query.

A Session checks a connection out of its engine's pool on first use (execute, scalars, get, a
flush, a refresh) and returns it on commit(), rollback() and close() (and at the end of a `with`
block), as SQLAlchemy 2.0's Session does (lib/sqlalchemy/orm/session.py, rel_2_0_52): that is
what decides how long a request holds a pooled connection. Objects loaded through it are tracked:
attribute changes are flushed as UPDATE, add() as INSERT (RETURNING the primary key), delete() as
DELETE, before commit() and before each query (autoflush). With expire_on_commit (the default),
reading an attribute after commit() loads the row again, in a new transaction on a connection
checked out again. Rows come from the database host's response rule (_deadline/databases.py),
read by column name. Relationships and lazy loads of related objects are not simulated.
"""

import contextlib

from . import _elements, exc
from ._elements import Column, ColumnElement, Table, _not_simulated


# ---- declarative mapping -------------------------------------------------------------------------


class Mapped:
    """The annotation `Mapped[int]`; only its presence matters to the mapping."""

    def __class_getitem__(cls, item):
        return cls


class _MappedColumn:
    def __init__(self, args, kwargs):
        self.args = args
        self.kwargs = kwargs

    def column(self, name):
        args = self.args
        if not (args and isinstance(args[0], str)):
            args = (name, *args)
        return Column(*args, **self.kwargs)


def mapped_column(*args, **kwargs):
    return _MappedColumn(args, kwargs)


class _Relationship:
    def __init__(self, target, kwargs):
        self.target = target
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner):
        if instance is None:
            return self
        raise _not_simulated(f"the relationship {owner.__name__}.{self.name} (lazy loading of related objects)")

    def __set__(self, instance, value):
        raise _not_simulated(f"the relationship {type(instance).__name__}.{self.name}")


def relationship(argument=None, *args, **kwargs):
    return _Relationship(argument, kwargs)


def backref(name, **kwargs):
    return name


def synonym(name, **kwargs):
    return None


class InstrumentedAttribute(ColumnElement):
    """A mapped class's attribute: a column in SQL expressions, the value on an instance."""

    def __init__(self, cls, column):
        self.class_ = cls
        self.column = column
        self.key = column.key

    def __clause_element__(self):
        return self.column

    def _render(self, compiler):
        return self.column._render(compiler)

    def _bind_name(self):
        return self.column.key

    def __get__(self, instance, owner):
        if instance is None:
            return self
        state = _state(instance)
        if state.expired and state.session is not None:
            state.session._refresh(instance)
        return state.values.get(self.key)

    def __set__(self, instance, value):
        state = _state(instance)
        if state.expired and state.session is not None:
            state.session._refresh(instance)
        state.values[self.key] = value
        if state.persistent:
            state.changed.add(self.key)

    def __repr__(self):
        return f"<{self.class_.__name__}.{self.key}>"


class _InstanceState:
    __slots__ = ("values", "changed", "session", "persistent", "expired", "deleted")

    def __init__(self):
        self.values = {}
        self.changed = set()
        self.session = None
        self.persistent = False
        self.expired = False
        self.deleted = False


def _state(instance):
    state = instance.__dict__.get("_sa_instance_state")
    if state is None:
        state = instance.__dict__["_sa_instance_state"] = _InstanceState()
    return state


def _annotations(cls):
    try:
        import annotationlib
    except ImportError:  # before Python 3.14
        return dict(cls.__dict__.get("__annotations__", {}))
    # Mapped["Other"] and list["Address"] may name classes defined later: FORWARDREF keeps them
    return annotationlib.get_annotations(cls, format=annotationlib.Format.FORWARDREF)


def _map(cls, metadata):
    name = cls.__dict__.get("__tablename__")
    table = cls.__dict__.get("__table__")
    if table is None and name is None:
        return  # an abstract base or a mixin
    if table is None:
        columns = []
        seen = set()
        for base in reversed(cls.__mro__[1:]):
            # columns of mixins and abstract bases come first, as declarative collects them
            if base is object or isinstance(base.__dict__.get("__table__"), Table):
                continue
            for key, value in list(base.__dict__.items()):
                if isinstance(value, (_MappedColumn, Column)) and key not in seen:
                    columns.append(_copy(value, key))
                    seen.add(key)
        for key in list(_annotations(cls)):
            value = cls.__dict__.get(key)
            if isinstance(value, _Relationship) or key.startswith("__"):
                continue
            if isinstance(value, (_MappedColumn, Column)):
                columns = [c for c in columns if c.key != key]
                columns.append(_copy(value, key))
                seen.add(key)
            elif key not in seen and value is None and _is_mapped(cls, key):
                columns.append(Column(key))
                seen.add(key)
        for key, value in list(cls.__dict__.items()):
            if isinstance(value, (_MappedColumn, Column)) and key not in seen:
                columns.append(_copy(value, key))
                seen.add(key)
        table = Table(name, metadata, *columns)
        cls.__table__ = table
    for column in table.columns:
        setattr(cls, column.key, InstrumentedAttribute(cls, column))
    cls.__mapper__ = _Mapper(cls, table)


def _is_mapped(cls, key):
    annotation = _annotations(cls).get(key)
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))
    return annotation is Mapped or "Mapped" in str(text)


def _copy(value, key):
    if isinstance(value, _MappedColumn):
        return value.column(key)
    column = Column(value.name or key, value.type, primary_key=value.primary_key, nullable=value.nullable, default=value.default)
    column.key = key
    return column


class _Mapper:
    def __init__(self, cls, table):
        self.class_ = cls
        self.local_table = table
        self.primary_key = [c for c in table.columns if c.primary_key] or table.columns[:1]
        self.columns = table.columns


def _init(self, **kwargs):
    cls = type(self)
    state = _state(self)
    known = {c.key for c in cls.__table__.columns}
    for key, value in kwargs.items():
        if key not in known and not hasattr(cls, key):
            raise TypeError(f"{key!r} is an invalid keyword argument for {cls.__name__}")
        setattr(self, key, value)
    for column in cls.__table__.columns:
        if column.key not in state.values and column.default is not None and not callable(column.default):
            state.values[column.key] = column.default


def _repr(self):
    return f"<{type(self).__module__}.{type(self).__name__} object at {hex(id(self))}>"


class _DeclarativeMeta(type):
    pass


class DeclarativeBase:
    """class Base(DeclarativeBase): pass; then class Order(Base): __tablename__ = ..."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if DeclarativeBase in cls.__bases__:
            # the Base itself: its registry and metadata
            if "metadata" not in cls.__dict__:
                cls.metadata = _elements.MetaData()
            return
        if cls.__dict__.get("__abstract__"):
            return
        _map(cls, cls.metadata)

    __init__ = _init
    __repr__ = _repr


class DeclarativeBaseNoMeta(DeclarativeBase):
    pass


MappedAsDataclass = type("MappedAsDataclass", (), {})


def declarative_base(metadata=None, **kw):
    class Base(DeclarativeBase):
        pass

    if metadata is not None:
        Base.metadata = metadata
    return Base


def registry(*args, **kwargs):
    raise _not_simulated("sqlalchemy.orm.registry (imperative mapping)")


# ---- results ------------------------------------------------------------------------------------


class _OrmResult:
    """Result rows of mapped objects (select(Order)): scalars() gives the objects."""

    def __init__(self, objects):
        from .engine import Row

        self._objects = list(objects)
        self._rows = [Row(("entity",), (o,)) for o in self._objects]

    def _take(self):
        out, self._objects, self._rows = self._rows, [], []
        return out

    def all(self):
        return self._take()

    def first(self):
        rows = self._take()
        return rows[0] if rows else None

    def one(self):
        rows = self._take()
        if len(rows) != 1:
            raise (exc.NoResultFound("No row was found when one was required") if not rows
                   else exc.MultipleResultsFound("Multiple rows were found when exactly one was required"))
        return rows[0]

    def one_or_none(self):
        rows = self._take()
        if len(rows) > 1:
            raise exc.MultipleResultsFound("Multiple rows were found when one or none was required")
        return rows[0] if rows else None

    def scalar(self):
        row = self.first()
        return row[0] if row is not None else None

    def scalar_one(self):
        return self.one()[0]

    def scalar_one_or_none(self):
        row = self.one_or_none()
        return row[0] if row is not None else None

    def scalars(self, index=0):
        from .engine import _Rows

        return _Rows(r[0] for r in self._take())

    def unique(self):
        return self

    def __iter__(self):
        return iter(self._take())

    fetchall = all


# ---- Session --------------------------------------------------------------------------------------


class Session:
    def __init__(self, bind=None, *, autoflush=True, expire_on_commit=True, autobegin=True, **kw):
        self.bind = bind
        self.autoflush = autoflush
        self.expire_on_commit = expire_on_commit
        self._conn = None
        self._closed = False
        self._identity = {}
        self._new = []
        self._deleted = []

    # ---- the connection
    def _connection(self):
        if self.bind is None:
            raise exc.UnboundExecutionError("Could not locate a bind configured on SQL expression or this Session.")
        if self._conn is None:
            self._conn = self.bind.connect()
        return self._conn

    def connection(self, **kw):
        return self._connection()

    def get_bind(self, *args, **kw):
        return self.bind

    # ---- statements
    def execute(self, statement, params=None, **kw):
        if isinstance(statement, _elements.Executable):
            if self.autoflush and not isinstance(statement, _elements.Insert):
                self.flush()
            result = self._connection().execute(statement, params)
            entity = statement._entity
            if entity is not None:
                return _OrmResult(self._load(entity, row) for row in result.all())
            return result
        return self._connection().execute(statement, params)

    def scalar(self, statement, params=None, **kw):
        return self.execute(statement, params).scalar()

    def scalars(self, statement, params=None, **kw):
        return self.execute(statement, params).scalars()

    def get(self, entity, ident, **kw):
        mapper = _mapper(entity)
        key = (entity, ident if isinstance(ident, tuple) else (ident,))
        found = self._identity.get(key)
        if found is not None and not _state(found).deleted:
            return found
        pk = mapper.primary_key
        values = key[1]
        stmt = _elements.select(entity).where(*[c == v for c, v in zip(pk, values)])
        return self.execute(stmt).scalar_one_or_none()

    def query(self, *entities):
        return Query(self, entities)

    # ---- objects
    def _load(self, entity, row):
        mapper = _mapper(entity)
        mapping = row._mapping
        pk = tuple(mapping.get(c.key) for c in mapper.primary_key)
        key = (entity, pk)
        obj = self._identity.get(key)
        if obj is None:
            obj = entity.__new__(entity)
            self._identity[key] = obj
        state = _state(obj)
        if not state.changed:
            state.values = {c.key: mapping.get(c.key) for c in mapper.columns}
        state.session = self
        state.persistent = True
        state.expired = False
        return obj

    def _refresh(self, obj):
        state = _state(obj)
        state.expired = False
        mapper = _mapper(type(obj))
        stmt = _elements.select(type(obj)).where(*[c == state.values.get(c.key) for c in mapper.primary_key])
        result = self._connection().execute(stmt)
        row = result.first()
        if row is None:
            raise exc.ObjectDeletedError(f"Instance '<{type(obj).__name__} at {hex(id(obj))}>' has been deleted, or its row is otherwise not present.")
        state.values = {c.key: row._mapping.get(c.key) for c in mapper.columns}

    def refresh(self, obj, attribute_names=None, with_for_update=None):
        self._refresh(obj)

    def add(self, obj, _warn=True):
        state = _state(obj)
        if state.persistent or obj in self._new:
            return
        state.session = self
        self._new.append(obj)

    def add_all(self, objects):
        for obj in objects:
            self.add(obj)

    def delete(self, obj):
        state = _state(obj)
        if obj in self._new:
            self._new.remove(obj)
            return
        if not state.persistent:
            raise exc.InvalidRequestError(f"Instance '<{type(obj).__name__} at {hex(id(obj))}>' is not persisted")
        self._deleted.append(obj)

    def merge(self, obj, load=True, **kw):
        self.add(obj)
        return obj

    def expunge(self, obj):
        state = _state(obj)
        state.session = None
        for key, value in list(self._identity.items()):
            if value is obj:
                del self._identity[key]

    def expunge_all(self):
        for obj in list(self._identity.values()):
            _state(obj).session = None
        self._identity.clear()
        self._new.clear()

    def expire(self, obj, attribute_names=None):
        _state(obj).expired = True

    def expire_all(self):
        for obj in self._identity.values():
            _state(obj).expired = True

    def flush(self, objects=None):
        if not (self._new or self._deleted or any(_state(o).changed for o in self._identity.values())):
            return
        conn = self._connection()
        for obj in list(self._new):
            mapper = _mapper(type(obj))
            state = _state(obj)
            values = {c.key: state.values[c.key] for c in mapper.columns if c.key in state.values}
            stmt = _elements.insert(type(obj)).values(**values)
            missing = [c for c in mapper.primary_key if state.values.get(c.key) is None]
            if missing:
                stmt = stmt.returning(*missing)
            result = conn.execute(stmt)
            if missing:
                row = result.first()
                for column in missing:
                    state.values[column.key] = row._mapping.get(column.key) if row is not None else None
            state.persistent = True
            self._identity[(type(obj), tuple(state.values.get(c.key) for c in mapper.primary_key))] = obj
        self._new.clear()
        for obj in list(self._identity.values()):
            state = _state(obj)
            if state.changed and not state.deleted:
                mapper = _mapper(type(obj))
                values = {c.key: state.values[c.key] for c in mapper.columns if c.key in state.changed}
                stmt = _elements.update(type(obj)).where(*[c == state.values.get(c.key) for c in mapper.primary_key]).values(**values)
                conn.execute(stmt)
                state.changed.clear()
        for obj in self._deleted:
            mapper = _mapper(type(obj))
            state = _state(obj)
            conn.execute(_elements.delete(type(obj)).where(*[c == state.values.get(c.key) for c in mapper.primary_key]))
            state.deleted = True
        self._deleted.clear()

    # ---- transactions
    def _release(self, how):
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                getattr(conn, how)()
            finally:
                conn.close()

    def commit(self):
        self.flush()
        self._release("commit")
        if self.expire_on_commit:
            for obj in self._identity.values():
                _state(obj).expired = True

    def rollback(self):
        self._new.clear()
        self._deleted.clear()
        for obj in self._identity.values():
            state = _state(obj)
            state.changed.clear()
            state.expired = True
        self._release("rollback")

    def close(self):
        self._release("rollback")
        for obj in self._identity.values():
            _state(obj).session = None
        self._identity.clear()
        self._new.clear()
        self._deleted.clear()

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

    def begin_nested(self):
        raise _not_simulated("Session.begin_nested() (SAVEPOINT)")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False


def _mapper(entity):
    mapper = getattr(entity, "__mapper__", None)
    if mapper is None:
        raise exc.ArgumentError(f"{entity!r} is not a mapped class (derive it from a DeclarativeBase with a __tablename__)")
    return mapper


class Query:
    """The legacy session.query(Model).filter(...).first() API, over select()."""

    def __init__(self, session, entities):
        self._session = session
        self._select = _elements.select(*entities)

    def _with(self, select):
        query = Query.__new__(Query)
        query._session = self._session
        query._select = select
        return query

    def filter(self, *clauses):
        return self._with(self._select.where(*clauses))

    where = filter

    def filter_by(self, **values):
        return self._with(self._select.filter_by(**values))

    def order_by(self, *clauses):
        return self._with(self._select.order_by(*clauses))

    def limit(self, n):
        return self._with(self._select.limit(n))

    def offset(self, n):
        return self._with(self._select.offset(n))

    def with_for_update(self, **kw):
        return self._with(self._select.with_for_update(**kw))

    def options(self, *args):
        return self

    def _rows(self):
        result = self._session.execute(self._select)
        return result.scalars().all() if self._select._entity is not None or len(self._select._columns) == 1 else result.all()

    def all(self):
        return self._rows()

    def first(self):
        rows = self._session.execute(self._select.limit(1))
        rows = rows.scalars().all() if self._select._entity is not None else rows.all()
        return rows[0] if rows else None

    def one(self):
        return self._session.execute(self._select).scalar_one() if self._select._entity is not None else self._session.execute(self._select).one()

    def one_or_none(self):
        return self._session.execute(self._select).scalar_one_or_none()

    def get(self, ident):
        return self._session.get(self._select._entity, ident)

    def count(self):
        table = self._select._table
        stmt = _elements.select(_elements.func.count()).select_from(table)
        stmt._where = list(self._select._where)
        return self._session.execute(stmt).scalar() or 0

    def __iter__(self):
        return iter(self._rows())


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


def joinedload(*args, **kw):
    return None


selectinload = subqueryload = lazyload = noload = raiseload = defer = undefer = load_only = contains_eager = joinedload


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise ImportError(
        f"sqlalchemy.orm.{name} is not simulated (the simulator's SQLAlchemy maps single tables: DeclarativeBase, "
        "Mapped, mapped_column, Session, sessionmaker, select/insert/update/delete): model sqlalchemy with --model "
        "and give its calls a cost"
    )
