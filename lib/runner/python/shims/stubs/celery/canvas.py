"""Signatures and workflows (chain, group, chord): sending them starts nothing without a broker."""

import uuid


class Signature(dict):
    def __init__(self, task=None, args=None, kwargs=None, options=None, **ex):
        super().__init__(task=getattr(task, "name", task), args=tuple(args or ()), kwargs=dict(kwargs or {}), options=options or {})
        self._task = task

    def delay(self, *args, **kwargs):
        return self.apply_async(args, kwargs)

    def apply_async(self, args=None, kwargs=None, **options):
        from .result import AsyncResult, noted_send

        noted_send(self["task"])
        return AsyncResult(str(uuid.uuid4()))

    def set(self, **options):
        self["options"].update(options)
        return self

    def __or__(self, other):
        return chain(self, other)

    def __call__(self, *args, **kwargs):
        return self._task(*(tuple(args) + self["args"]), **{**self["kwargs"], **kwargs})


signature = Signature


class chain(Signature):
    def __init__(self, *tasks, **options):
        super().__init__("celery.chain")
        self.tasks = tasks


class group(Signature):
    def __init__(self, *tasks, **options):
        super().__init__("celery.group")
        self.tasks = tasks[0] if len(tasks) == 1 and not isinstance(tasks[0], Signature) else tasks


class chord(Signature):
    def __init__(self, header, body=None, **options):
        super().__init__("celery.chord")
        self.header, self.body = header, body


def chunks(task, it, n):
    return group()


xmap = xstarmap = chunks
