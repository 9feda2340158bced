"""threading's Lock, RLock, Condition and Event, and queue's queues, on the virtual clock.

Pyodide cannot start threads: work handed to a thread runs to completion when it starts, on its
own clock (threads.py). So these primitives keep a timeline rather than a state: when each lock
was taken and given back, when each item was put and taken, when an event was set, when a
condition was notified. A wait asks that timeline what a thread waiting from its own "now" would
have seen:

- Lock / RLock .acquire(timeout=): taken at the first moment from now on when no other holder has
  it (and no holder the simulator ran first takes it within 10 ms after), waiting until then; past the timeout it returns False after the timeout. A lock a finished thread never
  gave back stays taken, as it would.
- Condition.wait(timeout): returns True at the first notify() made at or after the moment it
  started waiting that no earlier waiter used up; False once the timeout has passed.
- Event.wait(timeout): True once the event's set() time has come; False after the timeout.
- queue.Queue / LifoQueue / PriorityQueue / SimpleQueue .get(timeout=): the item that is there at
  that moment in the queue's order, else the next to arrive within the timeout; queue.Empty after
  the timeout. join() waits until every item has been marked task_done().

What is not modelled: code that runs later cannot reach back to code that already ran. A thread
that waits for something only the code after its start() does (a worker blocked on get() before
anything was put) waits for nothing: its wait ends at the timeout (or with the run, at the
deadline), and the run's notes say so. Shared objects a thread changed are changed for whoever
runs after it, whatever their virtual time (a predicate in Condition.wait_for may be true at once).
"""

import queue as _queue
import threading

from . import state

# A timeline keeps this many of its latest entries: a loop that takes a lock a million times must
# not make every later acquire slower.
KEEP = 512

# Seconds within which two acquires of one lock count as simultaneous (see _Lock._free).
JITTER = 0.01


def _run():
    return state.current


def _token():
    run = state.current
    return run.thread_runs[-1] if run is not None and run.thread_runs else None


def _line():
    run = state.current
    return run.caller_line(3) if run is not None else None


def _wait(seconds, label, line):
    run = state.current
    if seconds > 0:
        run.timed_wait("timer", seconds, line, label)


def _note_unseen(what):
    """A wait inside a thread for something nothing that ran before it provides."""
    run = state.current
    if run is None or not run.thread_runs:
        return
    noted = getattr(run, "_sync_unseen_noted", None)
    if noted is None:
        noted = run._sync_unseen_noted = set()
    if what in noted:
        return
    noted.add(what)
    run.notes.append({"kind": "modelled", "text": (
        f"{run.thread_runs[-1].label} waited on {what} that nothing run before it provided: the simulator runs a thread's "
        "work to the end when the thread starts, so what the code after start() does for it (a put(), a set(), a "
        "notify()) is not seen by that wait, which ran to its timeout"
    )})


# ---- locks ------------------------------------------------------------------------------------


class _Lock:
    """threading.Lock on a timeline of holds [taken, given back, holder]."""

    _reentrant = False

    def __init__(self):
        self._holds = []
        self._count = 0

    def _open(self):
        return self._holds[-1] if self._holds and self._holds[-1][1] == state.INF else None

    def _mine(self, hold):
        return hold is not None and hold[2] is _token()

    def _busy(self, at):
        return any(h[0] <= at < h[1] for h in self._holds)

    def _free(self, at):
        # Free then, and not taken a moment later by code the simulator ran first: which of two
        # near-simultaneous acquires wins depends only on the order the simulator ran them in.
        return not self._busy(at) and not any(at < h[0] <= at + JITTER for h in self._holds)

    def _free_from(self, now):
        """The first moment from `now` on when this lock can be taken, or INF."""
        if self._free(now):
            return now
        for end in sorted({h[1] for h in self._holds if now < h[1] < state.INF}):
            if self._free(end):
                return end
        return state.INF

    def acquire(self, blocking=True, timeout=-1):
        run = _run()
        if run is None:
            self._holds.append([0.0, state.INF, None])
            return True
        if not blocking and timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        if timeout is not None and timeout < 0 and timeout != -1:
            raise ValueError("timeout value must be a non-negative number")
        open_hold = self._open()
        if self._reentrant and self._mine(open_hold):
            self._count += 1
            return True
        now = run.now()
        line = _line()
        at = state.INF if self._mine(open_hold) else self._free_from(now)
        if at == now:
            self._take(now)
            return True
        if not blocking:
            return False
        limit = state.INF if timeout == -1 else float(timeout)
        if at - now <= limit:
            _wait(at - now, "Lock.acquire: waiting for the lock to be released", line)
            self._take(at)
            return True
        if limit == state.INF:
            if self._mine(open_hold):
                _wait(state.INF, "Lock.acquire: this thread already holds the lock (deadlock)", line)
            _note_unseen("a lock")
        _wait(limit, f"Lock.acquire: still held after timeout={limit:g}", line)
        return False

    def _take(self, at):
        self._holds.append([at, state.INF, _token()])
        self._count = 1
        if len(self._holds) > KEEP:
            del self._holds[: len(self._holds) - KEEP]

    def release(self):
        hold = self._open()
        if hold is None:
            raise RuntimeError("release unlocked lock")
        if self._reentrant:
            if not self._mine(hold):
                raise RuntimeError("cannot release un-acquired lock")
            self._count -= 1
            if self._count:
                return
        run = _run()
        hold[1] = run.now() if run is not None else 0.0

    def locked(self):
        run = _run()
        return self._busy(run.now()) if run is not None else self._open() is not None

    def _is_owned(self):
        return self._mine(self._open())

    def _release_save(self):
        count, self._count = self._count, 1
        self.release()
        return count

    def _acquire_restore(self, count):
        self.acquire()
        self._count = count

    def _at_fork_reinit(self):
        self._holds = []
        self._count = 0

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()

    def __repr__(self):
        return f"<{'locked' if self._open() is not None else 'unlocked'} {type(self).__module__}.{type(self).__name__} object at {hex(id(self))}>"


class _RLock(_Lock):
    _reentrant = True


def Lock():  # noqa: N802 - threading's name
    return _Lock()


def RLock(*args, **kwargs):  # noqa: N802
    return _RLock()


# ---- conditions -------------------------------------------------------------------------------


class Condition:
    def __init__(self, lock=None):
        self._lock = _RLock() if lock is None else lock
        # [virtual time, how many waiters it may still wake]
        self._notifies = []
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def _owned(self):
        owned = getattr(self._lock, "_is_owned", None)
        return owned() if owned is not None else True

    def wait(self, timeout=None):
        if not self._owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        run = _run()
        now = run.now()
        line = _line()
        saved = self._lock._release_save() if hasattr(self._lock, "_release_save") else (self._lock.release() or 1)
        try:
            wake = next((n for n in self._notifies if n[0] >= now and n[1] > 0), None)
            limit = state.INF if timeout is None else max(0.0, float(timeout))
            if wake is not None and wake[0] - now <= limit:
                wake[1] -= 1
                _wait(wake[0] - now, "Condition.wait: until notify()", line)
                return True
            if wake is None:
                _note_unseen("a Condition")
            _wait(limit, "Condition.wait" + ("" if timeout is None else f" (timeout={limit:g})"), line)
            return False
        finally:
            if hasattr(self._lock, "_acquire_restore"):
                self._lock._acquire_restore(saved)
            else:
                self._lock.acquire()

    def wait_for(self, predicate, timeout=None):
        run = _run()
        end = None if timeout is None else run.now() + timeout
        result = predicate()
        while not result:
            remaining = None
            if end is not None:
                remaining = end - run.now()
                if remaining <= 0:
                    break
            self.wait(remaining)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        run = _run()
        self._notifies.append([run.now() if run is not None else 0.0, n])
        if len(self._notifies) > KEEP:
            del self._notifies[: len(self._notifies) - KEEP]

    def notify_all(self):
        self.notify(1 << 30)

    notifyAll = notify_all  # noqa: N815


# ---- events -------------------------------------------------------------------------------------


def _event_set(self):
    run = _run()
    at = run.now() if run is not None else 0.0
    if not self._flag:
        self.__dict__["_deadline_set_at"] = at
    self._flag = True


def _event_clear(self):
    self._flag = False
    self.__dict__.pop("_deadline_set_at", None)


def _event_is_set(self):
    if not self._flag:
        return False
    run = _run()
    at = self.__dict__.get("_deadline_set_at", 0.0)
    return run is None or at <= run.now()


def _event_wait(self, timeout=None):
    run = _run()
    now = run.now()
    line = _line()
    limit = state.INF if timeout is None else max(0.0, float(timeout))
    if self._flag:
        at = self.__dict__.get("_deadline_set_at", 0.0)
        if at <= now:
            return True
        if at - now <= limit:
            _wait(at - now, "Event.wait: until set()", line)
            return True
    else:
        _note_unseen("an Event")
    _wait(limit, "Event.wait" + ("" if timeout is None else f" (timeout={limit:g})"), line)
    return False


# ---- queues -------------------------------------------------------------------------------------


class _Timeline:
    """A queue's items: [put at, order key, sequence, item, taken at]."""

    def __init__(self, kind):
        self.kind = kind
        self.items = []
        self.sequence = 0
        self.done = []  # task_done() times
        self.puts = 0

    def key(self, item, at):
        self.sequence += 1
        if self.kind == "lifo":
            return (-at, -self.sequence)
        if self.kind == "priority":
            return (item, self.sequence)
        return (at, self.sequence)

    def waiting(self):
        return [e for e in self.items if e[4] is None]


def _timeline(q):
    line = q.__dict__.get("_deadline_timeline")
    if line is None:
        kind = "priority" if isinstance(q, _queue.PriorityQueue) else "lifo" if isinstance(q, _queue.LifoQueue) else "fifo"
        line = q.__dict__["_deadline_timeline"] = _Timeline(kind)
    return line


def _queue_put(self, item, block=True, timeout=None):
    run = _run()
    line = _timeline(self)
    now = run.now() if run is not None else 0.0
    maxsize = getattr(self, "maxsize", 0)
    if maxsize and maxsize > 0 and len([e for e in line.waiting() if e[0] <= now]) >= maxsize:
        # a getter that frees a slot later would have to have run already to be seen here
        taken = sorted(e[4] for e in line.items if e[4] is not None and e[4] > now)
        at = taken[0] if taken else state.INF
        limit = state.INF if timeout is None else max(0.0, float(timeout))
        if not block or at - now > limit:
            if block:
                if at == state.INF:
                    _note_unseen("a full queue")
                _wait(limit, "Queue.put: the queue is full", _line())
            raise _queue.Full
        _wait(at - now, "Queue.put: waiting for room", _line())
        now = at
    line.items.append([now, line.key(item, now), line.sequence, item, None])
    line.puts += 1


def _queue_get(self, block=True, timeout=None):
    run = _run()
    line = _timeline(self)
    now = run.now() if run is not None else 0.0
    waiting = line.waiting()
    here = [e for e in waiting if e[0] <= now]
    if here:
        entry = min(here, key=lambda e: e[1])
    else:
        if not block:
            raise _queue.Empty
        if timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        limit = state.INF if timeout is None else float(timeout)
        future = [e for e in waiting if e[0] > now]
        first = min(future, key=lambda e: (e[0], e[1])) if future else None
        if first is None or first[0] - now > limit:
            if first is None:
                _note_unseen("a queue")
            _wait(limit, "Queue.get: the queue is empty" + ("" if timeout is None else f" (timeout={limit:g})"), _line())
            raise _queue.Empty
        _wait(first[0] - now, "Queue.get: waiting for an item", _line())
        now = first[0]
        entry = min((e for e in waiting if e[0] <= now), key=lambda e: e[1])
    entry[4] = now
    return entry[3]


def _queue_put_nowait(self, item):
    return self.put(item, block=False)


def _queue_get_nowait(self):
    return self.get(block=False)


def _queue_qsize(self):
    run = _run()
    now = run.now() if run is not None else 0.0
    return len([e for e in _timeline(self).waiting() if e[0] <= now])


def _queue_empty(self):
    return self.qsize() == 0


def _queue_full(self):
    maxsize = getattr(self, "maxsize", 0)
    return 0 < maxsize <= self.qsize()


def _queue_task_done(self):
    line = _timeline(self)
    if len(line.done) >= line.puts:
        raise ValueError("task_done() called too many times")
    run = _run()
    line.done.append(run.now() if run is not None else 0.0)


def _queue_join(self):
    run = _run()
    line = _timeline(self)
    now = run.now()
    if len(line.done) >= line.puts:
        last = max(line.done) if line.done else now
        _wait(max(0.0, last - now), "Queue.join: until every item is done", _line())
        return
    _note_unseen("Queue.join")
    _wait(state.INF, "Queue.join: items not yet marked task_done()", _line())


class SimpleQueue:
    """queue.SimpleQueue: unbounded FIFO, no task tracking."""

    maxsize = 0
    put = _queue_put
    get = _queue_get
    put_nowait = _queue_put_nowait
    get_nowait = _queue_get_nowait
    qsize = _queue_qsize
    empty = _queue_empty


def install(patches):
    patches.set(threading, "Lock", Lock)
    patches.set(threading, "RLock", RLock)
    patches.set(threading, "Condition", Condition)
    patches.set(threading.Event, "set", _event_set)
    patches.set(threading.Event, "clear", _event_clear)
    patches.set(threading.Event, "is_set", _event_is_set)
    patches.set(threading.Event, "wait", _event_wait)
    cls = _queue.Queue
    patches.set(cls, "put", _queue_put)
    patches.set(cls, "get", _queue_get)
    patches.set(cls, "put_nowait", _queue_put_nowait)
    patches.set(cls, "get_nowait", _queue_get_nowait)
    patches.set(cls, "qsize", _queue_qsize)
    patches.set(cls, "empty", _queue_empty)
    # queue.SimpleQueue is a C type whose methods cannot be replaced: the name is
    patches.set(_queue, "SimpleQueue", SimpleQueue)
    patches.set(_queue.Queue, "full", _queue_full)
    patches.set(_queue.Queue, "task_done", _queue_task_done)
    patches.set(_queue.Queue, "join", _queue_join)

