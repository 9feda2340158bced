"""QueuePool (SQLAlchemy 2.0.52 lib/sqlalchemy/pool/impl.py) on the virtual clock, and NullPool.

pool_size connections are kept; up to max_overflow more are opened when all are checked out and
closed again when returned to a full pool; a checkout beyond pool_size + max_overflow waits up to
`timeout` (30 s) for a connection to come back, then raises exc.TimeoutError("QueuePool limit of
size 5 overflow 10 reached, connection timed out, timeout 30.00"). A connection that is never
returned (a leak) holds its place for good: SQLAlchemy checks in a connection whose fairy the
garbage collector takes (pool/base.py _finalize_fairy), but a Session that ran a statement sits in
reference cycles (it and its transaction, the Connection and its transaction) that only the cyclic
collector frees, at a moment no run can predict, so the simulator counts it as held.

Threads run one after another on their own clocks (_deadline/threads.py), so the pool keeps every
checkout as a hold on its timeline (when it was asked for, granted and returned). A checkout at
virtual time t is granted at the first moment from t on, within the timeout, when fewer than
pool_size + max_overflow holds are out, then and until the next return (threads that asked a
moment later but ran first keep the connections they got); the holds of code that ran earlier keep the times they
were given when it ran (that code is not run again), so the order in which the simulator ran
threads that overlap can make their own waits shorter than they would be. A connection still out
when the thread that took it has finished its work (a FastAPI dependency closes its session after
the response, which the simulator gets to after the other requests' threads) counts as returned
when that work ended; a note says so when it came back later.
"""

import math

from _deadline import network, state

from . import exc


class _Record:
    __slots__ = ("connection", "created_at", "free_at", "closed_at", "number", "holds")

    def __init__(self, connection, created_at, number):
        self.connection = connection
        self.created_at = created_at
        self.free_at = math.inf  # checked out
        # when it was closed: before then it still counts against the pool's limit, since a
        # thread that runs later may be earlier in virtual time
        self.closed_at = None
        self.number = number
        # every checkout of it (_hold)
        self.holds = []

    def live_at(self, t):
        return self.closed_at is None or self.closed_at > t

    def take(self, asked, granted):
        self.free_at = math.inf
        self.holds.append(_hold(asked, granted))

    def release(self, at):
        self.free_at = at
        if self.holds and self.holds[-1][2] == math.inf:
            hold = self.holds[-1]
            hold[2] = at
            token = hold[3]
            if hold[4] and token is not None and token.ended_at is not None and at > token.ended_at + 0.5:
                _note_optimistic(token, at)


def _hold(asked, granted):
    """[asked, granted, returned, thread run holding it, whether a later checkout counted on the
    thread run's end as the return]"""
    run = state.current
    token = run.thread_runs[-1] if run is not None and run.thread_runs else None
    return [asked, granted, math.inf, token, False]


def _end_of(hold):
    """When a hold ends as far as a checkout can tell: its return; for one still out whose thread
    run has ended (a FastAPI dependency closes the session after the response, which the
    simulator runs after the other requests' threads), the end of that thread's work."""
    if hold[2] != math.inf:
        return hold[2]
    token = hold[3]
    if token is not None and token.ended_at is not None:
        return token.ended_at
    return math.inf


def _note_optimistic(token, at):
    run = state.current
    if run is None or getattr(run, "_pool_optimistic_noted", False):
        return
    run._pool_optimistic_noted = True
    run.notes.append({"kind": "modelled", "text": (
        f"QueuePool: a connection checked out on a thread ({token.label}) was still out when that thread's work ended "
        f"at {token.ended_at:.2f} s and came back at {at:.2f} s; checkouts the simulator ran before it came back counted "
        "it as returned when the thread's work ended, so their waits are shorter than they would be"
    )})


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
            record.closed_at = state.current.now()
            record.release(record.closed_at)
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

    def _new(self, now, asked=None):
        try:
            connection = self._creator()
        except Exception as error:  # noqa: BLE001 - wrapped as SQLAlchemy wraps DB-API errors
            raise self._wrap(error) from error
        self._created += 1
        record = _Record(connection, state.current.now(), self._created)
        record.holds.append(_hold(now if asked is None else asked, now))
        self._records.append(record)
        return record

    def _prepare(self, record, asked=None):
        """Checkout of a pooled connection: recycle an old one, pre-ping a reused one."""
        run = state.current
        if self._recycle is not None and self._recycle > -1 and run.now() - record.created_at > self._recycle:
            self._close(record)
            return self._new(run.now(), asked)
        if self._pre_ping and self._ping is not None and not self._ping(record.connection):
            # the ping failed: the pool reconnects, as _ConnectionFairy._checkout does
            self._close(record)
            return self._new(run.now(), asked)
        return record

    def _close(self, record):
        now = state.current.now()
        record.closed_at = now
        if record.free_at > now:
            record.release(now)
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

    def _holds(self):
        return [h for r in self._records for h in r.holds]

    def _out_at(self, at, rely=False):
        """Checkouts granted by virtual time `at` and not returned by then."""
        out = 0
        for h in self._holds():
            if h[1] <= at:
                if at < _end_of(h):
                    out += 1
                elif rely and h[2] == math.inf:
                    h[4] = True
        return out

    def _room_at(self, at, limit):
        """Whether a checkout can be granted at `at`: below the limit then, and at every grant
        already on the timeline between `at` and the next return (code the simulator ran first,
        which asked a moment later, would otherwise share the last connection with this one)."""
        holds = self._holds()
        ends = [e for e in (_end_of(h) for h in holds) if e > at]
        horizon = min(ends) if ends else math.inf
        moments = [at] + [h[1] for h in holds if at < h[1] < horizon]
        return all(self._out_at(x) < limit for x in moments)

    def connect(self):
        run = state.current
        now = run.now()
        limit = math.inf if self._max_overflow == -1 else self._size + self._max_overflow
        line = network.caller_line()
        grant = None
        if self._room_at(now, limit):
            grant = now
        else:
            ends = {_end_of(h) for h in self._holds()}
            for at in sorted(e for e in ends if now < e < math.inf):
                if at - now > self._timeout:
                    break
                if self._room_at(at, limit):
                    grant = at
                    break
        if grant is not None:
            self._out_at(grant, rely=True)
        if grant is None:
            out = self._out_at(now)
            run.timed_wait("timer", self._timeout, line, f"QueuePool: all {out} connections checked out; waited pool_timeout {self._timeout:g} s")
            # impl.py QueuePool._do_get: raised when the overflow counter is at max_overflow
            raise exc.TimeoutError(
                "QueuePool limit of size %d overflow %d reached, connection timed out, timeout %0.2f"
                % (self.size(), self._max_overflow, self._timeout),
                code="3o7r",
            )
        if grant > now:
            run.timed_wait("timer", grant - now, line, f"QueuePool: all {self._out_at(now)} connections checked out; waiting for one to be returned")
        idle = self._idle(grant)
        if idle:
            record = (max if self._use_lifo else min)(idle, key=lambda r: r.free_at)
            record.take(now, grant)
            return _Checkout(self, self._prepare(record, now))
        # none idle (or it came back as an overflow connection to a full pool): a new connection
        return _Checkout(self, self._new(grant, now))

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
        record.release(now)
        # _do_return_conn: a return to a pool that already holds pool_size connections closes it
        if self._size and len(idle) >= self._size:
            self._close(record)


class NullPool(Pool):
    """A new connection for every checkout, closed on return."""

    def connect(self):
        return _Checkout(self, self._new(state.current.now()))

    def _return(self, record):
        record.release(state.current.now())
        self._close(record)

    def status(self):
        return "NullPool"


class StaticPool(Pool):
    """One connection for everything."""

    def connect(self):
        idle = [r for r in self._records if r.closed_at is None]
        now = state.current.now()
        record = idle[0] if idle else self._new(now)
        if idle:
            record.take(now, now)
        return _Checkout(self, record)

    def _return(self, record):
        record.release(state.current.now())

    def status(self):
        return "StaticPool"


AsyncAdaptedQueuePool = QueuePool
SingletonThreadPool = StaticPool
