"""Simulator stub of SQLAlchemy 2.0.52 (sqlalchemy/sqlalchemy, tag rel_2_0_52): create_engine with
QueuePool on the virtual clock (pool.py), Connection / engine.begin() (engine.py), the expression
language for single tables (select, insert, update, delete, Table, Column, func: _elements.py),
declarative mapping and the Session (orm.py), text(), and sqlalchemy.exc. The drivers are the
simulated psycopg2, psycopg and pymysql (postgresql://, postgresql+psycopg://, mysql+pymysql://),
so a connection is a network call to the database host and each statement a round trip
(_deadline/databases.py). Joins, subqueries and relationships are not simulated."""

from . import exc, orm, pool, types  # noqa: F401
from ._elements import (  # noqa: F401
    Column, MetaData, Table, and_, asc, bindparam, delete, desc, false, func, insert, literal, not_, null, or_,
    select, true, update,
)
from .engine import Connection, Engine, Row, create_engine, engine_from_config, make_url  # noqa: F401
from .engine import URL  # noqa: F401
from .pool import NullPool, QueuePool, StaticPool  # noqa: F401
from .sql import TextClause, text  # noqa: F401
from .types import (  # noqa: F401
    ARRAY, BOOLEAN, DECIMAL, INTEGER, JSON, TEXT, TIMESTAMP, UUID, VARCHAR, BigInteger, Boolean, Date, DateTime,
    Enum, Float, Integer, Interval, LargeBinary, Numeric, SmallInteger, String, Text, Time, Unicode, UnicodeText,
    Uuid,
)

__version__ = "2.0.52"


def ForeignKey(column, **kwargs):  # noqa: N802 - SQLAlchemy's name
    # a constraint in DDL, which the simulator never sends
    return None


def UniqueConstraint(*args, **kwargs):  # noqa: N802
    return None


Index = CheckConstraint = PrimaryKeyConstraint = ForeignKeyConstraint = UniqueConstraint


def __getattr__(name):
    # `from sqlalchemy import union` should say why; private names stay plain AttributeErrors
    if name.startswith("_"):
        raise AttributeError(name)
    raise ImportError(
        f"sqlalchemy.{name} is not simulated (the simulator's SQLAlchemy has create_engine, text(), single-table "
        "select/insert/update/delete, declarative models and the Session): model sqlalchemy with --model and give "
        "its calls a cost"
    )
