"""Tasks, and the worker running one of them with Celery 5.6.2's time limits (celery/celery tag
v5.6.2, 6a43c846).

A task's limits are its own soft_time_limit / time_limit (the decorator's options or the class's
attributes), else the app's task_soft_time_limit / task_time_limit (celery/app/task.py maps them at
bind time); the worker's --soft-time-limit / --time-limit (here: the request's timeout, as a hard
limit, or a soft one on the "soft" plan) fill what neither sets. The prefork pool then (billiard,
worker/request.py Request.on_timeout):
- at the soft limit raises SoftTimeLimitExceeded inside the task, on the line running (the task
  may catch it and clean up), and logs "Soft time limit (<s>s) exceeded for <name>[<id>]";
- at the hard limit kills the pool process and logs "Hard time limit (<s>s) exceeded for
  <name>[<id>]"; the task fails with TimeLimitExceeded.
A task with no limit at all runs unbounded in Celery; the simulator needs one to judge it, and says so.
"""

import inspect
import sys
import uuid

from _deadline import entry as _entry
from _deadline import state as _state

from ..exceptions import MaxRetriesExceededError, Retry, SoftTimeLimitExceeded

# Defaults of celery/app/task.py (5.6.2): Task.max_retries = 3, default_retry_delay = 3 * 60.
MAX_RETRIES = 3
DEFAULT_RETRY_DELAY = 3 * 60


class Context:
    """task.request: what the worker knows about this execution."""

    def __init__(self, **kwargs):
        self.id = None
        self.args = ()
        self.kwargs = {}
        self.retries = 0
        self.is_eager = False
        self.called_directly = True
        self.delivery_info = {"exchange": "", "routing_key": "celery", "priority": 0, "redelivered": False}
        self.hostname = None
        self.timelimit = (None, None)
        self.eta = None
        self.expires = None
        self.root_id = None
        self.parent_id = None
        self.__dict__.update(kwargs)

    def get(self, key, default=None):
        return getattr(self, key, default)


class Task:
    name = None
    typing = True
    max_retries = MAX_RETRIES
    default_retry_delay = DEFAULT_RETRY_DELAY
    soft_time_limit = None
    time_limit = None
    ignore_result = False
    acks_late = False
    track_started = False
    rate_limit = None
    autoretry_for = ()
    retry_backoff = False
    serializer = "json"
    _app = None
    abstract = True

    MaxRetriesExceededError = MaxRetriesExceededError

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A class-based task defined in the handler's files: the worker can run it by name.
        if cls.__dict__.get("_deadline_base") or "run" not in cls.__dict__ or cls.__dict__.get("abstract") is True:
            return
        if _state.current is None:
            return
        register(cls(), cls.__module__)

    @property
    def app(self):
        if self._app is None:
            from .base import current_app

            return current_app()
        return self._app

    @property
    def request(self):
        context = self.__dict__.get("_request")
        if context is None:
            context = self.__dict__["_request"] = Context()
        return context

    def run(self, *args, **kwargs):
        raise NotImplementedError("Tasks must define the run method.")

    def __call__(self, *args, **kwargs):
        return self.run(*args, **kwargs)

    # ---- sending (no broker: nothing is sent, and the simulator says so) ------------------------

    def apply_async(self, args=None, kwargs=None, task_id=None, countdown=None, eta=None, **options):
        from ..result import AsyncResult, noted_send

        noted_send(self.name)
        return AsyncResult(task_id or str(uuid.uuid4()), task_name=self.name)

    def delay(self, *args, **kwargs):
        return self.apply_async(args, kwargs)

    def apply(self, args=None, kwargs=None, **options):
        from ..result import EagerResult

        return EagerResult(str(uuid.uuid4()), self(*(args or ()), **(kwargs or {})), "SUCCESS")

    def s(self, *args, **kwargs):
        from ..canvas import Signature

        return Signature(self, args, kwargs)

    si = signature = subtask = s

    def retry(self, args=None, kwargs=None, exc=None, throw=True, eta=None, countdown=None, max_retries=None, **options):
        request = self.request
        retries = request.retries + 1
        max_retries = self.max_retries if max_retries is None else max_retries
        if request.called_directly:
            if exc is not None:
                raise exc
            raise Retry("Task can be retried", None)
        if not eta and countdown is None:
            countdown = self.default_retry_delay
        if max_retries is not None and retries > max_retries:
            if exc is not None:
                raise exc
            raise self.MaxRetriesExceededError(
                f"Can't retry {self.name}[{request.id}] args:{tuple(args or request.args)} kwargs:{kwargs or request.kwargs}"
            )
        retry = Retry(exc=exc, when=eta or countdown)
        if throw:
            raise retry
        return retry

    def update_state(self, task_id=None, state=None, meta=None, **kwargs):
        pass

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        pass

    def on_success(self, retval, task_id, args, kwargs):
        pass

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        pass

    def after_return(self, status, retval, task_id, args, kwargs, einfo):
        pass

    def __repr__(self):
        return f"<@task: {self.name} of {self.app.main or '__main__'}>"


def _module_name(module):
    run = _state.current
    if module == "__main__" and run is not None:
        # The worker imports the tasks module by its name (celery -A tasks worker).
        return run.filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return module


def make_task(app, fn, opts):
    bind = opts.pop("bind", False)
    base = opts.pop("base", None) or app.Task
    name = opts.pop("name", None) or f"{_module_name(fn.__module__)}.{fn.__qualname__}"
    attrs = {
        "name": name,
        "_app": app,
        "__doc__": fn.__doc__,
        "__module__": fn.__module__,
        "__wrapped__": fn,
        "_deadline_fn": staticmethod(fn),
        "_deadline_bind": bind,
        "run": (fn if bind else staticmethod(fn)),
        "_deadline_base": True,
    }
    for key, value in opts.items():
        attrs[key] = value
    cls = type(fn.__name__, (base,), attrs)
    task = cls()
    task.__name__ = fn.__name__
    task.__qualname__ = fn.__qualname__
    register(task, fn.__module__, fn)
    return task


def shared_task(*args, **opts):
    from .base import current_app

    if len(args) == 1 and callable(args[0]) and not opts:
        return make_task(current_app(), args[0], {})
    return lambda fn: make_task(current_app(), fn, opts)


def register(task, module, fn=None):
    run = _state.current
    if task.name is None:
        task.name = f"{_module_name(module)}.{type(task).__name__}"
    task.app.tasks[task.name] = task
    if run is None:
        return
    target = fn if fn is not None else type(task).run
    code = getattr(target, "__code__", None)
    python_name = fn.__name__ if fn is not None else type(task).__name__
    _entry.register(python_name, task, kind="celery-task", label=f"Celery task {task.name}",
                    line=code.co_firstlineno if code is not None else None, invoke=_invoke(task), platforms=("celery",))


# ---- the worker --------------------------------------------------------------------------------


def _limits(task, run):
    """(soft, hard, where each came from), each None when unset."""
    conf = task.app.conf
    soft, soft_from = task.soft_time_limit, "the task's soft_time_limit"
    hard, hard_from = task.time_limit, "the task's time_limit"
    if soft is None and conf.get("task_soft_time_limit") is not None:
        soft, soft_from = conf.get("task_soft_time_limit"), "the app's task_soft_time_limit"
    if hard is None and conf.get("task_time_limit") is not None:
        hard, hard_from = conf.get("task_time_limit"), "the app's task_time_limit"
    if run.timeout_given:
        plan = getattr(run, "plan", None)
        given = int(run.timeout) if float(run.timeout).is_integer() else run.timeout
        if plan in ("soft", "soft-time-limit"):
            if soft is None:
                soft, soft_from = given, "the worker's --soft-time-limit (the run's timeout)"
            elif float(soft) != float(given):
                _entry.note(run, "plan", f"the run's timeout ({given:g} s) is the worker's --soft-time-limit, but {soft_from} ({soft:g} s) takes precedence")
        elif hard is None:
            hard, hard_from = given, "the worker's --time-limit (the run's timeout)"
        elif float(hard) != float(given):
            _entry.note(run, "plan", f"the run's timeout ({given:g} s) is the worker's --time-limit, but {hard_from} ({hard:g} s) takes precedence")
    return soft, hard, soft_from, hard_from


def _call_args(run):
    event = run.event
    if isinstance(event, dict) and set(event) <= {"args", "kwargs"} and event:
        return list(event.get("args") or []), dict(event.get("kwargs") or {})
    if isinstance(event, list):
        return list(event), {}
    if isinstance(event, dict):
        if event:
            _entry.note(run, "event", "the event has no args / kwargs keys, so its keys were passed as the task's keyword arguments")
        return [], dict(event)
    return ([event] if event is not None else []), {}


def _invoke(task):
    def invoke(run):
        soft, hard, soft_from, hard_from = _limits(task, run)
        run.platform_detail["entryName"] = task.name
        described = []
        if soft is not None:
            described.append(f"soft {soft}s ({soft_from})")
        if hard is not None:
            described.append(f"hard {hard}s ({hard_from})")
        if soft is None and hard is None:
            run.timeout = _state.INF
        elif hard is not None:
            run.timeout = float(hard)
        else:
            run.timeout = float(soft)
            run.overrun_ok = True
        if described:
            _entry.note(run, "plan", f"Celery time limits for {task.name}: {', '.join(described)}")
        args, kwargs = _call_args(run)
        context = Context(id=run.request_id, args=tuple(args), kwargs=kwargs, called_directly=False,
                          hostname="celery@worker", timelimit=(hard, soft))
        task.__dict__["_request"] = context
        fired = {}

        def soft_limit(frame):
            fired["line"] = run.user_line(frame)
            fired["at"] = run.now()
            run.add_span({"kind": "timer", "start": run.handler_start, "end": run.now(), "line": None,
                          "label": f"soft time limit {soft}s: SoftTimeLimitExceeded raised in the task"})
            raise SoftTimeLimitExceeded()

        def thunk():
            if soft is not None and (hard is None or float(soft) < float(hard)):
                run.add_interrupt(run.handler_start + float(soft), soft_limit)
            if hard is None:
                # Only the soft limit: once raised (and caught) the task may run on unbounded.
                run.wall_limit = _state.INF
                run.deadline_at = None
            fn = getattr(type(task), "_deadline_fn", None)
            if fn is not None:
                call = (lambda: fn(task, *args, **kwargs)) if type(task)._deadline_bind else (lambda: fn(*args, **kwargs))
            else:
                call = lambda: task.run(*args, **kwargs)  # noqa: E731
            return _entry.drive(call())

        ok, value = _entry.call(run, f"Celery task {task.name}[{run.request_id}]", thunk)
        for item in list(run.interrupts):
            run.cancel_interrupt(item)
        if "at" in fired:
            _soft_outcome(run, task, soft, fired, ok, value)
            if not ok and isinstance(value, SoftTimeLimitExceeded):
                return
        if run.stop is not None:
            if hard is not None:
                run.platform_detail["limit"] = "hard"
                run.platform_detail["limitText"] = str(hard)
            return
        if ok:
            run.outcome = {"status": "SUCCESS", "result": _plain(value), "task_id": run.request_id}
            return
        if isinstance(value, Retry):
            run.error = None
            run.exception = None
            run.outcome = {"status": "RETRY", "result": str(value), "task_id": run.request_id}
            when = value.when
            _entry.note(run, "entry", (
                f"the task asked to be retried ({value}): the worker sends it again and runs it "
                f"{'in ' + str(when) + ' s' if isinstance(when, (int, float)) else 'later'}, with fresh time limits; "
                "this run shows one execution"
            ))
            return
        if isinstance(value, BaseException):
            run.outcome = {"status": "FAILURE", "result": {"exc_type": type(value).__name__, "exc_message": [str(a) for a in value.args]},
                           "task_id": run.request_id}

    return invoke


def _soft_outcome(run, task, soft, fired, ok, value):
    line = fired.get("line")
    where = f" at line {line}" if line else ""
    log = f"Soft time limit ({soft}s) exceeded for {task.name}[{run.request_id}]"
    if not ok and isinstance(value, SoftTimeLimitExceeded):
        # The task let it propagate: it fails at its soft limit, where the time ran out.
        run.stop = {"kind": "deadline", "line": line, "at": fired["at"], "phase": "handler"}
        run.timeout = float(soft)
        run.error = None
        run.exception = None
        run.platform_detail["limit"] = "soft"
        run.platform_detail["limitText"] = str(soft)
        _entry.note(run, "entry", f"{log}: SoftTimeLimitExceeded was raised{where} and not caught, so the task failed with it")
        return
    _entry.note(run, "entry", (
        f"{log}: SoftTimeLimitExceeded was raised{where} and the task caught it, so it went on"
        + (" and finished" if ok else "")
    ))


def _plain(value):
    try:
        return _entry.json_result(value)
    except (TypeError, ValueError):
        return repr(value)


__all__ = ["Context", "Task", "make_task", "register", "shared_task", "inspect", "sys"]
