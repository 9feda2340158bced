"""The SQL expression language, enough to run what handlers write: Table / Column / MetaData,
column operators (==, !=, <, in_, is_, like, desc), and_ / or_ / not_, func.<name>(), and the
select(), insert(), update() and delete() constructs with where / filter_by / values / returning /
order_by / limit / offset / with_for_update.

Each statement compiles to one SQL string in the driver's pyformat style with SQLAlchemy's bind
names (`orders.id = %(id_1)s`), which the simulated driver sends as one round trip; the rows that
come back are the response rule's, read by column name. Joins, subqueries, CTEs and unions are not
simulated: they raise an error that says so. The SQL is the shape SQLAlchemy 2.0 emits for
PostgreSQL (lib/sqlalchemy/sql/compiler.py), not a byte-for-byte copy of it.
"""

from . import exc


def _not_simulated(what):
    return NotImplementedError(
        f"{what} is not simulated (the simulator's SQLAlchemy compiles single-table select, insert, update and "
        "delete): run it with text(...), or model sqlalchemy with --model and give its calls a cost"
    )


class _Compiler:
    """Bind names as SQLAlchemy gives them: <column>_<n>, numbered per name within a statement."""

    def __init__(self):
        self.params = {}
        self._counts = {}

    def bind(self, name, value):
        n = self._counts.get(name, 0) + 1
        self._counts[name] = n
        key = f"{name}_{n}"
        self.params[key] = value
        return f"%({key})s"


# ---- column expressions ----------------------------------------------------------------------


class ColumnElement:
    key = None

    def _bind_name(self):
        return self.key or "param"

    def _op(self, op, other):
        return BinaryExpression(self, op, other)

    def __eq__(self, other):  # noqa: D105 - builds SQL, as in SQLAlchemy
        if other is None:
            return BinaryExpression(self, "IS", None)
        return self._op("=", other)

    def __ne__(self, other):
        if other is None:
            return BinaryExpression(self, "IS NOT", None)
        return self._op("!=", other)

    def __lt__(self, other):
        return self._op("<", other)

    def __le__(self, other):
        return self._op("<=", other)

    def __gt__(self, other):
        return self._op(">", other)

    def __ge__(self, other):
        return self._op(">=", other)

    def __add__(self, other):
        return self._op("+", other)

    def __sub__(self, other):
        return self._op("-", other)

    def __hash__(self):
        return id(self)

    def in_(self, values):
        return BinaryExpression(self, "IN", list(values))

    def not_in(self, values):
        return BinaryExpression(self, "NOT IN", list(values))

    notin_ = not_in

    def is_(self, value):
        return BinaryExpression(self, "IS", value)

    def is_not(self, value):
        return BinaryExpression(self, "IS NOT", value)

    isnot = is_not

    def like(self, pattern):
        return self._op("LIKE", pattern)

    def ilike(self, pattern):
        return self._op("ILIKE", pattern)

    def contains(self, value):
        return self._op("LIKE", f"%{value}%")

    def startswith(self, value):
        return self._op("LIKE", f"{value}%")

    def between(self, low, high):
        return and_(self >= low, self <= high)

    def desc(self):
        return _Ordering(self, "DESC")

    def asc(self):
        return _Ordering(self, "ASC")

    def label(self, name):
        return _Label(self, name)

    def __invert__(self):
        return _Not(self)

    def __and__(self, other):
        return and_(self, other)

    def __or__(self, other):
        return or_(self, other)

    def __bool__(self):
        raise TypeError("Boolean value of this clause is not defined")


class Column(ColumnElement):
    def __init__(self, *args, primary_key=False, nullable=None, default=None, server_default=None, index=None,
                 unique=None, autoincrement="auto", onupdate=None, server_onupdate=None, comment=None, **kw):
        name = None
        type_ = None
        for arg in args:
            if isinstance(arg, str) and name is None:
                name = arg
            elif type_ is None and not isinstance(arg, str):
                type_ = arg
        self.name = self.key = name
        self.type = type_() if isinstance(type_, type) else type_
        self.primary_key = primary_key
        self.nullable = (not primary_key) if nullable is None else nullable
        self.default = default
        self.onupdate = onupdate
        self.table = None

    def _render(self, compiler):
        return f"{self.table.name}.{self.name}" if self.table is not None else str(self.name)

    def __repr__(self):
        return f"Column({self.name!r})"


class BindParameter(ColumnElement):
    def __init__(self, key, value=None):
        self.key = key
        self.value = value

    def _render(self, compiler):
        return compiler.bind(self.key, self.value)


def bindparam(key, value=None, **kw):
    return BindParameter(key, value)


def literal(value, type_=None):
    return BindParameter("param", value)


class BinaryExpression(ColumnElement):
    def __init__(self, left, op, right):
        self.left = left
        self.op = op
        self.right = right
        self.key = getattr(left, "key", None)

    def _render(self, compiler):
        left = _render(self.left, compiler)
        if self.op in ("IS", "IS NOT") and self.right in (None, True, False):
            return f"{left} {self.op} {'NULL' if self.right is None else str(self.right).lower()}"
        if self.op in ("IN", "NOT IN"):
            # SQLAlchemy 2.0 renders an expanding IN as __[POSTCOMPILE_x]; sent, it is one bind per value
            items = ", ".join(compiler.bind(self.left._bind_name(), v) for v in self.right)
            return f"{left} {self.op} ({items})"
        right = _render(self.right, compiler, bind_name=self.left._bind_name() if isinstance(self.left, ColumnElement) else "param")
        return f"{left} {self.op} {right}"


class _Clauses(ColumnElement):
    def __init__(self, joiner, clauses):
        self.joiner = joiner
        self.clauses = [c for c in clauses if c is not None]

    def _render(self, compiler):
        parts = [_render(c, compiler) for c in self.clauses]
        if len(parts) == 1:
            return parts[0]
        return "(" + f" {self.joiner} ".join(parts) + ")" if self.joiner == "OR" else f" {self.joiner} ".join(parts)


def and_(*clauses):
    return _Clauses("AND", clauses)


def or_(*clauses):
    return _Clauses("OR", clauses)


class _Not(ColumnElement):
    def __init__(self, clause):
        self.clause = clause

    def _render(self, compiler):
        return f"NOT ({_render(self.clause, compiler)})"


def not_(clause):
    return _Not(clause)


def true():
    return _Raw("true")


def false():
    return _Raw("false")


def null():
    return None


class _Raw(ColumnElement):
    def __init__(self, sql):
        self.sql = sql

    def _render(self, compiler):
        return self.sql


class _Ordering(ColumnElement):
    def __init__(self, element, direction):
        self.element = element
        self.direction = direction

    def _render(self, compiler):
        return f"{_render(self.element, compiler)} {self.direction}"


def desc(column):
    return _Ordering(column, "DESC")


def asc(column):
    return _Ordering(column, "ASC")


class _Label(ColumnElement):
    def __init__(self, element, name):
        self.element = element
        self.name = self.key = name

    def _render(self, compiler):
        return f"{_render(self.element, compiler)} AS {self.name}"


class _Function(ColumnElement):
    def __init__(self, name, args):
        self.name = self.key = name
        self.args = args

    def _render(self, compiler):
        if self.name == "count" and not self.args:
            return "count(*)"
        return f"{self.name}({', '.join(_render(a, compiler) for a in self.args)})"


class _FunctionGenerator:
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kw: _Function(name, args)


func = _FunctionGenerator()


def _render(value, compiler, bind_name="param"):
    if isinstance(value, ColumnElement):
        return value._render(compiler)
    if hasattr(value, "__clause_element__"):
        return _render(value.__clause_element__(), compiler, bind_name)
    if hasattr(value, "_render"):
        return value._render(compiler)
    return compiler.bind(bind_name, value)


def _column_of(value):
    if hasattr(value, "__clause_element__"):
        return value.__clause_element__()
    return value


# ---- tables ------------------------------------------------------------------------------------


class MetaData:
    def __init__(self, schema=None, naming_convention=None, **kw):
        self.schema = schema
        self.tables = {}

    def create_all(self, bind=None, tables=None, checkfirst=True):
        _ddl_note(bind, "create_all")

    def drop_all(self, bind=None, tables=None, checkfirst=True):
        _ddl_note(bind, "drop_all")

    def reflect(self, bind=None, **kw):
        raise _not_simulated("MetaData.reflect()")


def _ddl_note(bind, what):
    from _deadline import entry, state

    run = state.current
    if run is not None:
        entry.note(run, "entry", f"MetaData.{what}() sends no DDL in the simulator: the tables are taken to exist")


class _ColumnCollection:
    def __init__(self, columns):
        self._columns = {c.key: c for c in columns}

    def __getattr__(self, name):
        try:
            return self.__dict__["_columns"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name):
        return self._columns[name]

    def __iter__(self):
        return iter(self._columns.values())

    def keys(self):
        return list(self._columns)


class Table:
    def __init__(self, name, metadata=None, *columns, schema=None, **kw):
        self.name = name
        self.metadata = metadata
        self.columns = []
        for column in columns:
            if isinstance(column, Column):
                column.table = self
                self.columns.append(column)
        self.c = _ColumnCollection(self.columns)
        self.primary_key = [c for c in self.columns if c.primary_key]
        if metadata is not None:
            metadata.tables[name] = self

    def select(self):
        return select(self)

    def insert(self):
        return insert(self)

    def update(self):
        return update(self)

    def delete(self):
        return delete(self)

    def _render(self, compiler):
        return self.name

    def __repr__(self):
        return f"Table({self.name!r})"


def _table_of(target):
    """The Table a mapped class, a Table or a mapped column belongs to."""
    if isinstance(target, Table):
        return target
    table = getattr(target, "__table__", None)
    if isinstance(table, Table):
        return table
    column = _column_of(target)
    if isinstance(column, Column) and column.table is not None:
        return column.table
    return None


def _entity_of(target):
    return target if isinstance(getattr(target, "__table__", None), Table) and isinstance(target, type) else None


# ---- statements --------------------------------------------------------------------------------


class Executable:
    """A construct the Connection compiles and sends (see Connection.execute)."""

    _entity = None
    _columns = ()

    def compile(self, bind=None, dialect=None, **kw):
        return _Compiled(self)

    def __str__(self):
        sql, params = self._compile()
        return sql.replace("%(", ":").replace(")s", "") if params else sql


class _Compiled:
    def __init__(self, statement):
        self.string, self.params = statement._compile()

    def __str__(self):
        return self.string


class _Filtered(Executable):
    def __init__(self):
        self._where = []

    def _clone(self):
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        for key, value in list(clone.__dict__.items()):
            if isinstance(value, list):
                clone.__dict__[key] = list(value)
        return clone

    def where(self, *clauses):
        clone = self._clone()
        clone._where.extend(clauses)
        return clone

    filter = where

    def filter_by(self, **values):
        table = self._table
        if table is None:
            raise exc.InvalidRequestError("filter_by() needs a statement against one table or mapped class")
        clauses = []
        for key, value in values.items():
            try:
                clauses.append(table.c[key] == value)
            except KeyError:
                raise exc.InvalidRequestError(f'Entity namespace for "{table.name}" has no property "{key}"') from None
        return self.where(*clauses)

    def _render_where(self, compiler, before=" WHERE "):
        # compiler.py: a SELECT's WHERE starts a line (" \nWHERE "), UPDATE's and DELETE's do not
        if not self._where:
            return ""
        return before + _render(and_(*self._where), compiler)


class Select(_Filtered):
    def __init__(self, *entities):
        super().__init__()
        if not entities:
            raise exc.ArgumentError("select() needs at least one column or entity")
        self._raw = list(entities)
        self._entity = _entity_of(entities[0]) if len(entities) == 1 else None
        self._table = None
        self._columns = []
        for item in entities:
            table = _table_of(item)
            if self._table is None and table is not None:
                self._table = table
            if isinstance(item, Table) or _entity_of(item) is not None:
                self._columns.extend(_table_of(item).columns)
            else:
                self._columns.append(_column_of(item))
        self._order = []
        self._group = []
        self._limit = None
        self._offset = None
        self._for_update = None
        self._from = None

    def select_from(self, target):
        clone = self._clone()
        clone._from = _table_of(target)
        if clone._table is None:
            clone._table = clone._from
        return clone

    def order_by(self, *clauses):
        clone = self._clone()
        clone._order.extend(c for c in clauses if c is not None)
        return clone

    def group_by(self, *clauses):
        clone = self._clone()
        clone._group.extend(clauses)
        return clone

    def limit(self, n):
        clone = self._clone()
        clone._limit = n
        return clone

    def offset(self, n):
        clone = self._clone()
        clone._offset = n
        return clone

    def with_for_update(self, *, nowait=False, read=False, skip_locked=False, of=None, key_share=False):
        clone = self._clone()
        # compiler.py PGCompiler.for_update_clause
        clause = " FOR SHARE" if read else " FOR UPDATE"
        if nowait:
            clause += " NOWAIT"
        elif skip_locked:
            clause += " SKIP LOCKED"
        clone._for_update = clause
        return clone

    def options(self, *options):
        return self

    def execution_options(self, **kw):
        return self

    def distinct(self, *expr):
        return self

    def join(self, *args, **kw):
        raise _not_simulated("select().join()")

    outerjoin = join_from = join

    def subquery(self, name=None):
        raise _not_simulated("select().subquery()")

    def scalar_subquery(self):
        raise _not_simulated("select().scalar_subquery()")

    cte = union = subquery

    def _compile(self):
        compiler = _Compiler()
        columns = ", ".join(_render(c, compiler) for c in self._columns)
        table = self._from or self._table
        sql = f"SELECT {columns}" + (f" \nFROM {table.name}" if table is not None else "")
        sql += self._render_where(compiler, " \nWHERE ")
        if self._group:
            sql += " GROUP BY " + ", ".join(_render(c, compiler) for c in self._group)
        if self._order:
            sql += " ORDER BY " + ", ".join(_render(c, compiler) for c in self._order)
        if self._limit is not None:
            sql += " \n LIMIT " + compiler.bind("param", self._limit)
        if self._offset is not None:
            sql += " OFFSET " + compiler.bind("param", self._offset)
        if self._for_update:
            sql += self._for_update
        return sql, compiler.params

    def _keys(self):
        return [c.key or getattr(c, "name", None) or "anon" for c in self._columns]


def select(*entities):
    return Select(*entities)


class _Returning:
    def returning(self, *cols):
        clone = self._clone()
        clone._returning = [_column_of(c) for c in cols]
        for item in cols:
            if _entity_of(item) is not None:
                clone._returning = list(_table_of(item).columns)
                clone._entity = _entity_of(item)
        clone._columns = clone._returning
        return clone

    def _render_returning(self, compiler):
        if not self._returning:
            return ""
        return " RETURNING " + ", ".join(_render(c, compiler) for c in self._returning)

    def _keys(self):
        return [c.key for c in self._returning]


class Update(_Filtered, _Returning):
    def __init__(self, target):
        super().__init__()
        self._table = _table_of(target)
        if self._table is None:
            raise exc.ArgumentError(f"update() needs a Table or a mapped class, not {target!r}")
        self._values = {}
        self._returning = []

    def values(self, *args, **kwargs):
        clone = self._clone()
        clone._values = dict(clone._values)
        if args and isinstance(args[0], dict):
            kwargs = {**args[0], **kwargs}
        for key, value in kwargs.items():
            name = _column_of(key).key if not isinstance(key, str) else key
            clone._values[name] = value
        return clone

    def _compile(self):
        compiler = _Compiler()
        sets = ", ".join(f"{name}={_render(value, compiler, bind_name=name) if isinstance(value, ColumnElement) else _set_bind(compiler, name, value)}"
                         for name, value in self._values.items())
        sql = f"UPDATE {self._table.name} SET {sets}" + self._render_where(compiler) + self._render_returning(compiler)
        return sql, compiler.params


def _set_bind(compiler, name, value):
    # SET clauses bind under the column's own name, without a number (compiler.py _append_param_parameter)
    compiler.params[name] = value
    return f"%({name})s"


def update(target):
    return Update(target)


class Insert(Executable, _Returning):
    def __init__(self, target):
        self._table = _table_of(target)
        if self._table is None:
            raise exc.ArgumentError(f"insert() needs a Table or a mapped class, not {target!r}")
        self._values = []
        self._returning = []

    _clone = _Filtered._clone

    def values(self, *args, **kwargs):
        clone = self._clone()
        if args and isinstance(args[0], list):
            clone._values = [dict(v) for v in args[0]]
        elif args and isinstance(args[0], dict):
            clone._values = [{**args[0], **kwargs}]
        else:
            clone._values = [dict(kwargs)]
        return clone

    def _compile(self):
        compiler = _Compiler()
        rows = self._values or [{}]
        names = list(rows[0])
        if not names:
            sql = f"INSERT INTO {self._table.name} DEFAULT VALUES"
        else:
            groups = []
            for row in rows:
                groups.append("(" + ", ".join(_set_bind(compiler, name if len(rows) == 1 else f"{name}_m{len(groups)}", row.get(name)) for name in names) + ")")
            sql = f"INSERT INTO {self._table.name} ({', '.join(names)}) VALUES {', '.join(groups)}"
        return sql + self._render_returning(compiler), compiler.params


def insert(target):
    return Insert(target)


class Delete(_Filtered, _Returning):
    def __init__(self, target):
        super().__init__()
        self._table = _table_of(target)
        if self._table is None:
            raise exc.ArgumentError(f"delete() needs a Table or a mapped class, not {target!r}")
        self._returning = []

    def _compile(self):
        compiler = _Compiler()
        sql = f"DELETE FROM {self._table.name}" + self._render_where(compiler) + self._render_returning(compiler)
        return sql, compiler.params


def delete(target):
    return Delete(target)
