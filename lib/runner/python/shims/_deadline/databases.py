"""Database and cache connections on the simulated network (psycopg2, psycopg, asyncpg, pymysql,
redis, pymongo, and SQLAlchemy over them). The same model as lib/runner/js/libraries/database.ts:

A connection is a network call to the server's host:port, and every query or command is one round
trip to it, so the world rules apply: the host's latency rule is how long each takes, and a
response rule matching `<scheme>://<host>:<port>/<database>` (postgres, mysql, redis, mongodb;
`db.internal:5432` is enough) with `connection: refused | dropped` fails the connection. Any other
answer of the rule is what the server replies to each query, in order. A connect only looks at
the rule (peek): it uses an answer up only when that answer fails the connection, and it takes the
host's latency, not the answer's.

How a rule's body maps to a reply:
  SQL      a JSON array is the rows (objects, their keys the columns); {"rows": [...],
           "rowCount": N} gives both; {"error": {"message": ..., "code": "57014"}} is an error
           the server raised (code is the SQLSTATE, or MySQL's error number); any other object is
           one row. No rule: no rows.
  Redis    the JSON value is the reply; {"error": "..."} an error reply. No rule: the command's
           plainest reply (OK, None, 0).
  MongoDB  an array is the documents a find returns, an object the command's result.
The answer's HTTP status is not used.
"""

import json as _json

from . import network, state


def db_url(scheme, host, port, database=""):
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"{scheme}://{shown}:{port}/{database or ''}"


class DbTarget:
    """What network.exchange_sync / exchange_async need of a call: no HTTP status, and `source`
    only where a rule or the default decided the answer."""

    __slots__ = ("url", "host", "port", "latency", "status", "headers", "body", "source", "connection", "rule")

    def __init__(self, url, latency, source=None, connection=None, body=b"", rule=None):
        self.url = url
        self.latency = float(latency)
        self.status = None
        self.headers = {}
        self.body = body
        self.source = source
        self.connection = connection
        self.rule = rule

    def json(self):
        try:
            return _json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


def connect_target(url):
    """The connect's answer: a failure from a rule (used up), else open after the host's latency."""
    run = state.current
    peeked = run.peek("CONNECT", url)
    if peeked is not None and peeked.get("connection"):
        answer = run.respond("CONNECT", url) or peeked
        return DbTarget(url, answer["latency"], "rule", answer.get("connection"), rule=answer.get("rule"))
    return DbTarget(url, run.latency_of(url), "rule" if peeked is not None else None)


def round_trip_target(url, verb="QUERY"):
    """A query's answer: the next answer of the matching rule, else the default (no rows)."""
    run = state.current
    answer = run.respond(verb, url)
    if answer is None:
        answer = run.fallback(url)
    connection = answer.get("connection")
    # A query on an open connection is never refused: a rule that says so drops the reply.
    return DbTarget(url, answer["latency"], answer["source"], "dropped" if connection else None,
                    str(answer.get("body", "")).encode(), answer.get("rule"))


def ping_target(url):
    """A liveness check (SQLAlchemy's pool_pre_ping): the host's latency, using no rule's answer,
    unless the rule fails connections."""
    run = state.current
    peeked = run.peek("QUERY", url)
    connection = "dropped" if peeked is not None and peeked.get("connection") else None
    return DbTarget(url, run.latency_of(url), "rule" if peeked is not None else None, connection)


class RuleShapeError(Exception):
    """A response rule whose body cannot be a database's reply: a mistake in the rules."""


def sql_reply(target, what):
    """("rows", rows, count, simulated) or ("error", message, fields) from the answer's body."""
    if target.source == "default":
        return ("rows", [], None, True)
    text = target.body.decode("utf-8", errors="replace")
    if not text.strip():
        return ("rows", [], None, False)
    try:
        value = _json.loads(text)
    except ValueError:
        raise RuleShapeError(
            f"{what}: the response rule {target.rule!r} answered text; a query's answer is JSON: an "
            'array of rows, {"rows": [...], "rowCount": N}, or {"error": {"message": "...", "code": "..."}}'
        ) from None
    if value is None:
        return ("rows", [], None, False)
    if isinstance(value, list):
        return ("rows", [_row(v) for v in value], None, False)
    if isinstance(value, dict):
        if "error" in value:
            message, fields = error_fields(value["error"])
            return ("error", message, fields)
        if isinstance(value.get("rows"), list):
            count = next((value[k] for k in ("rowCount", "affectedRows", "count") if isinstance(value.get(k), int)), None)
            return ("rows", [_row(v) for v in value["rows"]], count, False)
        return ("rows", [value], None, False)
    return ("rows", [{"value": value}], None, False)


def error_fields(error):
    if isinstance(error, dict):
        fields = {k: v for k, v in error.items() if k != "message"}
        message = error.get("message")
        return (message if isinstance(message, str) else _json.dumps(error)), fields
    return str(error), {}


def _row(value):
    return value if isinstance(value, dict) else {"value": value}


def sql_command(sql):
    for word in str(sql).split():
        if word.startswith("--"):
            continue
        return "".join(ch for ch in word if ch.isalpha()).upper()
    return ""


def short_sql(sql, limit=80):
    flat = " ".join(str(sql).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def connect_sync(url, line, timeout, note):
    """One connect on the caller's clock: network.OK, REFUSED or a timeout outcome. `timeout`
    (seconds, None for none) bounds the whole connection: a dropped host, or one slower than it."""
    target = connect_target(url)
    return network.exchange_sync("CONNECT", target, line, connect=timeout, read=timeout, note=note)


def query_sync(url, line, timeout, note, shape=None, verb="QUERY"):
    """One round trip on the caller's clock: (outcome, target)."""
    target = round_trip_target(url, verb)
    if shape is not None:
        target = shape(target)
    return network.exchange_sync(verb, target, line, read=timeout, note=note), target


def statement_timeout_shape(ms, message="canceling statement due to statement timeout", code="57014"):
    """The server cancels a statement that runs past statement_timeout: its error arrives then."""
    def shape(target):
        if ms and ms > 0 and target.connection is None and target.latency * 1000 > ms:
            target.latency = ms / 1000
            target.body = _json.dumps({"error": {"message": message, "code": code}}).encode()
            # the simulated server decided this answer
            target.source = "service"
        return target
    return shape


# ---- libpq (psycopg2 and psycopg 3 both connect through it) -------------------------------------

# libpq's compiled-in port (DEF_PGPORT) and host (DefaultHost "localhost"), fe-connect.c.
LIBPQ_PORT = 5432
LIBPQ_HOST = "localhost"


def parse_libpq(dsn, kwargs, environ):
    """libpq's connection parameters from a conninfo string ("host=... port=...") or a URI
    (postgresql://user:pw@host:port/db?key=value), then keyword arguments (which win), then the
    PG* environment variables, then the compiled-in defaults. Returns a dict of strings."""
    params = {}
    text = (dsn or "").strip()
    if text.startswith(("postgresql://", "postgres://")):
        from urllib.parse import parse_qsl, unquote, urlsplit

        parts = urlsplit(text)
        if parts.hostname:
            params["host"] = unquote(parts.hostname)
        try:
            if parts.port:
                params["port"] = str(parts.port)
        except ValueError:
            pass
        if parts.username:
            params["user"] = unquote(parts.username)
        if parts.password:
            params["password"] = unquote(parts.password)
        if parts.path.strip("/"):
            params["dbname"] = unquote(parts.path.strip("/"))
        for key, value in parse_qsl(parts.query):
            params[key] = value
    elif text:
        import shlex

        try:
            words = shlex.split(text)
        except ValueError as error:
            raise ValueError(f"invalid connection option string: {error}") from None
        for word in words:
            key, sep, value = word.partition("=")
            if not sep:
                raise ValueError(f'missing "=" after "{word}" in connection info string')
            params[key.strip()] = value
    for key, value in kwargs.items():
        if value is None:
            continue
        params["dbname" if key == "database" else key] = str(value)
    for key, env in (("host", "PGHOST"), ("port", "PGPORT"), ("dbname", "PGDATABASE"), ("user", "PGUSER"),
                     ("connect_timeout", "PGCONNECT_TIMEOUT"), ("options", "PGOPTIONS")):
        if key not in params and environ.get(env):
            params[key] = environ[env]
    params.setdefault("host", LIBPQ_HOST)
    params.setdefault("port", str(LIBPQ_PORT))
    params.setdefault("dbname", params.get("user", ""))
    return params


def libpq_connect_timeout(params):
    """connect_timeout in seconds, None when unset, zero or negative (libpq: wait indefinitely)."""
    text = params.get("connect_timeout")
    if text in (None, ""):
        return None
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ValueError(f'invalid integer value "{text}" for connection option "connect_timeout"') from None
    return value if value > 0 else None


_UNITS_MS = {"us": 0.001, "ms": 1, "s": 1000, "min": 60000, "h": 3600000, "d": 86400000}


def statement_timeout_ms(options):
    """statement_timeout from libpq's `options` (-c statement_timeout=5000, or =5s): ms, 0 for none."""
    import re

    match = re.search(r"(?:-c\s*|--)statement[_-]timeout\s*=\s*'?(\d+(?:\.\d+)?)\s*([a-z]*)", options or "")
    if not match:
        return 0
    unit = _UNITS_MS.get(match.group(2) or "ms")
    return float(match.group(1)) * unit if unit else 0


def libpq_failure(params, what):
    """libpq's text for a connection that failed (emitHostIdentityInfo + the reason). The simulator
    has no DNS: a name stands in for its own address, so libpq prints the form it uses when the
    address is the host itself; localhost is 127.0.0.1."""
    host = params.get("hostaddr") or params.get("host") or LIBPQ_HOST
    port = params.get("port") or str(LIBPQ_PORT)
    if host == "localhost" and not params.get("hostaddr"):
        head = f'connection to server at "{host}" (127.0.0.1), port {port} failed: '
    else:
        head = f'connection to server at "{host}", port {port} failed: '
    if what == "refused":
        return head + "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n"
    return head + "timeout expired\n"


async def connect_async(url, line, timeout, note):
    """One connect on the running loop; `timeout` (seconds, None for none) bounds all of it."""
    import asyncio

    target = connect_target(url)
    total_by = None if timeout is None else asyncio.get_running_loop().time() + timeout
    return await network.exchange_async("CONNECT", target, line, connect_by=total_by, total_by=total_by, note=note)


async def query_async(url, line, timeout, note, shape=None, verb="QUERY"):
    """One round trip on the running loop: (outcome, target)."""
    import asyncio

    target = round_trip_target(url, verb)
    if shape is not None:
        target = shape(target)
    total_by = None if timeout is None else asyncio.get_running_loop().time() + timeout
    return await network.exchange_async(verb, target, line, total_by=total_by, note=note), target
