"""psycopg.rows: row factories (tuple_row, dict_row, namedtuple_row)."""

import collections


def tuple_row(cursor):
    return lambda values: tuple(values)


def dict_row(cursor):
    names = [c.name for c in cursor.description or []]
    return lambda values: dict(zip(names, values))


def namedtuple_row(cursor):
    names = [c.name for c in cursor.description or []]
    Row = collections.namedtuple("Row", names, rename=True)
    return lambda values: Row(*values)
