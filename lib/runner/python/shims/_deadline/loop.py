"""asyncio on virtual time.

VirtualEventLoop is asyncio's own BaseEventLoop with two changes: loop.time() reads the virtual
clock, and the "selector" that a real loop blocks in while nothing is ready advances the virtual
clock to the next timer instead of waiting. Everything else (tasks, gather, wait_for,
asyncio.timeout, cancellation) is CPython's code, so its semantics are CPython's. A blocking
time.sleep inside a coroutine moves the shared clock while the loop is not looking, so overdue
timers fire late, exactly as on CPython.
"""

import asyncio
import asyncio.base_events as base_events
import asyncio.events as events
import asyncio.futures as futures
import asyncio.runners as runners
import asyncio.tasks as tasks
import asyncio.timeouts as timeouts
import contextvars
import functools
import inspect
import sys

from . import state, threads


class _VirtualSelector:
    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout=None):
        self._loop._virtual_wait(timeout)
        return []

    def close(self):
        pass

    def get_map(self):
        return {}


def _deliver(future, ok, value):
    if future.cancelled():
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class VirtualEventLoop(base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._selector = _VirtualSelector(self)
        # Timers fire at their exact virtual time, not "within the clock's resolution".
        self._clock_resolution = 1e-9
        self._deadline_main = None
        self._deadline_pool = None
        state.current.loops.append(self)

    def time(self):
        return state.current.monotonic()

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def _virtual_wait(self, timeout):
        run = state.current
        if run.stop is not None:
            raise state.SimulatorStop(run.stop["kind"])
        if timeout == 0:
            return
        line = self._awaiting_line()
        run.event_boundary(line)
        try:
            run.wait(state.INF if timeout is None else timeout, line)
        finally:
            run.after_event()

    def _awaiting_line(self):
        """The user's line the loop's main task is suspended at: where the handler "is" while
        nothing runs. Falls back to the user frame that started the loop (asyncio.run(...))."""
        run = state.current
        line = awaiting_line(self._deadline_main, run.filename)
        if line is None:
            line = run.user_line(sys._getframe(1))
        return line

    def run_until_complete(self, future):
        run = state.current
        # After the deadline no user code may run again, not even the cancellation that
        # asyncio.run() does on its way out.
        run.raise_if_stopped()
        new_task = not futures.isfuture(future)
        task = tasks.ensure_future(future, loop=self)
        if new_task:
            task._log_destroy_pending = False
        previous = self._deadline_main
        self._deadline_main = task
        try:
            return super().run_until_complete(task)
        except BaseException:
            if new_task and task.done() and not task.cancelled():
                task.exception()
            raise
        finally:
            self._deadline_main = previous

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        pool = getattr(executor, "_deadline_pool", None)
        if pool is None:
            if self._deadline_pool is None:
                self._deadline_pool = threads.VirtualPool(None)
            pool = self._deadline_pool
        run = state.current
        line = self.__dict__.pop("_deadline_next_line", None) or run.caller_line() or self._awaiting_line()
        future = self.create_future()
        end, ok, value = pool.run(func, args, {}, f"thread: {threads.describe(func)}", line)
        if end != state.INF:
            self.call_at(state.MONOTONIC_ORIGIN + end, _deliver, future, ok, value)
        return future

    def shutdown_default_executor(self, timeout=None):
        return _done_coroutine()


async def _done_coroutine():
    return None


def awaiting_line(obj, filename):
    best = None
    hops = 0
    while obj is not None and hops < 256:
        hops += 1
        if not isinstance(obj, asyncio.Task):
            break
        line = _coroutine_line(obj.get_coro(), filename)
        if line is not None:
            best = line
        obj = getattr(obj, "_fut_waiter", None)
    return best


def _coroutine_line(coro, filename):
    best = None
    hops = 0
    while coro is not None and hops < 256:
        hops += 1
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None) or getattr(coro, "ag_frame", None)
        if frame is not None and frame.f_code.co_filename == filename:
            best = frame.f_lineno
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None) or getattr(coro, "ag_await", None)
    return best


_AbstractPolicy = getattr(events, "_AbstractEventLoopPolicy", None) or events.AbstractEventLoopPolicy


class VirtualPolicy(_AbstractPolicy):
    """Every loop the user can get is virtual. get_event_loop() creates one on first use outside
    a running loop, as CPython 3.11 does in the main thread (3.14 would raise instead)."""

    def __init__(self):
        self._loop = None
        self._set_called = False

    def get_event_loop(self):
        if self._loop is None and not self._set_called:
            self.set_event_loop(self.new_event_loop())
        if self._loop is None:
            raise RuntimeError("There is no current event loop in thread 'MainThread'.")
        return self._loop

    def set_event_loop(self, loop):
        self._set_called = True
        self._loop = loop

    def new_event_loop(self):
        return VirtualEventLoop()


_original_sleep = tasks.sleep


def sleep(delay, result=None):
    # A plain function returning the coroutine, so the span gets the line that called
    # asyncio.sleep() even when gather() or create_task() starts the coroutine later.
    run = state.current
    return _sleep(delay, result, run.caller_line() if run is not None else None)


inspect.markcoroutinefunction(sleep)


async def _sleep(delay, result, line):
    run = state.current
    if delay <= 0:
        return await _original_sleep(delay, result)
    span = run.open_span("sleep", run.event_boundary(line), line, f"asyncio.sleep({delay:g})")
    try:
        return await _original_sleep(delay, result)
    finally:
        if span["end"] is None and run.stop is None:
            span["end"] = run.now()


# "coroutine 'sleep' was never awaited", as the user would see it from CPython.
_sleep.__name__ = _sleep.__qualname__ = "sleep"


def to_thread(func, /, *args, **kwargs):
    # Like sleep(): the line is taken when to_thread() is called, not when a task starts it.
    run = state.current
    return _to_thread(func, args, kwargs, run.caller_line() if run is not None else None)


inspect.markcoroutinefunction(to_thread)


async def _to_thread(func, args, kwargs, line):
    loop = events.get_running_loop()
    call = functools.partial(contextvars.copy_context().run, func, *args, **kwargs)
    loop._deadline_next_line = line
    return await loop.run_in_executor(None, call)


_to_thread.__name__ = _to_thread.__qualname__ = "to_thread"


_original_reschedule = timeouts.Timeout.reschedule
_original_on_timeout = timeouts.Timeout._on_timeout


def _reschedule(self, when):
    run = state.current
    if when is not None and run is not None:
        self._deadline_armed = (run.now(), run.caller_line())
    return _original_reschedule(self, when)


def _on_timeout(self):
    run = state.current
    armed = getattr(self, "_deadline_armed", None)
    if run is not None and armed is not None:
        run.add_span({
            "kind": "timer", "start": armed[0], "end": run.now(), "line": armed[1],
            "label": "timeout fired (asyncio.timeout / wait_for)",
        })
    return _original_on_timeout(self)


def install(patches):
    patches.set(events, "_event_loop_policy", VirtualPolicy())
    running = events._get_running_loop()
    if running is not None:
        events._set_running_loop(None)
        patches.on_restore(lambda: events._set_running_loop(running))
    # Pyodide replaces asyncio.run with a version that defers to its browser loop.
    patches.set(asyncio, "run", runners.run)
    patches.set(asyncio, "sleep", sleep)
    patches.set(tasks, "sleep", sleep)
    patches.set(asyncio, "to_thread", to_thread)
    patches.set(timeouts.Timeout, "reschedule", _reschedule)
    patches.set(timeouts.Timeout, "_on_timeout", _on_timeout)
    # A loop class constructed directly would block in a real selector.
    for name in ("SelectorEventLoop", "EventLoop"):
        if hasattr(asyncio, name):
            patches.set(asyncio, name, VirtualEventLoop)


def close_loops(run):
    """Drops every task a run left behind without running more user code, and closes its loops."""
    for loop in run.loops:
        try:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        except Exception:
            pending = []
        for task in pending:
            task._log_destroy_pending = False
            try:
                task.get_coro().close()
            except BaseException:
                pass
        loop._ready.clear()
        loop._scheduled.clear()
        try:
            if not loop.is_running():
                loop.close()
        except BaseException:
            pass
    run.loops = []
