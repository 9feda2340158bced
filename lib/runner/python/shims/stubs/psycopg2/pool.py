"""psycopg2.pool (lib/pool.py): SimpleConnectionPool and ThreadedConnectionPool. minconn
connections are opened when the pool is made; getconn() beyond maxconn raises
PoolError("connection pool exhausted") at once (the pool never waits)."""

from ._core import Error, connect


class PoolError(Error):
    pass


class AbstractConnectionPool:
    def __init__(self, minconn, maxconn, *args, **kwargs):
        self.minconn = int(minconn)
        self.maxconn = int(maxconn)
        self.closed = False
        self._args = args
        self._kwargs = kwargs
        self._pool = []
        self._used = {}
        self._rused = {}
        self._keys = 0
        for _ in range(self.minconn):
            self._connect()

    def _connect(self, key=None):
        conn = connect(*self._args, **self._kwargs)
        if key is not None:
            self._used[key] = conn
            self._rused[id(conn)] = key
        else:
            self._pool.append(conn)
        return conn

    def _getkey(self):
        self._keys += 1
        return self._keys

    def getconn(self, key=None):
        if self.closed:
            raise PoolError("connection pool is closed")
        if key is None:
            key = self._getkey()
        if key in self._used:
            return self._used[key]
        if self._pool:
            self._used[key] = conn = self._pool.pop()
            self._rused[id(conn)] = key
            return conn
        if len(self._used) == self.maxconn:
            raise PoolError("connection pool exhausted")
        return self._connect(key)

    def putconn(self, conn=None, key=None, close=False):
        if self.closed:
            raise PoolError("connection pool is closed")
        if key is None:
            key = self._rused.get(id(conn))
            if key is None:
                raise PoolError("trying to put unkeyed connection")
        if len(self._pool) < self.minconn and not close:
            if not conn.closed:
                self._pool.append(conn)
        else:
            conn.close()
        if not self.closed or key in self._used:
            del self._used[key]
            del self._rused[id(conn)]

    def closeall(self):
        if self.closed:
            raise PoolError("connection pool is closed")
        for conn in self._pool + list(self._used.values()):
            conn.close()
        self.closed = True


class SimpleConnectionPool(AbstractConnectionPool):
    pass


class ThreadedConnectionPool(AbstractConnectionPool):
    pass
