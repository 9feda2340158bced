"""QueuePool (SQLAlchemy 2.0.52 lib/sqlalchemy/pool/impl.py) on the virtual clock, and NullPool.

pool_size connections are kept; up to max_overflow more are opened when all are checked out and
closed again when returned to a full pool; a checkout beyond pool_size + max_overflow waits up to
`timeout` (30 s) for a connection to come back, then raises exc.TimeoutError("QueuePool limit of
size 5 overflow 10 reached, connection timed out, timeout 30.00"). A connection that is never
returned (a leak) holds its place for good.

Threads run one after another on their own clocks (_deadline/threads.py), so the pool keeps each
connection's timeline: a connection is free at virtual time t when its last holder returned it at
or before t. A checkout sees every checkout and return made by code that ran before it, whatever
thread it ran on; the connection a waiting checkout gets is the first to come back.
"""

import math

from _deadline import network, state

from . import exc


class _Record:
    __slots__ = ("connection", "created_at", "free_at", "closed_at", "number")

    def __init__(self, connection, created_at, number):
        self.connection = connection
        self.created_at = created_at
        self.free_at = math.inf  # checked out
        # when it was closed: before then it still counts against the pool's limit, since a
        # thread that runs later may be earlier in virtual time
        self.closed_at = None
        self.number = number

    def live_at(self, t):
        return self.closed_at is None or self.closed_at > t


class _Checkout:
    """What pool.connect() returns: the DB-API connection and the way back to the pool."""

    def __init__(self, pool, record):
        self._pool = pool
        self._record = record
        self.dbapi_connection = record.connection

    def close(self):
        if self._record is not None:
            record, self._record = self._record, None
            self._pool._return(record)

    @property
    def is_valid(self):
        return self._record is not None

    def invalidate(self, e=None, soft=False):
        if self._record is not None:
            record, self._record = self._record, None
            record.free_at = record.closed_at = state.current.now()
            try:
                record.connection.close()
            except Exception:  # noqa: BLE001 - closing a dead connection may fail; SQLAlchemy ignores it too
                pass


class Pool:
    def __init__(self, creator, recycle=-1, pre_ping=False, reset_on_return=True, ping=None, wrap=None, **_ignored):
        self._creator = creator
        self._recycle = recycle
        self._pre_ping = pre_ping
        self._reset_on_return = reset_on_return
        self._ping = ping
        self._wrap = wrap or (lambda error: error)
        self._records = []
        self._created = 0

    def _new(self, now):
        try:
            connection = self._creator()
        except Exception as error:  # noqa: BLE001 - wrapped as SQLAlchemy wraps DB-API errors
            raise self._wrap(error) from error
        self._created += 1
        record = _Record(connection, state.current.now(), self._created)
        self._records.append(record)
        return record

    def _prepare(self, record):
        """Checkout of a pooled connection: recycle an old one, pre-ping a reused one."""
        run = state.current
        if self._recycle is not None and self._recycle > -1 and run.now() - record.created_at > self._recycle:
            self._close(record)
            return self._new(run.now())
        if self._pre_ping and self._ping is not None and not self._ping(record.connection):
            # the ping failed: the pool reconnects, as _ConnectionFairy._checkout does
            self._close(record)
            return self._new(run.now())
        return record

    def _close(self, record):
        now = state.current.now()
        record.closed_at = now
        record.free_at = min(record.free_at, now)
        try:
            record.connection.close()
        except Exception:  # noqa: BLE001
            pass

    def _live(self, now=None):
        now = state.current.now() if now is None else now
        return [r for r in self._records if r.live_at(now)]

    def _idle(self, now, besides=None):
        return [r for r in self._records if r.closed_at is None and r is not besides and r.free_at <= now]

    def checkedout(self):
        now = state.current.now()
        return sum(1 for r in self._live(now) if r.free_at > now)

    def checkedin(self):
        return len(self._live()) - self.checkedout()

    def dispose(self):
        now = state.current.now()
        for record in self._idle(now):
            self._close(record)

    def recreate(self):
        return self


class QueuePool(Pool):
    def __init__(self, creator, pool_size=5, max_overflow=10, timeout=30.0, use_lifo=False, **kw):
        super().__init__(creator, **kw)
        self._size = pool_size
        self._max_overflow = -1 if pool_size == 0 else max_overflow
        self._timeout = timeout
        self._use_lifo = use_lifo

    def size(self):
        return self._size

    def timeout(self):
        return self._timeout

    def overflow(self):
        return len(self._live()) - self._size if self._size else 0

    def status(self):
        return (
            "Pool size: %d  Connections in pool: %d Current Overflow: %d Current Checked out connections: %d"
            % (self.size(), self.checkedin(), self.overflow(), self.checkedout())
        )

    def connect(self):
        run = state.current
        now = run.now()
        live = self._live(now)
        idle = self._idle(now)
        if idle:
            record = (max if self._use_lifo else min)(idle, key=lambda r: r.free_at)
            record.free_at = math.inf
            return _Checkout(self, self._prepare(record))
        if self._max_overflow == -1 or len(live) < self._size + self._max_overflow:
            return _Checkout(self, self._new(now))
        line = network.caller_line()
        soonest = min(live, key=lambda r: r.free_at)
        if soonest.free_at - now <= self._timeout:
            run.timed_wait("timer", soonest.free_at - now, line, f"QueuePool: all {len(live)} connections checked out; waiting for one to be returned")
            if soonest.closed_at is not None:
                # it came back as an overflow connection to a full pool: the waiter gets a new one
                return _Checkout(self, self._new(run.now()))
            soonest.free_at = math.inf
            return _Checkout(self, self._prepare(soonest))
        run.timed_wait("timer", self._timeout, line, f"QueuePool: all {len(live)} connections checked out; waited pool_timeout {self._timeout:g} s")
        raise exc.TimeoutError(
            "QueuePool limit of size %d overflow %d reached, connection timed out, timeout %0.2f"
            % (self.size(), self.overflow(), self._timeout),
            code="3o7r",
        )

    def _return(self, record):
        run = state.current
        now = run.now()
        if self._reset_on_return:
            try:
                record.connection.rollback()
            except Exception:  # noqa: BLE001 - a failed reset invalidates the connection
                self._close(record)
                return
        now = run.now()
        idle = self._idle(now, besides=record)
        record.free_at = now
        # _do_return_conn: a return to a pool that already holds pool_size connections closes it
        if self._size and len(idle) >= self._size:
            self._close(record)


class NullPool(Pool):
    """A new connection for every checkout, closed on return."""

    def connect(self):
        return _Checkout(self, self._new(state.current.now()))

    def _return(self, record):
        record.free_at = state.current.now()
        self._close(record)

    def status(self):
        return "NullPool"


class StaticPool(Pool):
    """One connection for everything."""

    def connect(self):
        idle = [r for r in self._records if r.closed_at is None]
        record = idle[0] if idle else self._new(state.current.now())
        return _Checkout(self, record)

    def _return(self, record):
        record.free_at = state.current.now()

    def status(self):
        return "StaticPool"


AsyncAdaptedQueuePool = QueuePool
SingletonThreadPool = StaticPool
