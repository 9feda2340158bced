"""The Celery app: its configuration (Settings, with the old upper-case names and a config_from_object
namespace as Celery 5.6.2's celery/app/defaults.py maps them) and the task decorator. Nothing is
sent anywhere: there is no broker; the simulated worker runs one task (see task.py)."""

import importlib
import inspect
import os

from _deadline import state as _state

# Old setting names that map to the ones the simulator reads (celery/app/defaults.py, 5.6.2).
_OLD = {
    "celeryd_task_time_limit": "task_time_limit",
    "celeryd_task_soft_time_limit": "task_soft_time_limit",
    "celery_task_serializer": "task_serializer",
    "celery_always_eager": "task_always_eager",
    "celery_acks_late": "task_acks_late",
    "celery_default_queue": "task_default_queue",
    "celeryd_concurrency": "worker_concurrency",
    "broker_url": "broker_url",
}

_DEFAULTS = {
    "task_time_limit": None,
    "task_soft_time_limit": None,
    "task_serializer": "json",
    "result_serializer": "json",
    "task_always_eager": False,
    "task_acks_late": False,
    "task_default_queue": "celery",
    "task_default_retry_delay": 180,
    "task_max_retries": 3,
    "worker_concurrency": None,
    "timezone": None,
    "enable_utc": True,
}


def _key(name):
    key = str(name).lower()
    return _OLD.get(key, key)


class Settings(dict):
    """app.conf: attribute or item access, case-insensitive, old names mapped to new ones."""

    def __init__(self, defaults=None):
        super().__init__()
        for key, value in (defaults or {}).items():
            dict.__setitem__(self, _key(key), value)

    def __getitem__(self, key):
        return dict.__getitem__(self, _key(key))

    def __setitem__(self, key, value):
        dict.__setitem__(self, _key(key), value)

    def __contains__(self, key):
        return dict.__contains__(self, _key(key))

    def get(self, key, default=None):
        return dict.get(self, _key(key), default)

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self[name] = value

    def update(self, other=None, **kwargs):
        for key, value in {**dict(other or {}), **kwargs}.items():
            self[key] = value

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]


class Celery:
    def __init__(self, main=None, loader=None, backend=None, amqp=None, events=None, log=None, control=None,
                 set_as_current=True, tasks=None, broker=None, include=None, changes=None, config_source=None,
                 fixups=None, task_cls=None, autofinalize=True, namespace=None, strict_typing=True, **kwargs):
        from .task import Task

        self.main = main
        self.conf = Settings(_DEFAULTS)
        self.conf["broker_url"] = broker or os.environ.get("CELERY_BROKER_URL")
        self.conf["result_backend"] = backend
        self.conf["include"] = include
        if config_source is not None:
            self.config_from_object(config_source)
        self.tasks = {}
        base = task_cls if isinstance(task_cls, type) else Task
        # app.Task: a Task class bound to this app, for class-based tasks.
        self.Task = type("Task", (base,), {"_app": self, "__module__": base.__module__, "_deadline_base": True})
        global _current
        if set_as_current:
            _current = self

    # ---- configuration ------------------------------------------------------------------------

    def config_from_object(self, obj, silent=False, force=False, namespace=None):
        if isinstance(obj, str):
            try:
                obj = importlib.import_module(obj)
            except ImportError:
                if silent:
                    return
                raise
        items = obj.items() if isinstance(obj, dict) else ((k, getattr(obj, k)) for k in dir(obj) if not k.startswith("_"))
        prefix = f"{namespace}_" if namespace else None
        for key, value in items:
            if prefix:
                if not key.startswith(prefix):
                    continue
                key = key[len(prefix):]
            if inspect.ismodule(value) or callable(value) and not isinstance(value, (int, float)):
                continue
            self.conf[key] = value

    def config_from_envvar(self, variable_name, silent=False, force=False):
        module = os.environ.get(variable_name)
        if module:
            self.config_from_object(module, silent=silent)

    def autodiscover_tasks(self, packages=None, related_name="tasks", force=False):
        pass

    def set_default(self):
        global _current
        _current = self

    def finalize(self, auto=False):
        pass

    # ---- tasks --------------------------------------------------------------------------------

    def task(self, *args, **opts):
        from .task import make_task

        if len(args) == 1 and callable(args[0]) and not opts:
            return make_task(self, args[0], {})
        return lambda fn: make_task(self, fn, opts)

    def register_task(self, task, **options):
        from .task import register

        instance = task() if isinstance(task, type) else task
        register(instance, getattr(type(instance), "__module__", None))
        return instance

    def send_task(self, name, args=None, kwargs=None, **options):
        from ..result import AsyncResult, noted_send

        noted_send(name)
        return AsyncResult(_new_id())

    # ---- running a worker ---------------------------------------------------------------------

    def start(self, argv=None):
        # `celery worker` serves until stopped: nothing after it in the module runs.
        raise _state.WorkerExit()

    def worker_main(self, argv=None):
        raise _state.WorkerExit()

    def __repr__(self):
        return f"<Celery {self.main or '__main__'} at {id(self):#x}>"


def _new_id():
    import uuid

    return str(uuid.uuid4())


_current = None


def current_app():
    global _current
    if _current is None:
        _current = Celery("default", set_as_current=True)
    return _current
