"""redis.exceptions (redis-py 7.4.1 redis/exceptions.py)."""


class RedisError(Exception):
    pass


class ConnectionError(RedisError):  # noqa: A001
    pass


class TimeoutError(RedisError):  # noqa: A001
    pass


class AuthenticationError(ConnectionError):
    pass


class BusyLoadingError(ConnectionError):
    pass


class ResponseError(RedisError):
    pass


class DataError(RedisError):
    pass


class PubSubError(RedisError):
    pass


class WatchError(RedisError):
    pass


class ReadOnlyError(ResponseError):
    pass


class MaxConnectionsError(ConnectionError):
    pass
