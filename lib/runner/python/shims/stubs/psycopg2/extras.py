"""psycopg2.extras: RealDictCursor (rows as dicts), DictCursor (rows by index and by name),
NamedTupleCursor, execute_values and Json."""

import collections
import json

from ._core import cursor


class RealDictRow(dict):
    pass


class RealDictCursor(cursor):
    def _make_row(self, row, names):
        return RealDictRow((n, row.get(n)) for n in names)


class DictRow(list):
    def __init__(self, names, values):
        super().__init__(values)
        self._index = {n: i for i, n in enumerate(names)}

    def __getitem__(self, key):
        if isinstance(key, str):
            return super().__getitem__(self._index[key])
        return super().__getitem__(key)

    def keys(self):
        return list(self._index)

    def values(self):
        return list(self)

    def items(self):
        return [(k, self[i]) for k, i in self._index.items()]

    def get(self, key, default=None):
        return self[key] if key in self._index else default


class DictCursor(cursor):
    def _make_row(self, row, names):
        return DictRow(names, [row.get(n) for n in names])


class NamedTupleCursor(cursor):
    def _make_row(self, row, names):
        return collections.namedtuple("Record", names, rename=True)(*(row.get(n) for n in names))


def execute_values(cur, sql, argslist, template=None, page_size=100, fetch=False):
    """One statement per page of page_size rows (psycopg2.extras.execute_values)."""
    args = list(argslist)
    result = []
    for start in range(0, max(len(args), 1), page_size):
        cur.execute(sql, args[start:start + page_size])
        if fetch:
            result.extend(cur.fetchall())
    return result if fetch else None


def execute_batch(cur, sql, argslist, page_size=100):
    args = list(argslist)
    for start in range(0, len(args), page_size):
        cur.execute(sql, args[start:start + page_size])


class Json:
    def __init__(self, adapted, dumps=None):
        self.adapted = adapted
        self._dumps = dumps or json.dumps

    def getquoted(self):
        return self._dumps(self.adapted).encode()


def register_default_json(conn_or_curs=None, globally=False, loads=None):
    pass


def register_default_jsonb(conn_or_curs=None, globally=False, loads=None):
    pass
