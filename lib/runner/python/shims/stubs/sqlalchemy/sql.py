"""text(): a textual SQL statement with :name bind parameters."""

import re


class TextClause:
    def __init__(self, text):
        self.text = str(text)
        self._bind_defaults = {}

    def bindparams(self, *binds, **values):
        clause = TextClause(self.text)
        clause._bind_defaults = {**self._bind_defaults, **values}
        return clause

    def columns(self, *cols, **types):
        return self

    def compile(self, *args, **kwargs):
        return self

    def __str__(self):
        return self.text

    def __repr__(self):
        return f"<sqlalchemy.sql.elements.TextClause object at {hex(id(self))}>"


def text(text):
    return TextClause(text)


def pyformat(sql):
    """The statement as the psycopg2 dialect renders it: :name becomes %(name)s."""
    return re.sub(r"(?<![:\w\\]):(\w+)", r"%(\1)s", sql)


# `from sqlalchemy.sql import select, func` (sqlalchemy/sql/__init__.py re-exports them)
from ._elements import and_, bindparam, delete, desc, asc, func, insert, not_, or_, select, update  # noqa: E402, F401
