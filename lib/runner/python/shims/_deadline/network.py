"""One world model behind every simulated network client.

No request leaves. A call gets the answer of the first matching response rule, else a service
model's (api.runpod.ai, see services.py), else the default: status 200 and a JSON body echoing
{"ok": true, "url": ...} after the host's latency rule. lib/runner/world decides rules and
latency; the engine passes it in as a bridge, so Python and JS answer alike.

Connect vs read: a host's latency is time to the first response byte on a connection that opens
at once, so a read timeout shorter than the latency fails at exactly the read timeout (requests'
timeout=(3, 10) to a 45 s host raises ReadTimeout at 10 s) and a call with no read timeout waits
for the host however long that is. A rule's `connection` changes the connect: "refused" fails at
once (nothing listens), "dropped" never connects, so the client's connect timeout fires, or, with
none, the call waits until the deadline. (A real kernel gives up on an unanswered SYN after its
own retries, about 127 s on Linux's defaults; the simulator does not model the kernel.)

Every client stub makes its attempts through exchange_sync / exchange_async, one network span per
attempt, and raises its own library's exception for the outcome.
"""

import asyncio
import http
import json as _json
import math
import socket
import sys
import urllib.error
import urllib.request
from email.message import Message
from urllib.parse import urlsplit

from . import state
from .services import RunPodQueue

OK = "ok"
REFUSED = "refused"
CONNECT_TIMEOUT = "connect timeout"
READ_TIMEOUT = "read timeout"
TOTAL_TIMEOUT = "total timeout"


class Target:
    """One call: where it goes, how long until the answer, and the answer (status, headers, body).

    Made when the request is sent, so stateful answers (a rule's sequence, RunPodQueue's jobs) see
    calls in order: a retry makes a new Target. Who answers, in order: the first matching response
    rule (lib/runner/world), else a service model of the host (RunPodQueue), else the default
    answer. `source` records which, and the network span carries it, so the result can say which
    calls got the default. Header names are lower-case."""

    __slots__ = ("url", "scheme", "host", "port", "latency", "status", "headers", "body", "source", "connection", "rule")

    def __init__(self, url, method="GET"):
        parts = urlsplit(url)
        self.url = url
        self.scheme = parts.scheme.lower()
        self.host = (parts.hostname or "").lower()
        try:
            port = parts.port
        except ValueError:
            port = None
        self.port = port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(self.scheme)
        method = str(method).upper()
        run = state.current
        self.connection = None
        self.rule = None
        answer = run.respond(method, url)
        if answer is not None:
            self._take(answer)
            return
        reply = RunPodQueue.reply(method, parts) if self.host == RunPodQueue.HOST else None
        if reply is not None:
            self.latency, self.status, body = reply
            self.headers = {"content-type": "application/json"}
            self.body = _json.dumps(body).encode()
            self.source = "service"
            return
        self._take(run.fallback(url))

    def _take(self, answer):
        self.latency = float(answer["latency"])
        self.status = int(answer["status"])
        self.headers = {str(k).lower(): str(v) for k, v in (answer.get("headers") or {}).items()}
        self.body = str(answer.get("body", "")).encode()
        self.source = answer["source"]
        self.connection = answer.get("connection")
        self.rule = answer.get("rule")

    @property
    def reason(self):
        try:
            return http.HTTPStatus(self.status).phrase
        except ValueError:
            return ""

    @property
    def content_type(self):
        return self.headers.get("content-type", "application/json")

    def json(self):
        """The body as JSON, or None when it is not JSON."""
        try:
            return _json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


def body_bytes(url):
    return _json.dumps({"ok": True, "url": url}).encode()


def _format(seconds):
    return f"{round(seconds, 3):g}"


def _open(method, target, line, note=None):
    run = state.current
    label = f"{method} {target.url}"
    if note:
        label += f" [{note}]"
    span = run.open_span(
        "network", run.event_boundary(line), line, label,
        host=state.current.host_of(target.url), latency=target.latency,
    )
    span["answer"] = target.source
    if target.connection is None:
        span["status"] = target.status
    return span


def _label(outcome, seconds, names=None):
    """What happened, for the span label. `names` renames a timeout as the library calls it."""
    name = (names or {}).get(outcome, outcome)
    if outcome == REFUSED:
        return " (connection refused)"
    if outcome == CONNECT_TIMEOUT:
        return f" ({name} after {_format(seconds)} s: the connection was dropped)"
    if outcome in (READ_TIMEOUT, TOTAL_TIMEOUT):
        return f" ({name} after {_format(seconds)} s)"
    return ""


def exchange_sync(method, target, line, connect=None, read=None, note=None):
    """One attempt on the caller's clock: connect, then wait for the answer.

    `connect` and `read` are timeouts in seconds, None for none. Returns OK, REFUSED,
    CONNECT_TIMEOUT or READ_TIMEOUT; the caller raises its library's error for it."""
    run = state.current
    span = _open(method, target, line, note)
    try:
        if target.connection == REFUSED:
            span["label"] += _label(REFUSED, 0)
            run.wait(0, line)
            return REFUSED
        if target.connection == "dropped":
            if connect is None:
                span["label"] += " (connection dropped; no connect timeout, so it waits)"
                run.wait(state.INF, line)
            run.wait(connect, line)
            span["label"] += _label(CONNECT_TIMEOUT, connect)
            return CONNECT_TIMEOUT
        if read is not None and target.latency > read:
            run.wait(read, line)
            span["label"] += _label(READ_TIMEOUT, read)
            return READ_TIMEOUT
        run.wait(target.latency, line)
        return OK
    finally:
        span["end"] = run.now()
        run.after_event()


def wait_sync(method, target, give_up_after, line, why="read timeout"):
    """A read-only wait (no connect phase): True when the answer came before give_up_after."""
    return exchange_sync(method, target, line, read=give_up_after) == OK


async def exchange_async(method, target, line, connect_by=None, read=None, total_by=None, note=None,
                         names=None):
    """One attempt on the running loop. connect_by and total_by are loop.time() values (None for
    none); read is seconds after the connection opens. Returns OK, REFUSED, CONNECT_TIMEOUT,
    READ_TIMEOUT or TOTAL_TIMEOUT. `names` renames timeouts in the span label as the library
    calls them (aiohttp's "sock_read timeout")."""
    run = state.current
    loop = asyncio.get_running_loop()
    span = _open(method, target, line, note)
    now = loop.time()
    if target.connection == REFUSED:
        outcome, at = REFUSED, now
    elif target.connection == "dropped":
        limits = [t for t in (connect_by, total_by) if t is not None]
        at = min(limits) if limits else math.inf
        outcome = TOTAL_TIMEOUT if total_by is not None and at == total_by and at != connect_by else CONNECT_TIMEOUT
    else:
        arrive = now + target.latency
        read_by = None if read is None else now + read
        limits = [t for t in (read_by, total_by) if t is not None]
        give_up = min(limits) if limits else None
        if give_up is None or arrive <= give_up:
            outcome, at = OK, arrive
        else:
            outcome, at = (TOTAL_TIMEOUT if give_up == total_by else READ_TIMEOUT), give_up
    waiter = loop.create_future()
    handle = None if at == math.inf else loop.call_at(at, _release, waiter)
    if handle is None:
        span["label"] += " (connection dropped; no connect timeout, so it waits)"
    try:
        await waiter
        span["label"] += _label(outcome, at - now, names)
        return outcome
    finally:
        if handle is not None:
            handle.cancel()
        if run.stop is None:
            span["end"] = run.now()
            run.after_event()


async def wait_async(method, target, give_up_at, line, why="timeout"):
    """A read-only wait on the loop: True when the answer arrived before give_up_at (loop time)."""
    return await exchange_async(method, target, line, total_by=give_up_at, names={TOTAL_TIMEOUT: why}) == OK


def _release(waiter):
    if not waiter.done():
        waiter.set_result(None)


def caller_line():
    """The user's line that made the call, from inside a client stub."""
    return state.current.user_line(sys._getframe(1))


def sleep(seconds, line, label):
    """A client library's own wait (a retry backoff): a sleep span on the caller's clock."""
    state.current.timed_wait("sleep", seconds, line, label)


async def sleep_async(seconds, label):
    """A client library's own wait on the running loop, shown as its own span."""
    run = state.current
    line = caller_line()
    span = run.open_span("sleep", run.event_boundary(line), line, label)
    try:
        await asyncio.sleep(seconds)
    finally:
        if run.stop is None:
            span["end"] = run.now()
            run.after_event()


# ---- WebSocket messages ----------------------------------------------------------------------

CLOSED = "closed"


class WsMessages:
    """The messages a simulated WebSocket receives: each recv takes the next answer of the
    response rule matching `WS <url>`; the answer's latency is how long after the recv began the
    message arrives, its json/text the message, and an answer with `connection` closes the socket.
    With no rule, or once the rule's last answer has used up its `times`, no message comes. A
    message still on its way when a recv gives up (its timeout, a cancelled await) is kept, and
    the next recv gets it when it arrives."""

    def __init__(self, url):
        self.url = url
        self.pending = None  # (arrives_at in run time, text or CLOSED, source)

    def _next(self):
        if self.pending is not None:
            return self.pending
        run = state.current
        answer = run.respond("WS", self.url)
        if answer is None:
            return None
        text = CLOSED if answer.get("connection") else str(answer.get("body", ""))
        self.pending = (run.now() + float(answer["latency"]), text, answer["source"])
        return self.pending

    def _span(self, line, source):
        run = state.current
        span = run.open_span("network", run.event_boundary(line), line, f"WS {self.url} recv",
                             host=run.host_of(self.url), latency=0)
        if source:
            span["answer"] = source
        return span

    def recv_sync(self, timeout, line):
        """The message text, CLOSED, or None when `timeout` (seconds, None for none) ran out."""
        run = state.current
        item = self._next()
        span = self._span(line, item[2] if item else None)
        try:
            if item is None:
                span["label"] += " (no message is coming" + (f"; timed out after {_format(timeout)} s)" if timeout is not None else ")")
                run.wait(state.INF if timeout is None else timeout, line)
                return None
            wait = max(0.0, item[0] - run.now())
            span["latency"] = round(wait, 6)
            if timeout is not None and wait > timeout:
                run.wait(timeout, line)
                span["label"] += f" (timed out after {_format(timeout)} s; the next message is {_format(wait - timeout)} s away)"
                return None
            run.wait(wait, line)
            self.pending = None
            span["label"] += " (connection closed)" if item[1] == CLOSED else " (message)"
            return item[1]
        finally:
            span["end"] = run.now()
            run.after_event()

    async def recv_async(self, line):
        """The message text or CLOSED; with no message coming it waits (until the deadline, or
        until the caller's asyncio timeout cancels it)."""
        run = state.current
        loop = asyncio.get_running_loop()
        item = self._next()
        span = self._span(line, item[2] if item else None)
        waiter = loop.create_future()
        handle = None
        try:
            if item is None:
                span["label"] += " (no message is coming)"
            else:
                wait = max(0.0, item[0] - run.now())
                span["latency"] = round(wait, 6)
                handle = loop.call_at(loop.time() + wait, _release, waiter)
            await waiter
            self.pending = None
            span["label"] += " (connection closed)" if item[1] == CLOSED else " (message)"
            return item[1]
        except asyncio.CancelledError:
            span["label"] += " (cancelled before a message came)"
            raise
        finally:
            if handle is not None:
                handle.cancel()
            if run.stop is None:
                span["end"] = run.now()
                run.after_event()


# ---- urllib.request ------------------------------------------------------------------------


class SimulatedHTTPResponse:
    """What urllib.request.urlopen returns: enough of http.client.HTTPResponse."""

    def __init__(self, target, method):
        self.url = target.url
        self.status = target.status
        self.code = target.status
        self.reason = target.reason
        self.version = 11
        self._method = method
        self._body = target.body
        self._offset = 0
        self.headers = self.msg = Message()
        for name, value in target.headers.items():
            self.headers[name] = value
        if "Content-Type" not in self.headers:
            self.headers["Content-Type"] = target.content_type
        self.headers["Content-Length"] = str(len(self._body))
        self.closed = False

    def read(self, amt=None):
        if amt is None or amt < 0:
            amt = len(self._body) - self._offset
        chunk = self._body[self._offset:self._offset + amt]
        self._offset += len(chunk)
        return chunk

    def readline(self, limit=-1):
        rest = self._body[self._offset:]
        end = rest.find(b"\n") + 1 or len(rest)
        if limit is not None and limit >= 0:
            end = min(end, limit)
        self._offset += end
        return rest[:end]

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        return iter(self.readlines())

    def getheader(self, name, default=None):
        return self.headers.get(name, default)

    def getheaders(self):
        return list(self.headers.items())

    def info(self):
        return self.headers

    def geturl(self):
        return self.url

    def getcode(self):
        return self.status

    def close(self):
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def urlopen(url, data=None, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, *, context=None, **_ignored):
    line = caller_line()
    if isinstance(url, urllib.request.Request):
        request = url
        if data is not None:
            request.data = data
    else:
        request = urllib.request.Request(url, data)
    full_url = request.full_url
    scheme = urlsplit(full_url).scheme.lower()
    if scheme not in ("http", "https"):
        raise urllib.error.URLError(f"unknown url type: {scheme}")
    if timeout is socket._GLOBAL_DEFAULT_TIMEOUT:
        timeout = socket.getdefaulttimeout()
    method = request.get_method()
    target = Target(full_url, method)
    outcome = exchange_sync(method, target, line, connect=timeout, read=timeout)
    if outcome == REFUSED:
        # CPython's AbstractHTTPHandler.do_open wraps the OSError of the connect in URLError.
        raise urllib.error.URLError(ConnectionRefusedError(111, "Connection refused"))
    if outcome == CONNECT_TIMEOUT:
        raise urllib.error.URLError(TimeoutError("timed out"))
    if outcome == READ_TIMEOUT:
        # The connection opened; the read of the status line timed out in http.client, which
        # urlopen lets through unwrapped.
        raise TimeoutError("timed out")
    response = SimulatedHTTPResponse(target, method)
    if response.status >= 400:
        # urlopen's default HTTPErrorProcessor raises for any status outside 2xx.
        raise urllib.error.HTTPError(full_url, response.status, response.reason, response.headers, response)
    return response


def _opener_open(self, fullurl, data=None, timeout=socket._GLOBAL_DEFAULT_TIMEOUT):
    return urlopen(fullurl, data, timeout)


def _socket_connect(self, address, *args):
    raise OSError(
        "raw sockets are not simulated: make HTTP calls with requests, httpx, aiohttp or "
        "urllib.request so their latency is modelled"
    )


def install(patches):
    patches.set(urllib.request, "urlopen", urlopen)
    patches.set(urllib.request.OpenerDirector, "open", _opener_open)
    patches.set(socket.socket, "connect", _socket_connect)
    patches.set(socket.socket, "connect_ex", _socket_connect)
    previous_timeout = socket.getdefaulttimeout()
    patches.on_restore(lambda: socket.setdefaulttimeout(previous_timeout))
