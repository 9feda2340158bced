"""pymysql.cursors: Cursor (rows as tuples) and DictCursor (rows as dicts)."""

from _deadline import databases, network

from . import err

_ROW_COMMANDS = {"SELECT", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "WITH", "CALL"}


class Cursor:
    def __init__(self, connection):
        self.connection = connection
        self.description = None
        self.rowcount = -1
        self.rownumber = 0
        self.lastrowid = None
        self.arraysize = 1
        self._rows = None

    def _row(self, row, names):
        return tuple(row.get(n) for n in names)

    def execute(self, query, args=None):
        conn = self.connection
        if conn is None:
            raise err.ProgrammingError("Cursor closed")
        _, rows, count, _simulated = conn._query(str(query), network.caller_line())
        command = databases.sql_command(query)
        if rows or command in _ROW_COMMANDS:
            names = list(rows[0].keys()) if rows else []
            self.description = tuple((n, 253, None, None, None, None, True) for n in names)
            self._rows = tuple(self._row(r, names) for r in rows)
            self.rowcount = len(rows)
        else:
            self.description = None
            self._rows = None
            self.rowcount = count if count is not None else 0
        self.rownumber = 0
        return self.rowcount

    def executemany(self, query, args):
        total = 0
        for item in args:
            total += self.execute(query, item)
        self.rowcount = total
        return total

    def fetchone(self):
        if self._rows is None or self.rownumber >= len(self._rows):
            return None
        row = self._rows[self.rownumber]
        self.rownumber += 1
        return row

    def fetchmany(self, size=None):
        if self._rows is None:
            return ()
        size = size or self.arraysize
        out = self._rows[self.rownumber:self.rownumber + size]
        self.rownumber += len(out)
        return out

    def fetchall(self):
        if self._rows is None:
            return ()
        out = self._rows[self.rownumber:]
        self.rownumber = len(self._rows)
        return out

    def __iter__(self):
        return iter(self.fetchone, None)

    def close(self):
        self.connection = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class DictCursor(Cursor):
    def _row(self, row, names):
        return {n: row.get(n) for n in names}

    def fetchall(self):
        return list(super().fetchall())


SSCursor = Cursor
SSDictCursor = DictCursor
