"""Simulator stub of redis-py 7.4.1 (import redis): Redis / StrictRedis / from_url, any command as
a method (get, set, hgetall, ...), execute_command, pipeline, ping, close, and redis.exceptions.
See _core.py for the connection, timeout and retry behaviour (socket_timeout and
socket_connect_timeout None by default: a dropped or silent server waits until the deadline).
redis-py 8 changed those defaults to 5 s; this stub is 7.4.1's."""

from . import exceptions  # noqa: F401
from ._core import Settings, command_args, parse_url, run_sync
from .exceptions import (  # noqa: F401
    AuthenticationError, BusyLoadingError, ConnectionError, DataError, RedisError, ResponseError,
    TimeoutError, WatchError,
)

__version__ = "7.4.1"
VERSION = (7, 4, 1)


class Retry:
    def __init__(self, backoff=None, retries=3, supported_errors=None):
        self._backoff = backoff
        self._retries = retries


class ConnectionPool:
    def __init__(self, **kwargs):
        self.connection_kwargs = kwargs

    @classmethod
    def from_url(cls, url, **kwargs):
        return cls(**parse_url(url, kwargs))

    def disconnect(self, inuse_connections=True):
        pass


class Pipeline:
    def __init__(self, client):
        self._client = client
        self._commands = []

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)

        def queue(*args, **kwargs):
            self._commands.append(command_args(name, args, kwargs))
            return self

        return queue

    def execute(self, raise_on_error=True):
        if not self._commands:
            return []
        replies = self._client.execute_command("PIPELINE", *[c for c, _ in self._commands])
        commands, self._commands = self._commands, []
        if isinstance(replies, list) and len(replies) == len(commands):
            return replies
        from ._core import plain_reply

        return [plain_reply(c, a) for c, a in commands]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._commands = []
        return False


class Redis:
    def __init__(self, host="localhost", port=6379, db=0, password=None, *, connection_pool=None, **kwargs):
        options = dict(connection_pool.connection_kwargs) if connection_pool is not None else {"host": host, "port": port, "db": db, "password": password}
        options.update(kwargs)
        self._settings = Settings(**options)
        self._state = {"connected": False}
        self.connection_pool = connection_pool or ConnectionPool(**options)

    @classmethod
    def from_url(cls, url, **kwargs):
        return cls(**parse_url(url, kwargs))

    def execute_command(self, *args, **options):
        name = str(args[0])
        return run_sync(self._settings, self._state, name, list(args[1:]))

    def pipeline(self, transaction=True, shard_hint=None):
        return Pipeline(self)

    def close(self):
        self._state["connected"] = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)

        def command(*args, **kwargs):
            cmd, cmd_args = command_args(name, args, kwargs)
            return run_sync(self._settings, self._state, cmd, cmd_args)

        command.__name__ = name
        return command


StrictRedis = Redis


def from_url(url, **kwargs):
    return Redis.from_url(url, **kwargs)
