"""Secrets, volumes, dicts, queues and schedules: named objects on Modal. Nothing is stored or
fetched; a secret's required keys are set in os.environ with placeholder values when the function
that attaches it runs (the real values live on Modal)."""

import os


class Secret:
    def __init__(self, name=None, keys=None, values=None):
        self.name = name
        self.keys = list(keys or [])
        self.values = dict(values or {})

    @staticmethod
    def from_name(name, *, environment_name=None, required_keys=()):
        return Secret(name, required_keys)

    @staticmethod
    def from_dict(env_dict=None, **kwargs):
        values = {k: v for k, v in dict(env_dict or {}, **kwargs).items() if v is not None}
        return Secret(None, values.keys(), values)

    @staticmethod
    def from_local_environ(env_keys):
        return Secret.from_dict({k: os.environ.get(k) for k in env_keys})

    @staticmethod
    def from_dotenv(path=None, *, filename=".env"):
        return Secret("dotenv")

    lookup = from_name

    def apply(self):
        """What the container's environment gets from this secret; returns the keys given placeholders."""
        placeholders = []
        for key, value in self.values.items():
            os.environ[key] = str(value)
        for key in self.keys:
            if key not in self.values and key not in os.environ:
                os.environ[key] = f"simulated-{key.lower()}"
                placeholders.append(key)
        return placeholders


class Volume:
    def __init__(self, name=None):
        self.name = name

    @staticmethod
    def from_name(name, *, environment_name=None, create_if_missing=False, version=None):
        return Volume(name)

    @staticmethod
    def persisted(name, **kwargs):
        return Volume(name)

    @staticmethod
    def ephemeral(**kwargs):
        return _Ephemeral(Volume())

    lookup = from_name

    def commit(self):
        pass

    def reload(self):
        pass

    def listdir(self, path, recursive=False):
        return []

    def batch_upload(self, force=False):
        return _Ephemeral(self)


NetworkFileSystem = Volume


class _Ephemeral:
    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return False

    def put_file(self, *args, **kwargs):
        pass

    def put_directory(self, *args, **kwargs):
        pass


class Dict(dict):
    @staticmethod
    def from_name(name, *, environment_name=None, create_if_missing=False):
        return Dict()

    @staticmethod
    def ephemeral(data=None, **kwargs):
        return _Ephemeral(Dict(data or {}))

    lookup = from_name

    def put(self, key, value, **kwargs):
        self[key] = value
        return True


class Queue(list):
    @staticmethod
    def from_name(name, *, environment_name=None, create_if_missing=False):
        return Queue()

    @staticmethod
    def ephemeral(**kwargs):
        return _Ephemeral(Queue())

    lookup = from_name

    def put(self, v, block=True, timeout=None, **kwargs):
        self.append(v)

    def put_many(self, vs, **kwargs):
        self.extend(vs)

    def get(self, block=True, timeout=None, **kwargs):
        if self:
            return self.pop(0)
        if not block:
            return None
        import time

        # Nothing else puts to it in the simulator: a blocking get waits its timeout, or forever.
        time.sleep(float("inf") if timeout is None else timeout)
        return None

    def len(self, **kwargs):
        return len(self)


class Cron:
    def __init__(self, cron_string, timezone="UTC"):
        self.cron_string = cron_string
        self.timezone = timezone


class Period:
    def __init__(self, *, years=0, months=0, weeks=0, days=0, hours=0, minutes=0, seconds=0):
        self.seconds = seconds + 60 * (minutes + 60 * (hours + 24 * (days + 7 * weeks)))


class Retries:
    def __init__(self, *, max_retries, backoff_coefficient=2.0, initial_delay=1.0, max_delay=60.0):
        self.max_retries = max_retries
        self.backoff_coefficient = backoff_coefficient
        self.initial_delay = initial_delay
        self.max_delay = max_delay


class Mount:
    @staticmethod
    def from_local_dir(*args, **kwargs):
        return Mount()

    @staticmethod
    def from_local_python_packages(*args, **kwargs):
        return Mount()

    @staticmethod
    def from_local_file(*args, **kwargs):
        return Mount()


class CloudBucketMount:
    def __init__(self, bucket_name, **kwargs):
        self.bucket_name = bucket_name


class Proxy:
    @staticmethod
    def from_name(name, **kwargs):
        return Proxy()


class SchedulerPlacement:
    def __init__(self, **kwargs):
        pass
