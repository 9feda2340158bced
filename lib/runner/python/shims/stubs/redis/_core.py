"""The command path shared by redis.Redis and redis.asyncio.Redis, as redis-py 7.4.1 runs it.

A command first needs a connection (ConnectionPool.get_connection → Connection.connect): a refused
connection raises ConnectionError("Error 111 connecting to host:port. Connection refused.") at
once; a connect that times out (socket_connect_timeout, which defaults to socket_timeout, which
defaults to None) is retried by the connection's Retry and then raises TimeoutError("Timeout
connecting to server"). The command is then sent and its reply read (socket_timeout): a
TimeoutError("Timeout reading from socket") or ConnectionError is retried by the same Retry,
reconnecting first. The default Retry is ExponentialWithJitterBackoff(base=1, cap=10) with 3
retries: a wait of min(10, random() × 2^failures) s before each retry.
"""

import json
import random

from _deadline import databases, network

from . import exceptions

# redis/client.py Redis.__init__: retry=Retry(backoff=ExponentialWithJitterBackoff(base=1, cap=10), retries=3)
RETRIES = 3
BACKOFF_BASE = 1
BACKOFF_CAP = 10


def backoff(failures):
    # redis/backoff.py ExponentialWithJitterBackoff.compute
    return min(BACKOFF_CAP, random.random() * BACKOFF_BASE * 2 ** failures)


def plain_reply(command, args):
    c = command.lower()
    if c in ("set", "setex", "psetex", "mset", "hmset", "flushdb", "flushall", "select", "auth", "rename", "ltrim", "lset"):
        return True if c in ("set", "setex", "psetex", "mset", "hmset", "flushdb", "flushall", "rename", "ltrim", "lset") else b"OK"
    if c == "ping":
        return True
    if c in ("get", "hget", "getdel", "lpop", "rpop", "spop", "lindex", "getset", "brpop", "blpop"):
        return None
    if c == "hgetall":
        return {}
    if c in ("keys", "lrange", "smembers", "zrange", "hkeys", "hvals"):
        return []
    if c in ("mget", "hmget"):
        return [None] * (len(args) - (1 if c == "hmget" else 0))
    if c in ("exists", "publish", "delete", "del", "unlink"):
        return 0
    if c in ("incr", "lpush", "rpush", "sadd", "zadd", "hset", "hsetnx", "setnx", "expire", "pexpire"):
        return 1 if c not in ("expire", "pexpire", "setnx", "hsetnx") else True
    if c in ("incrby", "hincrby"):
        return int(args[-1]) if args else 0
    if c in ("ttl", "pttl"):
        return -2
    return 0


def encode_reply(value, decode):
    if isinstance(value, str):
        return value if decode else value.encode()
    if isinstance(value, list):
        return [encode_reply(v, decode) for v in value]
    if isinstance(value, dict):
        return {encode_reply(k, decode): encode_reply(v, decode) for k, v in value.items()}
    return value


class Settings:
    def __init__(self, host="localhost", port=6379, db=0, password=None, socket_timeout=None,
                 socket_connect_timeout=None, decode_responses=False, retry=None, **_ignored):
        self.host = host or "localhost"
        self.port = int(port or 6379)
        self.db = int(db or 0)
        self.socket_timeout = socket_timeout
        self.socket_connect_timeout = socket_timeout if socket_connect_timeout is None else socket_connect_timeout
        self.decode_responses = decode_responses
        self.retries = RETRIES if retry is None else getattr(retry, "_retries", RETRIES)
        self.url = databases.db_url("redis", self.host, self.port, str(self.db))

    def host_error(self):
        return f"{self.host}:{self.port}"

    def refused(self):
        # redis/utils.py format_error_message with OSError(111, "Connection refused")
        return exceptions.ConnectionError(f"Error 111 connecting to {self.host_error()}. Connection refused.")

    def reply(self, target, command, args):
        if target.source == "default":
            value = plain_reply(command, args)
            return encode_reply(value, self.decode_responses) if isinstance(value, (str, list, dict)) else value
        text = target.body.decode("utf-8", errors="replace")
        try:
            value = json.loads(text) if text.strip() else None
        except ValueError:
            value = text
        if isinstance(value, dict) and "error" in value:
            message, _fields = databases.error_fields(value["error"])
            return exceptions.ResponseError(message)
        return encode_reply(value, self.decode_responses)


def parse_url(url, kwargs):
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise ValueError("Redis URL must specify one of the following schemes (redis://, rediss://, unix://)")
    options = {"host": parts.hostname or "localhost", "port": parts.port or 6379}
    if parts.password:
        options["password"] = unquote(parts.password)
    if parts.path and parts.path.strip("/").isdigit():
        options["db"] = int(parts.path.strip("/"))
    options.update(kwargs)
    return options


def run_sync(settings, state, command, args):
    """One command with redis-py's retries, on the caller's clock."""
    line = network.caller_line()
    # ConnectionPool.get_connection connects before the command's own retry loop
    if not state["connected"]:
        connect_sync(settings, line)
        state["connected"] = True
    failures = 0
    while True:
        try:
            if not state["connected"]:
                connect_sync(settings, line)
                state["connected"] = True
            outcome, target = databases.query_sync(
                settings.url, line, settings.socket_timeout, f"redis {command.upper()}", verb="COMMAND",
            )
            if outcome != network.OK:
                raise exceptions.TimeoutError("Timeout reading from socket")
        except (exceptions.ConnectionError, exceptions.TimeoutError) as error:
            state["connected"] = False
            failures += 1
            if failures > settings.retries:
                raise
            network.sleep(backoff(failures), line, f"redis-py retry backoff (failure {failures} of {settings.retries})")
            continue
        reply = settings.reply(target, command, args)
        if isinstance(reply, exceptions.ResponseError):
            raise reply
        return reply


def connect_sync(settings, line):
    failures = 0
    while True:
        outcome = databases.connect_sync(settings.url, line, settings.socket_connect_timeout, "redis connect")
        if outcome == network.OK:
            return
        if outcome == network.REFUSED:
            raise settings.refused()
        failures += 1
        if failures > settings.retries:
            raise exceptions.TimeoutError("Timeout connecting to server")
        network.sleep(backoff(failures), line, f"redis-py connect retry backoff (failure {failures} of {settings.retries})")


async def run_async(settings, state, command, args):
    line = network.caller_line()
    # ConnectionPool.get_connection connects before the command's own retry loop
    if not state["connected"]:
        await connect_async(settings, line)
        state["connected"] = True
    failures = 0
    while True:
        try:
            if not state["connected"]:
                await connect_async(settings, line)
                state["connected"] = True
            outcome, target = await databases.query_async(
                settings.url, line, settings.socket_timeout, f"redis {command.upper()}", verb="COMMAND",
            )
            if outcome != network.OK:
                raise exceptions.TimeoutError("Timeout reading from socket")
        except (exceptions.ConnectionError, exceptions.TimeoutError) as error:
            state["connected"] = False
            failures += 1
            if failures > settings.retries:
                raise
            await network.sleep_async(backoff(failures), f"redis-py retry backoff (failure {failures} of {settings.retries})")
            continue
        reply = settings.reply(target, command, args)
        if isinstance(reply, exceptions.ResponseError):
            raise reply
        return reply


async def connect_async(settings, line):
    failures = 0
    while True:
        outcome = await databases.connect_async(settings.url, line, settings.socket_connect_timeout, "redis connect")
        if outcome == network.OK:
            return
        if outcome == network.REFUSED:
            raise settings.refused()
        failures += 1
        if failures > settings.retries:
            raise exceptions.TimeoutError("Timeout connecting to server")
        await network.sleep_async(backoff(failures), f"redis-py connect retry backoff (failure {failures} of {settings.retries})")


# Methods that take (name, value, ...) options as keywords in redis-py: set(ex=, px=, nx=, xx=).
def command_args(name, args, kwargs):
    out = list(args)
    for key, value in kwargs.items():
        if value is None or value is False:
            continue
        out.extend([key.upper()] if value is True else [key.upper(), value])
    return name.replace("delete", "del"), out
