"""One world model behind every simulated HTTP client.

No request leaves. A call gets the answer of the first matching response rule, else a service
model's (api.runpod.ai), else the default: status 200 and a JSON body echoing {"ok": true, "url":
...} after the host's latency rule. lib/runner/world decides rules and latency; the engine passes
it in as a bridge, so Python and JS answer alike.

Connect vs read: a host's latency is modelled as time to the first response byte on a
connection that opens at once. So a connect timeout never fires; a read timeout shorter than the
latency fails at exactly the read timeout (requests' timeout=(3, 10) to a 45 s host raises
ReadTimeout at 10 s), and a call with no timeout waits for the host however long that is.

One host is modelled as the service it is: api.runpod.ai, RunPod's queue-based endpoint API (see
RunPodQueue below). There the host's latency rule is how long each job takes from submission to
COMPLETED, and /runsync, /run, /status and /cancel answer as RunPod documents them.
"""

import asyncio
import http
import json as _json
import socket
import sys
import urllib.error
import urllib.request
import uuid
from email.message import Message
from urllib.parse import parse_qs, urlsplit

from . import state


class Target:
    """One call: where it goes, how long until the answer, and the answer (status, headers, body).

    Made when the request is sent, so stateful answers (a rule's sequence, RunPodQueue's jobs) see
    calls in order. Who answers, in order: the first matching response rule (lib/runner/world),
    else a service model of the host (RunPodQueue), else the default answer. `source` records
    which, and the network span carries it, so the result can say which calls got the default."""

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
        self.headers = dict(answer.get("headers") or {})
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


def body_bytes(url):
    return _json.dumps({"ok": True, "url": url}).encode()


class RunPodQueue:
    """api.runpod.ai/v2/<endpoint_id>/...: RunPod's queue-based endpoint API, per
    docs.runpod.io/serverless/endpoints/operation-reference and runpod-python 1.12.0's client.

    The host's latency rule is the job's duration: seconds from submission until the job is
    COMPLETED (queue time and execution together). The calls themselves answer at once
    (REPLY_SECONDS), except /runsync, which holds the request until the job completes or its wait
    runs out: 90 s by default, `?wait=` in milliseconds clamped to 1000-300000. When the wait runs
    out first it answers {"id", "status": "IN_PROGRESS"} and the job keeps running.

    /run answers {"id", "status": "IN_QUEUE"}; /status/<id> answers IN_PROGRESS until the job is
    done, then {"id", "status": "COMPLETED", "output"}; /cancel/<id> stops a job that has not
    finished (CANCELLED) and leaves a finished one as it is. The output is a placeholder,
    {"ok": true}: the simulated endpoint runs no handler. Not modelled: execution policies
    (executionTimeout, ttl), webhooks, /stream, /retry, /health, result expiry, rate limits; any
    other path gets the generic answer. An id this run never submitted gets a 404 (RunPod documents
    a 404 for a job whose TTL expired; the body here is the simulator's own).
    """

    HOST = "api.runpod.ai"
    REPLY_SECONDS = 0.05
    RUNSYNC_WAIT_MS = (1000, 90_000, 300_000)  # min, default, max of ?wait=

    @classmethod
    def reply(cls, method, parts):
        path = [p for p in parts.path.split("/") if p]
        if len(path) < 3 or path[0] != "v2":
            return None
        operation, rest = path[2], path[3:]
        run = state.current
        jobs = getattr(run, "runpod_jobs", None)
        if jobs is None:
            jobs = run.runpod_jobs = {}
        now = run.now()
        if method == "POST" and operation in ("run", "runsync") and not rest:
            duration = run.latency_of(parts.geturl())
            sync = operation == "runsync"
            job_id = f"sync-{uuid.uuid4()}" if sync else f"{uuid.uuid4()}-u1"
            jobs[job_id] = {"done_at": now + duration, "cancelled": False}
            if not sync:
                return cls.REPLY_SECONDS, 200, {"id": job_id, "status": "IN_QUEUE"}
            low, default, high = cls.RUNSYNC_WAIT_MS
            try:
                wait_ms = int(parse_qs(parts.query).get("wait", [default])[0])
            except ValueError:
                wait_ms = default
            wait = min(max(wait_ms, low), high) / 1000
            if duration <= wait:
                return duration, 200, cls._state(job_id, jobs[job_id], now + duration)
            return wait, 200, {"id": job_id, "status": "IN_PROGRESS"}
        if operation in ("status", "cancel") and len(rest) == 1:
            job_id = rest[0]
            job = jobs.get(job_id)
            if job is None:
                return cls.REPLY_SECONDS, 404, {"error": f"simulated: no job {job_id} was submitted in this run"}
            answered_at = now + cls.REPLY_SECONDS
            if operation == "cancel" and method == "POST":
                if answered_at < job["done_at"]:
                    job["cancelled"] = True
                return cls.REPLY_SECONDS, 200, {"id": job_id, "status": "CANCELLED" if job["cancelled"] else "COMPLETED"}
            if method == "GET":
                return cls.REPLY_SECONDS, 200, cls._state(job_id, job, answered_at)
        return None

    @staticmethod
    def _state(job_id, job, at):
        if job["cancelled"]:
            return {"id": job_id, "status": "CANCELLED"}
        if at >= job["done_at"]:
            return {"id": job_id, "status": "COMPLETED", "output": {"ok": True}}
        return {"id": job_id, "status": "IN_PROGRESS"}


def _format(seconds):
    return f"{seconds:g}"


def _open(method, target, line):
    run = state.current
    span = run.open_span(
        "network", run.event_boundary(line), line, f"{method} {target.url}",
        host=state.current.host_of(target.url), latency=target.latency,
    )
    span["answer"] = target.source
    if target.connection is None:
        span["status"] = target.status
    return span


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
    if not wait_sync(method, target, timeout, line):
        # CPython: the connection opens, then the read of the status line times out in
        # http.client, which urlopen lets through unwrapped.
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
