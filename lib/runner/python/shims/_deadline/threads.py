"""Threads, modelled as work that overlaps in virtual time.

Pyodide cannot start threads. Work handed to a thread (asyncio.to_thread, loop.run_in_executor,
concurrent.futures.ThreadPoolExecutor, threading.Thread) runs to completion at once, on its own
virtual clock that starts when a worker would pick it up; whoever waits for it (await, result(),
join()) waits in virtual time until it would have ended. A pool has CPython's default size,
min(32, cpus + 4), and queues work beyond that, so batches cost what they cost on CPython.
"""

import concurrent.futures as cf
import concurrent.futures._base as cf_base
import functools
import os
import sys
import threading

from . import state

# What os.cpu_count() says inside the simulated handler. Pyodide reports 1; the platforms this
# simulator models give a handler at least 2.
SIMULATED_CPUS = 2


def default_workers():
    return min(32, SIMULATED_CPUS + 4)


def describe(fn):
    if isinstance(fn, functools.partial):
        # asyncio.to_thread submits partial(contextvars_copy.run, func, *args).
        if getattr(fn.func, "__name__", None) == "run" and fn.args and callable(fn.args[0]):
            return describe(fn.args[0])
        return describe(fn.func)
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__name__


class VirtualPool:
    def __init__(self, max_workers):
        workers = default_workers() if max_workers is None else max_workers
        self.free_at = [-state.INF] * workers

    def run(self, fn, args, kwargs, label, line):
        run = state.current
        submitted = run.now()
        slot = min(range(len(self.free_at)), key=self.free_at.__getitem__)
        start = max(submitted, self.free_at[slot])
        end, ok, value = run.run_thread(start, fn, args, kwargs, label, line)
        self.free_at[slot] = end
        return end, ok, value


def _wait_until(done_at, timeout, line):
    """Waits on the caller's clock until done_at; False when `timeout` ran out first."""
    run = state.current
    now = run.now()
    if done_at <= now:
        return True
    if timeout is not None and now + timeout < done_at:
        run.timed_wait("timer", max(timeout, 0), line, "waiting for a thread (timed out)")
        return False
    run.timed_wait("timer", done_at - now, line, "waiting for a thread")
    return True


def _done_at(future):
    done_at = getattr(future, "_deadline_done_at", None)
    if done_at is None:
        return state.current.now() if future._state in (cf_base.FINISHED, cf_base.CANCELLED, cf_base.CANCELLED_AND_NOTIFIED) else state.INF
    return done_at


_original_result = cf.Future.result
_original_exception = cf.Future.exception
_original_done = cf.Future.done
_original_running = cf.Future.running


def _future_result(self, timeout=None):
    if not _wait_until(_done_at(self), timeout, state.current.caller_line()):
        raise TimeoutError()
    return _original_result(self, 0)


def _future_exception(self, timeout=None):
    if not _wait_until(_done_at(self), timeout, state.current.caller_line()):
        raise TimeoutError()
    return _original_exception(self, 0)


def _future_done(self):
    done_at = getattr(self, "_deadline_done_at", None)
    if done_at is not None and state.current.now() < done_at:
        return False
    return _original_done(self)


def _future_running(self):
    done_at = getattr(self, "_deadline_done_at", None)
    if done_at is not None:
        return state.current.now() < done_at
    return _original_running(self)


class ThreadPoolExecutor(cf_base.Executor):
    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        if max_workers is not None and max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers or default_workers()
        self._deadline_pool = VirtualPool(self._max_workers)
        self._thread_name_prefix = thread_name_prefix or f"ThreadPoolExecutor-{id(self) & 0xffff}"
        self._shutdown = False
        self._submitted = []
        self._initializer = initializer
        self._initargs = initargs
        self._count = 0

    def submit(self, fn, /, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        run = state.current
        line = run.caller_line()
        self._count += 1
        label = f"{self._thread_name_prefix}_{(self._count - 1) % self._max_workers}: {describe(fn)}"
        work = fn
        if self._initializer is not None:
            initializer, initargs = self._initializer, self._initargs

            def work(*a, **k):
                initializer(*initargs)
                return fn(*a, **k)

        end, ok, value = self._deadline_pool.run(work, args, kwargs, label, line)
        future = cf.Future()
        future._deadline_done_at = end
        if end != state.INF:
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self._submitted.append(future)
        return future

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if wait and self._submitted:
            last = max(_done_at(f) for f in self._submitted)
            _wait_until(last, None, state.current.caller_line())


def as_completed(fs, timeout=None):
    run = state.current
    fs = list(dict.fromkeys(fs))
    total = len(fs)
    started = run.now()
    ordered = sorted(fs, key=_done_at)
    for index, future in enumerate(ordered):
        remaining = None if timeout is None else started + timeout - run.now()
        if not _wait_until(_done_at(future), remaining, run.caller_line()):
            raise TimeoutError(f"{total - index} (of {total}) futures unfinished")
        yield future


def wait(fs, timeout=None, return_when=cf.ALL_COMPLETED):
    run = state.current
    fs = set(fs)
    if not fs:
        return cf_base.DoneAndNotDoneFutures(set(), set())
    times = {f: _done_at(f) for f in fs}
    if return_when == cf.FIRST_COMPLETED:
        target = min(times.values())
    elif return_when == cf.FIRST_EXCEPTION:
        failing = [t for f, t in times.items() if t != state.INF and f._exception is not None]
        target = min(failing) if failing else max(times.values())
    else:
        target = max(times.values())
    _wait_until(target, timeout, run.caller_line())
    now = run.now()
    done = {f for f, t in times.items() if t <= now}
    return cf_base.DoneAndNotDoneFutures(done, fs - done)


def _thread_start(self):
    if getattr(self, "_deadline_end", None) is not None:
        raise RuntimeError("threads can only be started once")
    run = state.current
    line = run.caller_line()

    def body():
        try:
            self.run()
        except (state.SimulatorStop, state.ThreadCutoff):
            raise
        except BaseException:
            exc_type, exc_value, exc_tb = sys.exc_info()
            threading.excepthook(threading.ExceptHookArgs((exc_type, exc_value, exc_tb, self)))

    end, _ok, _value = run.run_thread(run.now(), body, (), {}, f"thread: {self.name}", line)
    self._deadline_end = end


def _thread_join(self, timeout=None):
    end = getattr(self, "_deadline_end", None)
    if end is None:
        raise RuntimeError("cannot join thread before it is started")
    _wait_until(end, timeout, state.current.caller_line())


def _thread_is_alive(self):
    end = getattr(self, "_deadline_end", None)
    return end is not None and state.current.now() < end


def install(patches):
    patches.set(cf, "ThreadPoolExecutor", ThreadPoolExecutor)
    patches.set(cf, "as_completed", as_completed)
    patches.set(cf, "wait", wait)
    patches.set(cf.Future, "result", _future_result)
    patches.set(cf.Future, "exception", _future_exception)
    patches.set(cf.Future, "done", _future_done)
    patches.set(cf.Future, "running", _future_running)
    patches.set(threading.Thread, "start", _thread_start)
    patches.set(threading.Thread, "join", _thread_join)
    patches.set(threading.Thread, "is_alive", _thread_is_alive)
    patches.set(os, "cpu_count", lambda: SIMULATED_CPUS)
