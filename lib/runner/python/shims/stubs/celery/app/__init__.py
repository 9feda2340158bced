from .base import Celery, current_app  # noqa: F401
from .task import Task, shared_task  # noqa: F401
