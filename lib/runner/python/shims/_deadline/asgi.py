"""An ASGI server for one request on the virtual event loop, as uvicorn 0.35.0 serves it
(encode/uvicorn tag 0.35.0, daecb453).

- Lifespan ("auto"): uvicorn/lifespan/on.py sends lifespan.startup before the first request and
  waits for startup.complete; an app that raises on the lifespan scope is logged "ASGI 'lifespan'
  protocol appears unsupported." and served anyway; startup.failed is "Application startup failed.
  Exiting." and nothing is served. Startup is part of the worker's boot (init), not the request.
- The request: scope, receive() (the body, then http.disconnect once the response is sent), send().
  An exception before the response starts is logged "Exception in ASGI application" and answered
  500 "Internal Server Error" (protocols/http/h11_impl.py send_500_response); returning without a
  response is "ASGI callable returned without starting response." and a 500 too.
- The response is complete when its last body message is sent. What the app does after that
  (Starlette's BackgroundTasks) runs after the request's time is taken, and is said in a note.
- Under gunicorn the worker class is uvicorn's UvicornWorker (uvicorn/workers.py): gunicorn's
  --timeout there measures heartbeat silence, not request length. The arbiter gives workers
  timeout / 2 (gunicorn/arbiter.py spawn_worker); uvicorn's main loop checks once a second and
  notifies when more than that has passed (uvicorn/server.py on_tick); the arbiter kills a worker
  whose last notification is older than --timeout (murder_workers). So only a blocked event loop
  is killed: the simulator moves the deadline to the last notification + timeout while the loop
  runs callbacks, and lifts it while the loop is idle.
"""

import asyncio
import re
import sys

from . import entry, http_event, logs, loop, state, threads

# anyio's default thread limiter: CapacityLimiter(40) (agronholm/anyio 4.14.2,
# src/anyio/_backends/_asyncio.py current_default_thread_limiter), which Starlette's
# run_in_threadpool uses for plain `def` endpoints and dependencies.
THREADPOOL_TOKENS = 40

# A stretch of the loop running one callback longer than this is worth a note.
BLOCK_NOTE_SECONDS = 1.0

# Where an ASGI app is itself the entry (on Azure it is served through func.AsgiFunctionApp, whose
# function is the entry; on Modal through @modal.asgi_app).
PLATFORMS = ("gunicorn", "heroku", "cloud-run", "vercel")


class _Pool:
    """The executor Starlette hands sync work to: anyio's 40-token thread limiter."""

    def __init__(self):
        self._deadline_pool = threads.VirtualPool(THREADPOOL_TOKENS)


def threadpool():
    run = state.current
    pool = getattr(run, "_asgi_threadpool", None)
    if pool is None:
        pool = run._asgi_threadpool = _Pool()
    return pool


async def run_in_threadpool(func, *args, **kwargs):
    import functools

    event_loop = asyncio.get_running_loop()
    run = state.current
    event_loop._deadline_next_line = run.caller_line(2)
    return await event_loop.run_in_executor(threadpool(), functools.partial(func, *args, **kwargs))


def _uvicorn_log(level, message):
    # uvicorn's default formatter: "%(levelprefix)s %(message)s", the level padded to 8 + colon.
    sys.stderr.write(f"{level}:{' ' * (8 - len(level))} {message}\n")


class ServerLoop(loop.VirtualEventLoop):
    """The worker's event loop: notes callbacks that block it, and under gunicorn's UvicornWorker
    keeps the deadline at the last heartbeat + --timeout while it is busy."""

    def __init__(self, heartbeat):
        super().__init__()
        self._heartbeat = heartbeat
        self._awake_since = None
        self._last_notify = None
        self._next_check = None
        self.blocks = []

    def start_heartbeat(self, now):
        self._last_notify = now
        self._next_check = now + 1.0
        self._awake_since = now

    def _tick(self, now):
        """uvicorn's on_tick, once a second of loop time: notifies when over timeout / 2."""
        run = state.current
        half = run.timeout / 2.0
        while self._next_check is not None and self._next_check <= now:
            if self._next_check - self._last_notify > half:
                self._last_notify = self._next_check
            self._next_check += 1.0

    def _virtual_wait(self, timeout):
        run = state.current
        now = run.now()
        if self._awake_since is not None and run.phase == "handler":
            busy = now - self._awake_since
            if busy > BLOCK_NOTE_SECONDS:
                self.blocks.append((self._awake_since, now))
        if self._heartbeat and run.phase == "handler" and self._last_notify is not None:
            # Idle: the main loop runs its overdue tick at once, then keeps notifying.
            if self._next_check <= now:
                if now - self._last_notify > run.timeout / 2.0:
                    self._last_notify = now
                self._next_check = now + 1.0
            run.wall_limit = state.INF
            run.deadline_at = None
            try:
                super()._virtual_wait(timeout)
            finally:
                self._tick(run.now())
                run.wall_limit = self._last_notify + run.timeout
                run.deadline_at = run.wall_limit
                self._awake_since = run.now()
            return
        try:
            super()._virtual_wait(timeout)
        finally:
            self._awake_since = run.now()

    def _awaiting_line(self):
        line = super()._awaiting_line()
        if line is not None:
            return line
        run = state.current
        # The app runs in a task of its own (as uvicorn's protocol runs it): where it awaits.
        app_task = getattr(self, "_deadline_app_task", None)
        if app_task is not None:
            line = loop.awaiting_line(app_task, run.filename)
            if line is not None:
                return line
        # Nothing of the user's is awaiting on the loop: the endpoint itself is on a thread (a
        # plain `def`). Where that thread was when the deadline cut it off is the line.
        cut = None
        for span in run.spans:
            end = span.get("end")
            if span.get("line") is not None and end is not None and run.wall_limit != state.INF and end >= run.wall_limit - 1e-6:
                if cut is None or span["start"] >= cut["start"]:
                    cut = span
        return cut["line"] if cut is not None else None

    def run_in_executor(self, executor, func, *args):
        run = state.current
        if not (self._heartbeat and run.phase == "handler"):
            return super().run_in_executor(executor, func, *args)
        # Work on a thread does not block the loop: the heartbeat goes on meanwhile.
        saved = run.wall_limit
        run.wall_limit = state.INF
        try:
            return super().run_in_executor(executor, func, *args)
        finally:
            run.wall_limit = saved


def _scope(request, run):
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": request.path,
        "raw_path": request.path.encode(),
        "query_string": request.query.encode(),
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in request.headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": dict(getattr(run, "_asgi_state", {})),
    }


class _Lifespan:
    def __init__(self, app, run):
        self.app = app
        self.queue = asyncio.Queue()
        self.started = asyncio.Event()
        self.failed = False
        self.unsupported = False
        self.state = {}
        run._asgi_state = self.state

    async def main(self):
        scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": self.state}
        try:
            await self.app(scope, self.receive, self.send)
        except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
            raise
        except BaseException:
            if not self.failed:
                self.unsupported = True
                _uvicorn_log("INFO", "ASGI 'lifespan' protocol appears unsupported.")
        finally:
            self.started.set()

    async def receive(self):
        return await self.queue.get()

    async def send(self, message):
        if message["type"] == "lifespan.startup.complete":
            self.started.set()
        elif message["type"] == "lifespan.startup.failed":
            self.failed = True
            if message.get("message"):
                _uvicorn_log("ERROR", message["message"])
            self.started.set()

    async def startup(self):
        asyncio.get_running_loop().create_task(self.main())
        await self.queue.put({"type": "lifespan.startup"})
        await self.started.wait()


class Exchange:
    def __init__(self, request):
        self.request = request
        # what the app raised, and when the app returned, for a run serving several (serving.py)
        self.error = None
        self.done_at = None
        self.body_sent = False
        self.start = None
        self.chunks = []
        self.complete = asyncio.Event()
        self.complete_at = None

    async def receive(self):
        if not self.body_sent:
            self.body_sent = True
            return {"type": "http.request", "body": self.request.body, "more_body": False}
        # After the request body: the next message is the client going away, which happens
        # once the response is out.
        await self.complete.wait()
        return {"type": "http.disconnect"}

    async def send(self, message):
        kind = message.get("type")
        if kind == "http.response.start":
            if self.start is not None:
                raise RuntimeError("Unexpected ASGI message 'http.response.start' sent, after response already started.")
            self.start = message
            # uvicorn writes the status line and headers on http.response.start: a proxy's wait
            # for the header ends here.
            self._progress(headers_only=True)
        elif kind == "http.response.body":
            if self.start is None:
                raise RuntimeError("Unexpected ASGI message 'http.response.body' sent, before response start.")
            if self.complete.is_set():
                raise RuntimeError("Unexpected ASGI message 'http.response.body' sent, after response already completed.")
            chunk = bytes(message.get("body", b""))
            self.chunks.append(chunk)
            if chunk:
                self._progress()
            if not message.get("more_body", False):
                self.complete_at = state.current.now()
                self.complete.set()

    def _progress(self, headers_only=False):
        run = state.current
        if run.concurrency == 1:
            run.response_progress(headers_only=headers_only)

    def response(self):
        start = self.start or {"status": 500, "headers": []}
        headers = {}
        for key, value in start.get("headers", []):
            name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
            text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
            headers[name] = f"{headers[name]}, {text}" if name in headers else text
        body, is_base64 = http_event.decode_body(b"".join(self.chunks))
        out = {"status": int(start.get("status", 500)), "headers": headers, "body": body}
        if is_base64:
            out["isBase64Encoded"] = True
        return out


async def serve(app, exchange, scope):
    """Runs the app until its response is complete; returns the task running the rest of it."""
    async def call():
        try:
            await app(scope, exchange.receive, exchange.send)
        except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
            raise
        except BaseException as error:
            exchange.done_at = state.current.now()
            _uvicorn_log("ERROR", "Exception in ASGI application\n" + logs.format_exception(error).rstrip())
            run = state.current
            exchange.error = entry.error_info(run, error)
            if run.error is None and run.concurrency == 1:
                run.error = exchange.error
                run.exception = error
            if exchange.start is None:
                await _send_500(exchange)
            elif not exchange.complete.is_set():
                exchange.complete_at = state.current.now()
                exchange.complete.set()
            return
        exchange.done_at = state.current.now()
        if exchange.start is None:
            _uvicorn_log("ERROR", "ASGI callable returned without starting response.")
            await _send_500(exchange)
        elif not exchange.complete.is_set():
            _uvicorn_log("ERROR", "ASGI callable returned without completing response.")
            exchange.complete_at = state.current.now()
            exchange.complete.set()

    task = asyncio.get_running_loop().create_task(call())
    asyncio.get_running_loop()._deadline_app_task = task
    waiter = asyncio.ensure_future(exchange.complete.wait())
    await asyncio.wait([task, waiter], return_when=asyncio.FIRST_COMPLETED)
    if not waiter.done():
        waiter.cancel()
    return task


# The names other stubs use (Azure's AsgiFunctionApp).
_Exchange = Exchange
_serve = serve


async def _send_500(exchange):
    await exchange.send({"type": "http.response.start", "status": 500,
                         "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]})
    await exchange.send({"type": "http.response.body", "body": b"Internal Server Error", "more_body": False})


class Invoke:
    """invoke(run) for an ASGI app entry (see entry.py): lifespan at boot, then one request."""

    def __init__(self, app, what):
        self.app = app
        self.what = what
        self.entry = None

    def __call__(self, run):
        platform = run.platform
        event_loop = ServerLoop(heartbeat=platform == "gunicorn")
        if event_loop._heartbeat:
            # The request may take as long as it likes while the loop keeps notifying.
            run.overrun_ok = True
        lifespan = _Lifespan(self.app, run)
        try:
            event_loop.run_until_complete(lifespan.startup())
        except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
            return
        except BaseException as error:
            run.error = entry.error_info(run, error)
            run.exception = error
            return
        if lifespan.failed:
            _uvicorn_log("ERROR", "Application startup failed. Exiting.")
            run.error = {"type": "LifespanStartupFailed", "message": "the app's lifespan startup failed, so uvicorn exits and serves no request", "line": None}
            return
        request = http_event.read(run.event)
        run.platform_detail["request"] = {"method": request.method, "url": request.target, "host": request.header("host", "localhost")}
        if event_loop._heartbeat:
            run.platform_detail["workerClass"] = "uvicorn"
        scope = _scope(request, run)
        if run.concurrency > 1:
            from . import serving

            serving.serve_asgi(run, self, request, scope)
            return
        exchange = Exchange(request)
        label = self.label(request)

        def thunk():
            if event_loop._heartbeat:
                event_loop.start_heartbeat(run.now())
            return event_loop.run_until_complete(serve(self.app, exchange, scope))

        ok, rest = entry.call(run, label, thunk)
        note_blocks(run, event_loop)
        if event_loop._heartbeat:
            _note_heartbeat(run)
        if not ok:
            return
        run.outcome = entry.json_result(exchange.response())
        if rest is not None and not rest.done():
            _after_response(run, event_loop, rest, exchange)

    def describe(self):
        return self.what

    def label(self, request):
        name = self.entry.name if self.entry is not None else "app"
        return f"{self.what} {name}: {request.method} {request.path}"


def _after_response(run, event_loop, rest, exchange):
    """Background work after the response: it runs in the worker, but the request is answered."""
    started = run.now()
    try:
        event_loop.run_until_complete(rest)
    except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
        return
    except BaseException:
        return
    spent = run.now() - started
    if spent > 0.001:
        entry.note(run, "entry", (
            f"the app kept working for {spent:.2f} s after the response was sent (background tasks); the request's time "
            "ends with the response, so that work counts against no request limit but keeps this worker busy"
        ))


def _note_heartbeat(run):
    what = (
        f"under gunicorn an ASGI app runs in uvicorn's UvicornWorker, whose --timeout ({run.timeout:g} s) counts "
        "heartbeat silence, not request length"
    )
    if run.stop is not None and run.stop["kind"] == "deadline":
        entry.note(run, "entry", (
            f"{what}: the event loop was blocked past it, so the arbiter killed the worker "
            f"{run.stop['at'] - run.handler_start:.1f} s into the request"
        ))
    elif run.handler_end is not None and run.handler_end - run.handler_start > run.timeout:
        entry.note(run, "entry", (
            f"{what}: the request took {run.handler_end - run.handler_start:.1f} s, but the loop kept notifying, "
            "so the worker was not killed"
        ))


_REQUEST_PREFIX = re.compile(r"^\[request \d+\] ")


def note_blocks(run, event_loop):
    if not event_loop.blocks:
        return
    start, end = max(event_loop.blocks, key=lambda b: b[1] - b[0])
    line = None
    for span in run.spans:
        # A thread's spans are labelled "[thread: ...]"; every request's "[request N]" when several.
        label = _REQUEST_PREFIX.sub("", span.get("label") or "")
        if span["kind"] in ("sleep", "network", "cpu", "modelled") and not label.startswith("[") \
                and span["start"] >= start - 1e-9 and (span["end"] or end) <= end + 1e-9 and span.get("line"):
            line = span["line"]
            break
    where = f" at line {line}" if line else ""
    entry.note(run, "entry", (
        f"the event loop was blocked for {end - start:.1f} s{where}: a blocking call inside an `async def` endpoint holds "
        "the whole worker, so no other request on it is served meanwhile (a plain `def` endpoint runs in the thread "
        "pool instead; or await an async client / asyncio.sleep)"
    ))


def register(app, what, line=None):
    """Declares an ASGI app as the entry on the platforms that serve one (uvicorn behind them)."""
    invoke = Invoke(app, what)
    invoke.entry = entry.register(None, app, kind="asgi", label=None, line=line, invoke=invoke, platforms=PLATFORMS)
    return invoke.entry


def registered(app):
    return any(e.fn is app for e in state.current.entries)


def unregister(app):
    """An app mounted inside another is served by that one, not on its own."""
    run = state.current
    if run is not None:
        run.entries[:] = [e for e in run.entries if e.fn is not app]

