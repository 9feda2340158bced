"""Simulator stub of SQLAlchemy 2.0.52 (sqlalchemy/sqlalchemy, tag rel_2_0_52): create_engine with
QueuePool on the virtual clock (pool.py), Connection / engine.begin() (engine.py), Session and
sessionmaker (orm.py), text(), and sqlalchemy.exc. The drivers are the simulated psycopg2, psycopg
and pymysql (postgresql://, postgresql+psycopg://, mysql+pymysql://), so a
connection is a network call to the database host and each statement a round trip
(_deadline/databases.py). The expression language (select(), Table) and mapped classes are not
simulated."""

from . import exc, orm, pool  # noqa: F401
from .engine import Connection, Engine, Row, create_engine, engine_from_config, make_url  # noqa: F401
from .engine import URL  # noqa: F401
from .pool import NullPool, QueuePool, StaticPool  # noqa: F401
from .sql import TextClause, text  # noqa: F401

__version__ = "2.0.52"


def __getattr__(name):
    # `from sqlalchemy import select` should say why; private names stay plain AttributeErrors
    if name.startswith("_"):
        raise AttributeError(name)
    raise ImportError(
        f"sqlalchemy.{name} is not simulated (the simulator's SQLAlchemy runs textual SQL: "
        "create_engine, text(), Connection, Session): model sqlalchemy with --model and give its calls a cost"
    )
