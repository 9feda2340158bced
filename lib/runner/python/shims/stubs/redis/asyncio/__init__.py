"""redis.asyncio (redis-py 7.4.1): the same client with awaitable commands, on the event loop."""

from .._core import Settings, command_args, parse_url, run_async
from ..exceptions import ConnectionError, RedisError, ResponseError, TimeoutError  # noqa: F401


class Redis:
    def __init__(self, host="localhost", port=6379, db=0, password=None, **kwargs):
        self._settings = Settings(host=host, port=port, db=db, password=password, **kwargs)
        self._state = {"connected": False}

    @classmethod
    def from_url(cls, url, **kwargs):
        return cls(**parse_url(url, kwargs))

    async def execute_command(self, *args, **options):
        return await run_async(self._settings, self._state, str(args[0]), list(args[1:]))

    async def aclose(self):
        self._state["connected"] = False

    close = aclose

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.aclose()
        return False

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)

        async def command(*args, **kwargs):
            cmd, cmd_args = command_args(name, args, kwargs)
            return await run_async(self._settings, self._state, cmd, cmd_args)

        command.__name__ = name
        return command


StrictRedis = Redis


def from_url(url, **kwargs):
    return Redis.from_url(url, **kwargs)
