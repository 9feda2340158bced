"""celery.exceptions (5.6.2): the time-limit exceptions are billiard's; Retry renders
"Retry in 180s: <exc>"."""

from billiard.exceptions import SoftTimeLimitExceeded, Terminated, TimeLimitExceeded, WorkerLostError  # noqa: F401


class CeleryError(Exception):
    pass


class TaskError(CeleryError):
    pass


class Retry(TaskError):
    def __init__(self, message=None, exc=None, when=None, is_eager=False, sig=None, **kwargs):
        self.message = message if isinstance(message, str) else None
        self.exc = exc
        self.excs = repr(exc) if exc is not None else None
        self.when = when
        self.is_eager = is_eager
        self.sig = sig
        super().__init__(self, exc, when, **kwargs)

    def humanize(self):
        if isinstance(self.when, (int, float)):
            return f"in {self.when}s"
        return f"at {self.when}"

    def __str__(self):
        if self.message:
            return self.message
        if self.excs:
            return f"Retry {self.humanize()}: {self.excs}"
        return f"Retry {self.humanize()}"


RetryTaskError = Retry


class MaxRetriesExceededError(TaskError):
    def __init__(self, *args, **kwargs):
        self.task_args = kwargs.pop("task_args", [])
        self.task_kwargs = kwargs.pop("task_kwargs", {})
        super().__init__(*args, **kwargs)


class Reject(TaskError):
    def __init__(self, reason=None, requeue=False):
        self.reason = reason
        self.requeue = requeue
        super().__init__(reason, requeue)


class Ignore(TaskError):
    pass


class TimeoutError(TaskError):
    pass


class ImproperlyConfigured(CeleryError, ImportError):
    pass


class NotRegistered(KeyError, TaskError):
    pass


class OperationalError(Exception):
    pass
