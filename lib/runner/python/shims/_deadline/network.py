"""One latency model behind every simulated HTTP client.

No request leaves. A host answers after its modelled latency (lib/runner/latency.ts decides it:
the engine passes that function in, so Python and JS use the same rules) with status 200 and a
JSON body echoing {"ok": true, "url": ...}.

Connect vs read: a host's latency is modelled as time to the first response byte on a
connection that opens at once. So a connect timeout never fires; a read timeout shorter than the
latency fails at exactly the read timeout (requests' timeout=(3, 10) to a 45 s host raises
ReadTimeout at 10 s), and a call with no timeout waits for the host however long that is.
"""

import asyncio
import json as _json
import socket
import sys
import urllib.error
import urllib.request
from email.message import Message
from urllib.parse import urlsplit

from . import state


class Target:
    __slots__ = ("url", "scheme", "host", "port", "latency")

    def __init__(self, url):
        parts = urlsplit(url)
        self.url = url
        self.scheme = parts.scheme.lower()
        self.host = (parts.hostname or "").lower()
        try:
            port = parts.port
        except ValueError:
            port = None
        self.port = port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(self.scheme)
        self.latency = state.current.latency_of(url)


def body_bytes(url):
    return _json.dumps({"ok": True, "url": url}).encode()


def _format(seconds):
    return f"{seconds:g}"


def _open(method, target, line):
    run = state.current
    return run.open_span(
        "network", run.event_boundary(line), line, f"{method} {target.url}",
        host=state.current.host_of(target.url), latency=target.latency,
    )


def wait_sync(method, target, give_up_after, line, why="read timeout"):
    """Waits for the host on the caller's clock. False when `give_up_after` ran out first."""
    run = state.current
    span = _open(method, target, line)
    try:
        if give_up_after is not None and target.latency > give_up_after:
            run.wait(give_up_after, line)
            span["label"] += f" ({why} after {_format(give_up_after)} s)"
            return False
        run.wait(target.latency, line)
        return True
    finally:
        span["end"] = run.now()
        run.after_event()


async def wait_async(method, target, give_up_at, line, why="timeout"):
    """Waits for the host on the running loop. give_up_at is a loop.time() value or None.
    Returns True when the answer arrived, False when give_up_at came first."""
    run = state.current
    loop = asyncio.get_running_loop()
    span = _open(method, target, line)
    arrive_at = loop.time() + target.latency
    arrives = give_up_at is None or arrive_at <= give_up_at
    waiter = loop.create_future()
    handle = loop.call_at(arrive_at if arrives else give_up_at, _release, waiter)
    try:
        await waiter
        if not arrives:
            span["label"] += f" ({why})"
        return arrives
    finally:
        handle.cancel()
        if run.stop is None:
            span["end"] = run.now()
            run.after_event()


def _release(waiter):
    if not waiter.done():
        waiter.set_result(None)


def caller_line():
    """The user's line that made the call, from inside a client stub."""
    return state.current.user_line(sys._getframe(1))


# ---- urllib.request ------------------------------------------------------------------------


class SimulatedHTTPResponse:
    """What urllib.request.urlopen returns: enough of http.client.HTTPResponse."""

    def __init__(self, url, method):
        self.url = url
        self.status = 200
        self.code = 200
        self.reason = "OK"
        self.version = 11
        self._method = method
        self._body = body_bytes(url)
        self._offset = 0
        self.headers = self.msg = Message()
        self.headers["Content-Type"] = "application/json"
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
    target = Target(full_url)
    method = request.get_method()
    if not wait_sync(method, target, timeout, line):
        # CPython: the connection opens, then the read of the status line times out in
        # http.client, which urlopen lets through unwrapped.
        raise TimeoutError("timed out")
    return SimulatedHTTPResponse(full_url, method)


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
