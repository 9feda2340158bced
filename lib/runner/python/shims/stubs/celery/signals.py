"""celery.signals: connected receivers are kept; the simulated worker sends none of them."""


class Signal:
    def __init__(self, name=None, providing_args=None):
        self.name = name
        self.receivers = []

    def connect(self, receiver=None, sender=None, weak=True, dispatch_uid=None):
        if receiver is None:
            return lambda fn: self.connect(fn)
        self.receivers.append(receiver)
        return receiver

    def send(self, sender, **named):
        return [(r, r(sender=sender, **named)) for r in self.receivers]


for _name in ("task_prerun", "task_postrun", "task_success", "task_failure", "task_retry", "task_revoked",
              "task_received", "worker_ready", "worker_init", "worker_process_init", "worker_shutdown",
              "celeryd_init", "setup_logging", "after_setup_logger", "after_setup_task_logger", "beat_init",
              "before_task_publish", "after_task_publish", "task_internal_error", "worker_process_shutdown"):
    globals()[_name] = Signal(_name)
