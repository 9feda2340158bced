"""Stops runaway code from inside the worker.

The interpreter polls Pyodide's interrupt buffer every few dozen bytecodes on backward jumps and
calls. The engine installs a buffer whose read consults the real clock and raises GUARD_SIGNAL
about every 5 ms of real time, so this handler runs in the frame that is executing, at almost no
cost to the code being measured (a sys.monitoring callback on every jump would slow a tight
loop 3-5x, and the virtual clock charges CPU at its real cost).

Each tick: samples the user's line (for CPU spans), stops the run when CPU work has carried it
past the deadline or the CPU limit, stops code that has kept the CPU busy without waiting for
longer than the real-time guard (a loop of many short sleeps waits all the time, so it is not a
runaway however long it takes), and stops a run that has used up the real-time budget.
Code that swallows the stop (`except BaseException`) and keeps going gets the stop again on every
tick, and after a few ticks on every line it executes (sys.monitoring), until it lets go.
"""

import signal
import sys

from . import state

GUARD_SIGNAL = int(signal.SIGUSR1)
ESCALATE_AFTER_TICKS = 3

_previous_handler = None


def _on_tick(signum, frame):
    run = state.current
    if run is None or not run.armed:
        return
    line = run.user_line(frame)
    if line is None:
        # No user code on the stack: the runner itself is running.
        return
    run.sample(line)
    if run.alarm_at is not None and not run.thread_depth and run.now() >= run.alarm_at:
        _deliver_alarm(frame)
    if run.interrupts and not run.thread_depth and run.stop is None:
        run.deliver_due_interrupts(frame)
    if run.stop is not None:
        run.stopped_ticks += 1
        if run.stopped_ticks >= ESCALATE_AFTER_TICKS and run.monitoring_tool is None:
            _escalate(run)
        raise state.SimulatorStop(run.stop["kind"])
    real = state._perf()
    if real - run.last_wait_real > run.real_guard and not getattr(run, "_uncharged_depth", 0):
        run.trigger("runaway", line)
    if run.real_budget is not None and real - run.real_start > run.real_budget:
        run.trigger("budget", line)
    run.check_limits(line)


def _escalate(run):
    monitoring = sys.monitoring
    for tool in (4, 3):
        if monitoring.get_tool(tool) is None:
            break
    else:
        return
    monitoring.use_tool_id(tool, "deadline-simulator")
    filename = run.filename
    disable = monitoring.DISABLE

    def on_event(code, *args):
        if code.co_filename != filename:
            return disable
        raise state.SimulatorStop(run.stop["kind"] if run.stop else "runaway")

    events = monitoring.events
    for event in (events.LINE, events.JUMP, events.PY_START):
        monitoring.register_callback(tool, event, on_event)
    monitoring.set_events(tool, events.LINE | events.JUMP | events.PY_START)
    run.monitoring_tool = tool


def stop_monitoring(run):
    tool = run.monitoring_tool
    if tool is None:
        return
    monitoring = sys.monitoring
    monitoring.set_events(tool, 0)
    for event in (monitoring.events.LINE, monitoring.events.JUMP, monitoring.events.PY_START):
        monitoring.register_callback(tool, event, None)
    monitoring.free_tool_id(tool)
    monitoring.restart_events()
    run.monitoring_tool = None


# ---- signal.alarm / setitimer on the virtual clock ------------------------------------------
# Pyodide has neither, yet a SIGALRM handler that raises is how many Python handlers put a
# timeout around work. The alarm fires in virtual time: inside a wait it interrupts the wait;
# during CPU work the next tick delivers it, in the frame that is running.

_real_signal = signal.signal
_real_getsignal = signal.getsignal
_user_handlers = {}


def _deliver_alarm(frame):
    run = state.current
    run.alarm_at = run.alarm_at + run.alarm_interval if run.alarm_interval else None
    handler = _real_getsignal(signal.SIGALRM)
    if handler in (signal.SIG_IGN, None):
        return
    if handler == signal.SIG_DFL:
        run.error = {
            "type": "SIGALRM",
            "message": "Alarm clock: the process was killed by SIGALRM (no handler installed)",
            "line": run.user_line(frame),
        }
        raise state.ProcessKilled()
    handler(signal.SIGALRM, frame)


def _check_which(which):
    if which != signal.ITIMER_REAL:
        raise OSError("only ITIMER_REAL is simulated")


def _remaining():
    run = state.current
    return 0.0 if run.alarm_at is None else max(0.0, run.alarm_at - run.now())


def alarm(seconds):
    seconds = int(seconds)
    if seconds < 0:
        raise OverflowError("signal number out of range")
    previous = _remaining()
    run = state.current
    run.alarm_at = run.now() + seconds if seconds else None
    run.alarm_interval = 0.0
    # alarm() reports what was left of the previous one in whole seconds, rounded.
    return int(previous + 0.5) if previous else 0


def setitimer(which, seconds, interval=0.0):
    _check_which(which)
    run = state.current
    previous = (_remaining(), run.alarm_interval)
    run.alarm_at = run.now() + seconds if seconds > 0 else None
    run.alarm_interval = float(interval) if seconds > 0 else 0.0
    return previous


def getitimer(which):
    _check_which(which)
    return (_remaining(), state.current.alarm_interval)


def _signal(signalnum, handler):
    # The guard's signal is the simulator's: a handler the user sets for it is kept aside.
    if signalnum == GUARD_SIGNAL:
        previous = _user_handlers.get(signalnum, signal.SIG_DFL)
        _user_handlers[signalnum] = handler
        return previous
    return _real_signal(signalnum, handler)


def _getsignal(signalnum):
    if signalnum == GUARD_SIGNAL:
        return _user_handlers.get(signalnum, signal.SIG_DFL)
    return _real_getsignal(signalnum)


def install(patches):
    previous = _real_signal(GUARD_SIGNAL, _on_tick)
    patches.on_restore(lambda: _real_signal(GUARD_SIGNAL, previous))
    for signum in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT):
        handler = _real_getsignal(signum)
        patches.on_restore(lambda signum=signum, handler=handler: _real_signal(signum, handler))
    patches.on_restore(_user_handlers.clear)
    state.current.alarm_handler = _deliver_alarm
    patches.set(signal, "signal", _signal)
    patches.set(signal, "getsignal", _getsignal)
    patches.set(signal, "alarm", alarm)
    patches.set(signal, "setitimer", setitimer)
    patches.set(signal, "getitimer", getitimer)
    for name, value in (("ITIMER_REAL", 0), ("ITIMER_VIRTUAL", 1), ("ITIMER_PROF", 2), ("ItimerError", OSError)):
        if not hasattr(signal, name):
            patches.set(signal, name, value)
