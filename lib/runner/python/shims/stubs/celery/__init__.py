"""Simulator stub of Celery 5.6.2 (celery/celery tag v5.6.2, 6a43c846): the app and its
configuration, tasks (decorated, shared, class-based), the time limits a prefork worker enforces
(soft: SoftTimeLimitExceeded raised in the task; hard: the process killed), retry(), and inert
sending (no broker). The entry is one task; `request.handler` names it when there are several,
and the event is {"args": [...], "kwargs": {...}}. See ../RUNTIMES.md."""

from . import states  # noqa: F401
from .app.base import Celery, current_app
from .app.task import Task, shared_task
from .canvas import Signature, chain, chord, group, signature
from .result import AsyncResult

__version__ = "5.6.2"

__all__ = [
    "AsyncResult", "Celery", "Signature", "Task", "chain", "chord", "current_app", "group", "shared_task", "signature",
]
