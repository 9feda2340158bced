"""One simulated run: its virtual clock, its limits, its timeline and how it stopped.

Virtual now = the sum of every virtual wait (time.sleep, an idle event loop, a network call) plus
the real time spent executing since the run started. Waits cost no real time; CPU work costs
exactly what it costs. Every shim reads the run through `current`, so nothing outlives a run.
"""

import contextvars
import json
import math
import sys
import time as _time

# Captured before any patch: the real clocks.
_perf = _time.perf_counter
_wall = _time.time

INF = math.inf

# time.monotonic()/perf_counter()/loop.time() start here instead of at the machine's uptime. A
# whole number keeps aiohttp's rounding of timeouts up to whole seconds of loop.time() the same
# from run to run.
MONOTONIC_ORIGIN = 1000.0

# CPU stretches shorter than this are not worth a timeline span.
CPU_SPAN_MIN = 0.001

# A loop of short sleeps could make the timeline huge; past this many spans they are counted.
MAX_SPANS = 2000

current = None

# Which of several simultaneous requests the running code serves (serving.py): 1-based, None when
# the run serves one. A context variable, so each request's asyncio tasks (and the threads they
# hand work to) carry their own; every span opened meanwhile is labelled "[request N] ...".
REQUEST = contextvars.ContextVar("deadline_request", default=None)


class SimulatorStop(BaseException):
    """Ends the user's code when a limit is reached.

    A BaseException, like asyncio.CancelledError, so `except Exception` in user code cannot
    swallow it. What stopped the run is recorded on the Run before this is raised, so the
    verdict does not depend on what user code does with the exception afterwards.
    """


class WorkerExit(BaseException):
    """On a deployed RunPod worker, runpod.serverless.start() never returns: the job loop runs
    until the worker is killed. Raised after the job so module code after start() does not run."""


class ThreadCutoff(BaseException):
    """Work on a simulated thread would finish after the deadline; nobody can observe the rest."""


class ProcessKilled(BaseException):
    """The simulated process died (SIGALRM with no handler): run.error says how."""


class ThreadRun:
    """One piece of work run on a simulated thread: when it started and, once done, when it ended
    on its own clock."""

    __slots__ = ("label", "started_at", "ended_at")

    def __init__(self, label, started_at):
        self.label = label
        self.started_at = started_at
        self.ended_at = None


class _Uncharged:
    __slots__ = ("run", "started")

    def __init__(self, run):
        self.run = run
        self.started = None

    def __enter__(self):
        run = self.run
        run._uncharged_depth = getattr(run, "_uncharged_depth", 0) + 1
        if run._uncharged_depth == 1:
            self.started = _perf()
        return self

    def __exit__(self, *exc):
        run = self.run
        run._uncharged_depth -= 1
        if self.started is not None:
            spent = _perf() - self.started
            # Both clocks start later by what was spent: virtual now and cpu() stand still. So does
            # the runaway guard's: a cold engine's first Flask import is the simulator's work, not
            # the handler keeping the CPU busy.
            run._anchor_real += spent
            run.real_start += spent
            run.last_wait_real += spent
        return False


def _round(value):
    return round(value, 6)


class Run:
    def __init__(self, *, filename, clock, timeout, counts_init, init_timeout, real_guard, event, bridge, real_budget=None, started_at=None):
        self.filename = filename
        # The host's start of the run (seconds since the epoch), when it gives one: time.time() then
        # agrees with the platform's log lines, which are stamped from the same moment.
        self.started_at = started_at
        self.clock_kind = clock
        self.counts_init = counts_init
        self.init_timeout = init_timeout
        self.real_guard = real_guard
        # Real seconds the whole run may take before the simulator gives up on it (None: no limit).
        self.real_budget = real_budget
        self.event = event
        self.bridge = bridge
        # A platform with no limit unless the code sets one (Celery) sends no timeout: a runtime
        # stub sets run.timeout from the code's own setting before the handler starts.
        self.timeout = INF if timeout is None else float(timeout)
        self.epoch = _wall() if self.started_at is None else self.started_at
        self.real_start = _perf()
        self._anchor_real = self.real_start
        # Real time of the last wait (sleep, network, asyncio): the runaway guard measures CPU
        # spinning from here, so many short waits are never mistaken for a busy loop.
        self.last_wait_real = self.real_start
        self._anchor_virtual = 0.0

        self.phase = "init"
        self.base = 0.0
        self.cpu_base = 0.0
        self.init_end = None
        self.handler_start = None
        self.handler_end = None
        self.cpu_end = None
        self.handler_label = None
        # Where the platform's wall-clock deadline falls in virtual time, once known.
        self.deadline_at = self.timeout if counts_init and clock == "wall" else None
        if counts_init:
            self.wall_limit = self.timeout if clock == "wall" else INF
            self.cpu_limit = self.timeout if clock == "cpu" else INF
        else:
            self.wall_limit = INF if init_timeout is None else float(init_timeout)
            self.cpu_limit = INF

        self.spans = []
        self.spans_dropped = 0
        # Parts of the result the simulator cut to keep it small: part -> limit in characters.
        self.truncated = {}
        self.stop = None
        self.error = None
        self.outcome = None
        self.armed = False
        self.stopped_ticks = 0
        self.monitoring_tool = None

        self.thread_depth = 0
        self.thread_labels = []
        # The thread runs under way (innermost last): shims that hand out resources (a pool's
        # connection, a lock) note which run holds them and learn when its work ended.
        self.thread_runs = []
        self.cpu_mark = 0.0
        self.samples = {}

        self.loops = []
        self.runpod_started = False
        # Entry points registered while the module runs (entry.register), and what the result
        # rests on besides the code (result.notes).
        self.entries = []
        self.notes = []
        self._job_noted = False
        # Modules declared modelled by name (model.py), whether `*` models whatever else is
        # missing, and the handler's project (project.py), when the host sent one.
        self.model_names = ()
        self.models_everything = False
        self.project = None
        # The run's reversible patches, for shims that patch a module when it is first imported.
        self.patches = None
        self.output = None

        # signal.alarm / setitimer(ITIMER_REAL): virtual time of the next SIGALRM, and its period.
        self.alarm_at = None
        self.alarm_interval = 0.0
        self.alarm_handler = None
        # Interrupts a runtime stub schedules in virtual time (Celery's soft time limit raises
        # SoftTimeLimitExceeded in the running code): [at, fn(frame)] lists, delivered like the
        # alarm, inside a wait or on the guard's next tick.
        self.interrupts = []
        # Finishing after `timeout` is not a timeout when the limit only interrupts (a Celery task
        # whose only limit is the soft one, which it caught and went on from).
        self.overrun_ok = False
        # What the request said about the limit: whether it gave one (a limit in the code, such as
        # Modal's timeout=, applies only when it did not), and the text for a platform that has
        # none unless configured.
        self.timeout_given = True
        self.no_limit = None
        self.platform = None
        self.plan = None
        # Runtime stubs' argument and result types for plain functions (entry.adapt).
        self.adapters = []
        # For the platform's text: the entry's own name (a Celery task's, an Azure function's) and
        # which of its limits ended it ({"entryName", "limit", "limitText"}).
        self.platform_detail = {}
        # Simultaneous requests to serve (request.concurrency, servers only: serving.py) and, once
        # served, what each one got; None when the run serves one.
        self.concurrency = 1
        self.requests = None
        # The platform's limit does not end the handler (gthread: the worker keeps notifying the
        # arbiter), so the handler phase runs with no wall limit.
        self.unlimited_handler = False
        # A proxy's read timeout (deadlineBetweenReads: Cloudflare, nginx): the deadline counts to
        # the response's first byte, then restarts with every part the app sends. response_started
        # says the headers went out (a timeout after that truncates the body instead of a 504).
        self.between_reads = False
        self.response_started = False
        self.last_read_at = None

    def runpod_job(self):
        """The job a RunPod worker is handed: {"id", "input"}. An event that already is a job
        (test_input.json holds {"input": ...}, optionally with an id) is used as it is, as
        runpod-python's local runner uses test_input.json (rp_local.run_local, 1.x)."""
        event = self.event
        if isinstance(event, dict) and "input" in event and set(event) <= {"input", "id"}:
            if not self._job_noted:
                self._job_noted = True
                self.notes.append({
                    "kind": "event",
                    "text": "the event already has RunPod's job shape ({\"input\": ...}, as in test_input.json), so it was used as the job rather than wrapped in another {\"input\": ...}",
                })
            return {"id": str(event.get("id") or self.request_id), "input": event["input"]}
        return {"id": self.request_id, "input": event}

    # ---- clocks ---------------------------------------------------------------------------

    def restart_clock(self):
        """Zero on every clock: called when the user's code starts, so the simulator's own setup
        (the import scan, installing patches) is not counted as the handler's init."""
        self.real_start = self._anchor_real = _perf()
        self._anchor_virtual = 0.0
        self.cpu_mark = 0.0
        self.epoch = _wall() if self.started_at is None else self.started_at

    def uncharged(self):
        """A context in which real time passes without reaching any clock of the run: the
        simulator's own work done on the handler's behalf the first time an engine needs it
        (compiling a stub, importing the standard library a stub uses). Nested uses count once."""
        return _Uncharged(self)

    def now(self):
        """Virtual seconds since the run started (on the current thread's clock)."""
        return self._anchor_virtual + (_perf() - self._anchor_real)

    def set_now(self, value):
        self._anchor_virtual = value
        self._anchor_real = _perf()

    def cpu(self):
        """Real seconds spent executing since the run started: what a CPU-time limit counts."""
        return _perf() - self.real_start

    def monotonic(self):
        return MONOTONIC_ORIGIN + self.now()

    def wall_time(self):
        return self.epoch + self.now()

    def platform_elapsed(self, at=None):
        """Seconds on the platform's own clock since its limit started counting."""
        if self.clock_kind == "cpu":
            return (self.cpu() if self.cpu_end is None else self.cpu_end) - self.cpu_base
        return (self.now() if at is None else at) - self.base

    # ---- lines ----------------------------------------------------------------------------

    def user_line(self, frame):
        """Line of the innermost frame of the user's file on this stack, or None."""
        filename = self.filename
        while frame is not None:
            if frame.f_code.co_filename == filename:
                return frame.f_lineno
            frame = frame.f_back
        return None

    def caller_line(self, depth=2):
        return self.user_line(sys._getframe(depth))

    def line_from_traceback(self, tb):
        line = None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self.filename:
                line = tb.tb_lineno
            tb = tb.tb_next
        return line

    # ---- timeline -------------------------------------------------------------------------

    def add_span(self, span):
        index = REQUEST.get()
        if index is not None and span.get("label") is not None:
            span["label"] = f"[request {index}] {span['label']}"
        if len(self.spans) < MAX_SPANS:
            self.spans.append(span)
        else:
            self.spans_dropped += 1
        return span

    def open_span(self, kind, start, line, label, **extra):
        if self.thread_labels:
            label = f"[{self.thread_labels[-1]}] {label}"
        span = {"kind": kind, "start": start, "end": None, "line": line, "label": label}
        span.update(extra)
        return self.add_span(span)

    def event_boundary(self, line):
        """Closes the CPU stretch that ran since the last wait, as a span when it is long enough.
        Returns now, where the wait that follows starts."""
        self.last_wait_real = _perf()
        now = self.now()
        if self.thread_depth:
            return now
        if now - self.cpu_mark > CPU_SPAN_MIN:
            sampled = max(self.samples, key=self.samples.get) if self.samples else None
            self.add_span({
                "kind": "cpu", "start": self.cpu_mark, "end": now,
                "line": sampled if sampled is not None else line, "label": "cpu",
            })
        self.samples = {}
        self.cpu_mark = now
        return now

    def after_event(self):
        self.last_wait_real = _perf()
        if not self.thread_depth:
            self.cpu_mark = self.now()
            self.samples = {}

    def sample(self, line):
        if not self.thread_depth:
            self.samples[line] = self.samples.get(line, 0) + 1

    def export_spans(self, final):
        out = []
        for span in self.spans:
            end = span["end"]
            if end is None or end > final:
                end = max(span["start"], min(final, end if end is not None else final))
            item = {"kind": span["kind"], "start": _round(span["start"]), "end": _round(end)}
            if span.get("line") is not None:
                item["line"] = span["line"]
            if span.get("label"):
                item["label"] = span["label"]
            if "host" in span:
                item["host"] = span["host"]
                item["latency"] = span["latency"]
            for key in ("status", "answer", "cost"):
                if span.get(key) is not None:
                    item[key] = span[key]
            out.append(item)
        out.sort(key=lambda s: (s["start"], 0 if s["kind"] in ("init", "handler") else 1))
        if self.spans_dropped:
            out.append({
                "kind": "cpu", "start": _round(final), "end": _round(final),
                "label": f"{self.spans_dropped} more spans not shown",
            })
        return out

    # ---- limits ---------------------------------------------------------------------------

    def _limit_kind(self):
        if self.phase == "init" and not self.counts_init:
            return "init-limit"
        return "deadline"

    def trigger(self, kind, line, at=None):
        """Records why the run stops (the first reason wins) and raises the stop."""
        if self.stop is None:
            self.stop = {"kind": kind, "line": line, "at": self.now() if at is None else at, "phase": self.phase}
            # The platform has killed the process: nothing it prints from here on reaches a log.
            if self.output is not None:
                self.output.discard = True
        raise SimulatorStop(kind)

    def raise_if_stopped(self):
        if self.stop is not None:
            raise SimulatorStop(self.stop["kind"])

    def check_limits(self, line):
        """Raises the stop when CPU work has carried the run past a limit."""
        if self.stop is not None:
            raise SimulatorStop(self.stop["kind"])
        if self.now() > self.wall_limit:
            self.set_now(self.wall_limit)
            if self.thread_depth:
                raise ThreadCutoff()
            self.trigger(self._limit_kind(), line, self.wall_limit)
        if self.cpu() > self.cpu_limit:
            self.trigger(self._limit_kind(), line)

    def wait(self, seconds, line):
        """Moves the virtual clock forward by `seconds`; a wait that crosses the limit stops there."""
        if self.stop is not None:
            raise SimulatorStop(self.stop["kind"])
        if self.cpu() > self.cpu_limit:
            self.trigger(self._limit_kind(), line)
        while not self.thread_depth:
            at, deliver = self._next_interrupt()
            if at is None or self.now() + seconds < at or at > self.wall_limit:
                break
            # SIGALRM interrupts the wait. If its handler returns, the wait resumes for the rest
            # of its time, as time.sleep does since PEP 475; if it raises, so does the wait.
            step = max(0.0, at - self.now())
            self._anchor_virtual += step
            seconds -= step
            deliver(sys._getframe(1))
        end = self.now() + seconds
        if end > self.wall_limit:
            self.set_now(self.wall_limit)
            if self.thread_depth:
                raise ThreadCutoff()
            self.trigger(self._limit_kind(), line, self.wall_limit)
        if seconds == INF:
            # Waiting forever with no limit to stop it: nothing will ever wake this code up.
            self.trigger("hang", line)
        self._anchor_virtual += seconds

    def _next_interrupt(self):
        """(at, deliver(frame)) of the earliest pending alarm or interrupt, or (None, None)."""
        at, deliver = self.alarm_at, self.alarm_handler
        for item in self.interrupts:
            if at is None or item[0] < at:
                at, deliver = item[0], self._interrupt_delivery(item)
        return at, deliver

    def _interrupt_delivery(self, item):
        def deliver(frame):
            if item in self.interrupts:
                self.interrupts.remove(item)
            item[1](frame)

        return deliver

    def add_interrupt(self, at, fn):
        """Calls fn(frame) at virtual time `at`, in the frame running then (an exception it raises
        is raised there). Returns a handle for cancel_interrupt."""
        item = [float(at), fn]
        self.interrupts.append(item)
        return item

    def cancel_interrupt(self, item):
        if item in self.interrupts:
            self.interrupts.remove(item)

    def deliver_due_interrupts(self, frame):
        """The guard's tick: interrupts whose time has come during CPU work."""
        now = self.now()
        for item in sorted(self.interrupts, key=lambda i: i[0]):
            if item[0] <= now and item in self.interrupts:
                self.interrupts.remove(item)
                item[1](frame)

    def timed_wait(self, kind, seconds, line, label, **extra):
        """A wait that shows on the timeline as its own span (unless it takes no time at all)."""
        if seconds == 0:
            self.wait(0, line)
            return None
        span = self.open_span(kind, self.event_boundary(line), line, label, **extra)
        try:
            self.wait(seconds, line)
        finally:
            span["end"] = self.now()
            self.after_event()
        return span

    # ---- phases ---------------------------------------------------------------------------

    def begin_handler(self, label):
        now = self.now()
        self.event_boundary(None)
        self.init_end = now
        self.spans.append({"kind": "init", "start": 0.0, "end": now, "line": None, "label": "init: module code"})
        self.phase = "handler"
        self.handler_start = now
        self.handler_label = label
        if not self.counts_init:
            self.base = now
            self.cpu_base = self.cpu()
        self.wall_limit = self.base + self.timeout if self.clock_kind == "wall" and not self.unlimited_handler else INF
        self.deadline_at = self.wall_limit if self.clock_kind == "wall" and not self.unlimited_handler else None
        self.cpu_limit = self.cpu_base + self.timeout if self.clock_kind == "cpu" else INF

    def response_progress(self, headers_only=False):
        """The app sent part of its response to the proxy in front of it: where the deadline runs
        between reads, it starts again from now. `headers_only`: the status line and headers
        went out without body bytes (they end the proxy's wait for the header all the same)."""
        if not self.between_reads or self.phase != "handler" or self.clock_kind != "wall" or self.unlimited_handler:
            return
        now = self.now()
        self.response_started = True
        self.last_read_at = now
        self.wall_limit = now + self.timeout
        self.deadline_at = self.wall_limit
        # The whole response may take any time; only the gaps are limited (enforced by wall_limit).
        self.overrun_ok = True
        self.platform_detail["responseStarted"] = True

    def end_handler(self):
        if self.handler_end is None:
            self.event_boundary(None)
            self.handler_end = self.now()
            self.cpu_end = self.cpu()
            # The handler is done: what the runner does next must not trip a limit.
            self.phase = "done"
            self.wall_limit = INF
            self.cpu_limit = INF

    # ---- threads --------------------------------------------------------------------------

    def run_thread(self, start, fn, args, kwargs, label, line):
        """Runs `fn` to completion now, on its own clock starting at `start`.

        Pyodide has no threads. Work handed to a thread overlaps the caller in virtual time, so
        it runs synchronously here and the caller learns its end time; the caller's clock is put
        back afterwards, as if the thread's CPU had been spent on another core.
        Returns (end, ok, value): end is INF when the work would finish after the deadline.
        """
        import asyncio.events as events

        saved_now = self.now()
        saved_mark = self.cpu_mark
        saved_samples = self.samples
        running_loop = events._get_running_loop()
        events._set_running_loop(None)
        self.thread_depth += 1
        self.thread_labels.append(label)
        token = ThreadRun(label, start)
        self.thread_runs.append(token)
        self.set_now(start)
        span = self.add_span({"kind": "timer", "start": start, "end": None, "line": line, "label": label})
        end = INF
        try:
            try:
                value = fn(*args, **kwargs)
                ok = True
            except ThreadCutoff:
                ok, value = False, None
            except (SimulatorStop, ProcessKilled):
                # A stop, or the process dying, ends every thread with it.
                raise
            except BaseException as error:  # a thread's exception goes to whoever waits on it
                ok, value = False, error
            else:
                end = self.now()
            if not ok and value is not None:
                end = self.now()
        finally:
            span["end"] = end if end != INF else self.now()
            token.ended_at = span["end"]
            self.thread_runs.pop()
            self.thread_labels.pop()
            self.thread_depth -= 1
            events._set_running_loop(running_loop)
            if self.stop is None:
                self.set_now(saved_now)
            self.cpu_mark = saved_mark
            self.samples = saved_samples
        return end, ok, value

    # ---- network --------------------------------------------------------------------------

    def latency_of(self, url):
        if self.bridge is None:
            return 0.05
        return float(self.bridge.latencyFor(url))

    def respond(self, method, url):
        """The matching response rule's answer (a dict, see lib/runner/world/responder.ts), or None."""
        if self.bridge is None:
            return None
        text = str(self.bridge.respond(method, url, self.now()))
        return json.loads(text) if text else None

    def peek(self, method, url):
        """What respond() would answer, without using the answer up (a database connect)."""
        if self.bridge is None:
            return None
        text = str(self.bridge.peek(method, url, self.now()))
        return json.loads(text) if text else None

    def fallback(self, url):
        if self.bridge is None:
            return {"status": 200, "headers": {"content-type": "application/json"}, "body": json.dumps({"ok": True, "url": url}), "latency": 0.05, "source": "default"}
        return json.loads(str(self.bridge.fallback(url)))

    def cost_of(self, names):
        """{"seconds", "pattern"} of the most specific cost rule naming one of `names`, or None."""
        if self.bridge is None:
            return None
        text = str(self.bridge.costOf(json.dumps(list(names))))
        return json.loads(text) if text else None

    def is_modelled(self, module):
        return self.bridge is not None and bool(self.bridge.isModelled(module))

    def host_of(self, url):
        if self.bridge is None:
            return url
        return str(self.bridge.hostOf(url))
