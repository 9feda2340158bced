"""runpod-python 1.12.0 rp_debugger: Checkpoints, LineTimer and FunctionTimer record times (on the
virtual clock) and otherwise pass through; get_debugger_output() returns what they recorded."""

import time


class Checkpoints:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.checkpoints = []
            cls._instance.name_lookup = {}
        return cls._instance

    def add(self, name):
        if name in self.name_lookup:
            raise KeyError("Checkpoint name already exists.")
        self.checkpoints.append({"name": name})
        self.name_lookup[name] = len(self.checkpoints) - 1

    def start(self, name):
        if name not in self.name_lookup:
            raise KeyError("Checkpoint name does not exist.")
        self.checkpoints[self.name_lookup[name]]["start"] = time.perf_counter()

    def stop(self, name):
        if name not in self.name_lookup:
            raise KeyError("Checkpoint name does not exist.")
        point = self.checkpoints[self.name_lookup[name]]
        if "start" not in point:
            raise KeyError("Checkpoint has not been started.")
        point["end"] = time.perf_counter()

    def get_checkpoints(self):
        out = []
        for point in self.checkpoints:
            if "start" in point and "end" in point:
                out.append({"name": point["name"], "duration_ms": round((point["end"] - point["start"]) * 1000, 2)})
        return out

    def clear(self):
        self.checkpoints = []
        self.name_lookup = {}


class LineTimer:
    def __init__(self, name):
        self.checkpoints = Checkpoints()
        self.name = name
        self.checkpoints.add(self.name)

    def __enter__(self):
        self.checkpoints.start(self.name)

    def __exit__(self, *args):
        self.checkpoints.stop(self.name)


class FunctionTimer:
    def __init__(self, function):
        self.function = function
        self.checkpoints = Checkpoints()

    def __call__(self, *args, **kwargs):
        self.checkpoints.add(self.function.__name__)
        self.checkpoints.start(self.function.__name__)
        try:
            return self.function(*args, **kwargs)
        finally:
            self.checkpoints.stop(self.function.__name__)


def get_debugger_output():
    return {"timestamps": Checkpoints().get_checkpoints()}


def clear_debugger_output():
    Checkpoints().clear()
