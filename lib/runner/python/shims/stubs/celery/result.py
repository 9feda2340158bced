"""AsyncResult: with no broker and no other worker, nothing sent ever completes. get() inside a
task is Celery's own RuntimeError (result.py E_WOULDBLOCK); elsewhere it would wait forever."""

from _deadline import entry as _entry
from _deadline import state as _state

E_WOULDBLOCK = (
    "Never call result.get() within a task!\n"
    "See https://docs.celeryq.dev/en/latest/userguide/tasks.html#avoid-launching-synchronous-subtasks\n"
)


def noted_send(name):
    run = _state.current
    if run is None or getattr(run, "_celery_sent_noted", False):
        return
    run._celery_sent_noted = True
    _entry.note(run, "entry", (
        f"{name} was sent with delay() / apply_async(): with no broker in the simulator it is not run, and its "
        "result never arrives; run that task on its own (--handler) to see its time"
    ))


class AsyncResult:
    def __init__(self, id, backend=None, task_name=None, app=None, parent=None):
        self.id = self.task_id = id
        self.task_name = task_name
        self.state = self.status = "PENDING"
        self.result = None

    def get(self, timeout=None, propagate=True, interval=0.5, disable_sync_subtasks=True, **kwargs):
        run = _state.current
        if disable_sync_subtasks and run is not None and run.phase == "handler":
            raise RuntimeError(E_WOULDBLOCK)
        if timeout is not None:
            import time

            time.sleep(timeout)
            from .exceptions import TimeoutError

            raise TimeoutError("The operation timed out.")
        import time

        time.sleep(float("inf"))

    wait = get

    def ready(self):
        return False

    def successful(self):
        return False

    def failed(self):
        return False

    def forget(self):
        pass

    def revoke(self, *args, **kwargs):
        pass

    def __repr__(self):
        return f"<AsyncResult: {self.id}>"


class EagerResult(AsyncResult):
    def __init__(self, id, ret_value, state, traceback=None, name=None):
        super().__init__(id, task_name=name)
        self.result = ret_value
        self.state = self.status = state

    def get(self, timeout=None, propagate=True, **kwargs):
        return self.result

    def ready(self):
        return True

    def successful(self):
        return self.state == "SUCCESS"


class GroupResult(AsyncResult):
    def __init__(self, id=None, results=None, **kwargs):
        super().__init__(id)
        self.results = results or []
