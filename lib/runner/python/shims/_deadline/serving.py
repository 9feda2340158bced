"""Several simultaneous requests to one server (`request.concurrency`), on the virtual clock.

N copies of the run's event reach the server together once init is over. How they are served is
the server's (every figure read at the versions named in lib/runner/platforms/gunicorn.ts and
heroku.ts):

- gunicorn sync workers (plan sync): `workers` processes, each serving one request at a time; the
  rest wait in the listen queue for a free worker. --timeout is a request's limit from when a
  worker takes it (the sync worker notifies the arbiter, then accepts: workers/sync.py); past it
  the arbiter kills the worker on that request (arbiter.py murder_workers) and boots a replacement,
  which imports the app again (the init this run measured) before it takes the next request.
- gthread (plan gthread): workers x threads requests at once; the worker's main thread keeps
  notifying, so --timeout ends none of them (workers/gthread.py run).
- ASGI apps, under UvicornWorker (plan uvicorn) or uvicorn alone (Heroku): request i goes to worker
  (i - 1) mod workers, and a worker's requests run concurrently on its one event loop: a blocking
  call inside `async def` holds every request on that loop, plain `def` endpoints run on anyio's 40
  threads. Under gunicorn a loop blocked for --timeout gets the worker killed with every request
  it holds (asgi.py ServerLoop).
- Heroku's router: each request is answered H12 (503) 30 s after it reached the dyno, time queued
  in the dyno included ("includes all time spent in the dyno, including the kernel's incoming
  connection queue and the app itself", devcenter.heroku.com/articles/error-codes#h12). The dyno
  is not told and works on; the timeline shows it. The dyno's own server timeout (gunicorn's
  --timeout) is not applied there: simulate on the gunicorn platform for that.

Workers and threads are read as the server reads them: gunicorn takes gunicorn.conf.py (in a
handler's project, literal values only), then GUNICORN_CMD_ARGS, over its defaults (workers:
$WEB_CONCURRENCY or 1; threads: 1) (gunicorn/config.py, app/base.py load_config); uvicorn takes
$WEB_CONCURRENCY or 1 (uvicorn/config.py). On Heroku an unset WEB_CONCURRENCY is what the Python
buildpack sets on the smallest dynos, 2. Each request's spans are labelled "[request N] ...",
and the result lists what every request got, with the overall verdict from the first that timed
out.
"""

import ast
import os
import shlex

from . import entry, state

# How far past the platform's timeout the simulator follows work that no limit ends (the Heroku
# dyno after H12, a gthread request): never less than an hour of virtual time.
FOLLOW_SECONDS = 3600.0
FOLLOW_FACTOR = 10

# heroku/heroku-buildpack-python vendor/WEB_CONCURRENCY.sh (b4e7e721): Eco, Basic and Standard-1X
# dynos get 2 (capped by their 512 MB), Standard-2X 4, Performance-M 5, Performance-L 17.
HEROKU_WEB_CONCURRENCY = 2

_CONFIG_KEYS = {"workers": int, "threads": int, "worker_class": str, "timeout": (int, float)}


class Served:
    """What one request got. Times are virtual seconds of the run."""

    __slots__ = ("index", "arrived", "started", "answered", "finished", "verdict", "line", "status", "error",
                 "result", "cut", "worker")

    def __init__(self, index, arrived):
        self.index = index
        self.arrived = arrived
        self.started = None
        self.answered = None
        self.finished = None
        self.verdict = "ok"
        self.line = None
        self.status = None
        self.error = None
        self.result = None
        # Who ended it before it answered: "killed" (gunicorn killed the worker), "router" (Heroku's
        # H12), "follow" (the simulator stopped following it), None when it answered.
        self.cut = None
        self.worker = None

    def export(self):
        elapsed = (self.answered if self.answered is not None else self.arrived) - self.arrived
        out = {
            "index": self.index,
            "verdict": self.verdict,
            "line": self.line,
            "elapsedSeconds": round(max(0.0, elapsed), 6),
            "status": self.status,
            "queuedSeconds": round(max(0.0, (self.started if self.started is not None else self.answered or self.arrived) - self.arrived), 6),
            "error": self.error,
        }
        if self.finished is not None and self.answered is not None and self.finished > self.answered + 1e-6:
            # The server went on after the client had its answer (Heroku's dyno after H12).
            out["finishedSeconds"] = round(self.finished - self.arrived, 6)
        if self.result is not None and self.verdict != "timeout":
            out["result"] = self.result
        if self.worker is not None:
            out["worker"] = self.worker
        return out


# ---- which entries can serve several ---------------------------------------------------------------

PLATFORMS = ("gunicorn", "heroku")


def prepare(run, chosen):
    """Before a run with concurrency > 1 calls its entry: True when the entry is a server that can
    take simultaneous requests (a plain WSGI callable is served like a Flask app); otherwise False
    with run.error saying what --concurrency is for."""
    from . import asgi, wsgi

    if chosen.kind == "wsgi" and not isinstance(chosen.invoke, wsgi.Invoke):
        invoke = wsgi.Invoke(chosen.fn, "WSGI app")
        invoke.entry = chosen
        chosen.invoke = invoke
    server = isinstance(chosen.invoke, (wsgi.Invoke, asgi.Invoke))
    if server and run.platform in PLATFORMS:
        return True
    where = (
        f"the {chosen.kind} entry {chosen.name}" if not server
        else f"a {chosen.kind.upper()} app on {run.platform}"
    )
    run.error = {"type": "ConcurrencyUnsupported", "line": chosen.line, "message": (
        f"{run.concurrency} simultaneous requests are simulated for servers: a WSGI or ASGI app on gunicorn or "
        f"heroku, where requests share workers and queue. This run's entry is {where}; "
        + ("on this platform each request gets an instance of its own, so one request shows what each would: "
           "drop --concurrency" if not server else "simulate it on --platform gunicorn or heroku, or drop --concurrency")
    )}
    return False


# ---- settings -----------------------------------------------------------------------------------


class Settings:
    def __init__(self):
        self.workers = 1
        self.threads = 1
        self.worker_class = None
        self.timeout = None
        # where each figure came from, for the note
        self.said = {}


def _int(value, what, problems):
    try:
        number = int(str(value))
    except ValueError:
        problems.append(f"{what}={value!r} is not a whole number; ignored")
        return None
    if number < 1:
        problems.append(f"{what}={value!r} must be 1 or more; ignored")
        return None
    return number


def _from_config_file(run, settings, problems):
    project = run.project
    if project is None:
        return
    path = os.path.join(project.root, "gunicorn.conf.py")
    try:
        text = project.read(path)
    except ImportError:
        return
    try:
        tree = ast.parse(text, path)
    except SyntaxError as error:
        problems.append(f"gunicorn.conf.py does not parse ({error.msg}, line {error.lineno}); not read")
        return
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            continue
        name = node.targets[0].id
        if name not in _CONFIG_KEYS:
            continue
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            # gunicorn runs the file; the simulator reads it and does not: a computed value (the
            # docs' `multiprocessing.cpu_count() * 2 + 1`) is unknown here.
            problems.append(
                f"gunicorn.conf.py line {node.lineno} computes {name}; the simulator reads only literal values "
                f"(set WEB_CONCURRENCY or GUNICORN_CMD_ARGS in the run's environment instead)"
            )
            continue
        _set(settings, name, value, f"gunicorn.conf.py line {node.lineno}", problems)


def _set(settings, name, value, where, problems):
    if name in ("workers", "threads"):
        number = _int(value, name, problems)
        if number is not None:
            setattr(settings, name, number)
            settings.said[name] = where
    elif name == "timeout":
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            problems.append(f"timeout={value!r} ({where}) is not a number of seconds; ignored")
            return
        settings.timeout = seconds
        settings.said["timeout"] = where
    elif name == "worker_class":
        settings.worker_class = str(value)
        settings.said["worker_class"] = where


def _from_cmd_args(settings, problems):
    text = os.environ.get("GUNICORN_CMD_ARGS")
    if not text:
        return
    try:
        words = shlex.split(text)
    except ValueError as error:
        problems.append(f"GUNICORN_CMD_ARGS does not parse ({error}); ignored")
        return
    options = {"-w": "workers", "--workers": "workers", "--threads": "threads", "-k": "worker_class",
               "--worker-class": "worker_class", "-t": "timeout", "--timeout": "timeout"}
    index = 0
    while index < len(words):
        word = words[index]
        key, eq, inline = word.partition("=")
        name = options.get(key if eq else word)
        if name is not None:
            if eq:
                value = inline
            elif index + 1 < len(words):
                index += 1
                value = words[index]
            else:
                problems.append(f"GUNICORN_CMD_ARGS ends with {word} and no value; ignored")
                break
            _set(settings, name, value, "GUNICORN_CMD_ARGS", problems)
        index += 1


def server_settings(run, asgi):
    """Workers, threads, worker class and timeout as the server in front of the app reads them."""
    settings = Settings()
    problems = []
    web = os.environ.get("WEB_CONCURRENCY")
    if web is not None:
        number = _int(web, "WEB_CONCURRENCY", problems)
        if number is not None:
            settings.workers = number
            settings.said["workers"] = "WEB_CONCURRENCY"
    elif run.platform == "heroku":
        settings.workers = HEROKU_WEB_CONCURRENCY
        settings.said["workers"] = (
            "WEB_CONCURRENCY as Heroku's Python buildpack sets it on Eco, Basic and Standard-1X dynos "
            "(4 on Standard-2X, 5 on Performance-M: set it in the run's environment for another size)"
        )
    if run.platform == "gunicorn" or (run.platform == "heroku" and not asgi):
        _from_config_file(run, settings, problems)
        _from_cmd_args(settings, problems)
    for problem in problems:
        entry.note(run, "entry", problem)
    return settings


def apply_timeout(run, settings):
    """gunicorn's --timeout from its config when the run gave none (the run's own is the command
    line's, which gunicorn reads last)."""
    if settings.timeout is None or run.platform != "gunicorn":
        return
    if not run.timeout_given:
        run.timeout = settings.timeout
        entry.note(run, "plan", f"--timeout is {settings.timeout:g} s, from {settings.said['timeout']}")
    elif float(settings.timeout) != float(run.timeout):
        entry.note(run, "plan", (
            f"{settings.said['timeout']} sets timeout = {settings.timeout:g}, but the run's timeout ({run.timeout:g} s) "
            "is the command line's --timeout, which gunicorn reads last"
        ))


def _note_worker_class(run, settings, asgi):
    if run.platform != "gunicorn":
        return
    wanted = (settings.worker_class or "").lower()
    if settings.threads > 1 and run.plan == "sync" and not wanted:
        entry.note(run, "plan", (
            f"threads = {settings.threads} ({settings.said['threads']}) makes gunicorn run its gthread worker instead "
            "of sync; this run simulates plan sync: pass --plan gthread"
        ))
    if not wanted:
        return
    plan = "uvicorn" if "uvicorn" in wanted else "gthread" if wanted == "gthread" else "sync" if wanted == "sync" else "async-workers"
    if plan != run.plan:
        entry.note(run, "plan", (
            f"{settings.said['worker_class']} sets worker_class = {settings.worker_class!r}, but this run simulates plan "
            f"{run.plan}: pass --plan {plan} to simulate that worker class"
        ))


# ---- running one request ------------------------------------------------------------------------


def _begin(run, label):
    if run.timeout == state.INF and run.no_limit:
        run.error = {"type": "NoTimeLimit", "message": run.no_limit, "line": None}
        return None
    run.begin_handler(f"{run.concurrency} simultaneous requests: {label}")
    return run.handler_start


def _clear_stop(run):
    run.stop = None
    run.stopped_ticks = 0
    if run.output is not None:
        run.output.discard = False


def _follow_until(run, start):
    return start + max(FOLLOW_SECONDS, FOLLOW_FACTOR * run.timeout)


def _serve_one(run, served, start, limit_at, work):
    """Runs work() as request `served.index`, on a clock starting at `start`, stopped at `limit_at`.
    Returns (value, stop): the value work() returned, or the stop that cut it (kind "deadline")."""
    run.set_now(start)
    run.cpu_mark = start
    run.samples = {}
    run.wall_limit = limit_at
    run.deadline_at = limit_at if limit_at != state.INF else None
    served.started = start
    token = state.REQUEST.set(served.index)
    value, stop = None, None
    # What the app's framework records as the run's error (Flask's unhandled exception) is this
    # request's; the run's own is decided from all of them at the end.
    saved_error = run.error
    run.error = None
    try:
        value = work()
    except state.SimulatorStop:
        stop = run.stop
        if stop is None or stop["kind"] not in ("deadline", "hang"):
            raise
        stop = dict(stop)
        _clear_stop(run)
    except BaseException as error:
        served.error = entry.error_info(run, error)
        served.verdict = "error"
        served.line = served.error.get("line")
    finally:
        run.event_boundary(None)
        served.finished = run.now()
        state.REQUEST.reset(token)
        if run.error is not None and served.error is None:
            served.error = run.error
            served.verdict = "error"
            served.line = run.error.get("line")
        run.error = saved_error
    return value, stop


def _line_at(run, index, at):
    """The user's line request `index` was on at virtual time `at` (the innermost span holding it)."""
    prefix = f"[request {index}] "
    best = None
    for span in run.spans:
        if not (span.get("label") or "").startswith(prefix) or span.get("line") is None or span["kind"] == "handler":
            continue
        end = span["end"] if span["end"] is not None else state.INF
        if span["start"] <= at + 1e-9 and end >= at - 1e-9 and (best is None or span["start"] >= best["start"]):
            best = span
    return best["line"] if best is not None else None


def _router_cut(run, served):
    """Heroku: no answer within the router's timeout of arriving is H12, whatever the dyno does."""
    router_at = served.arrived + run.timeout
    if served.answered is not None and served.answered <= router_at + 1e-9 and served.cut is None:
        return
    served.line = _line_at(run, served.index, router_at)
    served.verdict = "timeout"
    served.error = None
    served.status = 503
    served.answered = router_at
    served.cut = "router"


# ---- WSGI -----------------------------------------------------------------------------------------


def serve_wsgi(run, invoke, request):
    settings = server_settings(run, asgi=False)
    apply_timeout(run, settings)
    _note_worker_class(run, settings, asgi=False)
    if run.platform == "gunicorn" and run.plan == "async-workers":
        run.error = {"type": "ConcurrencyUnsupported", "line": None, "message": (
            "simultaneous requests on gevent / eventlet workers are not simulated (which calls yield depends on "
            "their monkey-patching); simulate plan sync or gthread, or one request at a time"
        )}
        return
    mode = "router" if run.platform == "heroku" else "threads" if invoke_threaded(run) else "sync"
    threads = settings.threads if mode == "threads" else 1
    label = invoke.label(request)
    t0 = _begin(run, label)
    if t0 is None:
        return
    boot = run.init_end or 0.0
    slots = settings.workers * threads
    free = [t0] * slots
    served_all = []
    kills = 0
    for index in range(1, run.concurrency + 1):
        served = Served(index, t0)
        slot = min(range(slots), key=lambda k: (free[k], k))
        served.worker = slot // threads + 1
        start = max(t0, free[slot])
        limit_at = start + run.timeout if mode == "sync" else _follow_until(run, start)
        value, stop = _serve_one(run, served, start, limit_at, lambda: invoke.respond(run, request))
        if stop is not None:
            served.line = stop["line"]
            served.verdict = "timeout"
            served.answered = stop["at"]
            served.finished = stop["at"]
            served.cut = "killed" if mode == "sync" else "follow"
            if mode == "sync":
                kills += 1
                # The arbiter boots a replacement, which imports the app before it accepts.
                free[slot] = stop["at"] + boot
            else:
                free[slot] = stop["at"]
        else:
            free[slot] = served.finished
            if value is not None:
                outcome, error = value
                served.status = outcome.get("status")
                served.result = entry.json_result(outcome)
                if error is not None and served.error is None:
                    served.error = entry.error_info(run, error)
                    served.verdict = "error"
                    served.line = served.error.get("line")
            served.answered = served.finished
        if mode == "router":
            _router_cut(run, served)
        served_all.append(served)
    _finish(run, served_all, label)
    what = {
        "sync": f"{settings.workers} sync worker{'s' if settings.workers != 1 else ''} ({settings.said.get('workers', 'gunicorn default')}), one request each at a time",
        "threads": f"{settings.workers} gthread worker{'s' if settings.workers != 1 else ''} ({settings.said.get('workers', 'gunicorn default')}) x {settings.threads} thread{'s' if settings.threads != 1 else ''} ({settings.said.get('threads', 'gunicorn default')})",
        "router": f"{settings.workers} gunicorn sync worker{'s' if settings.workers != 1 else ''} on the dyno ({settings.said.get('workers', 'gunicorn default')})",
    }[mode]
    _note(run, served_all, what, mode, boot if kills else None)


def invoke_threaded(run):
    from . import wsgi

    return wsgi.threaded(run)


# ---- ASGI -----------------------------------------------------------------------------------------


def serve_asgi(run, invoke, request, scope):
    from . import asgi

    settings = server_settings(run, asgi=True)
    apply_timeout(run, settings)
    _note_worker_class(run, settings, asgi=True)
    heartbeat = run.platform == "gunicorn"
    label = invoke.label(request)
    t0 = _begin(run, label)
    if t0 is None:
        return
    workers = settings.workers
    served_all = [Served(index, t0) for index in range(1, run.concurrency + 1)]
    for worker in range(workers):
        group = [s for s in served_all if (s.index - 1) % workers == worker]
        if not group:
            continue
        run.set_now(t0)
        run.cpu_mark = t0
        run.samples = {}
        event_loop = asgi.ServerLoop(heartbeat=heartbeat)
        exchanges = {}

        async def one(served, exchange):
            state.REQUEST.set(served.index)
            served.started = run.now()
            rest = await asgi.serve(invoke.app, exchange, scope)
            served.answered = exchange.complete_at
            if rest is not None and not rest.done():
                await rest
            # When the app itself was done (background tasks included), not when this coroutine
            # got the loop back: another request may have held it meanwhile.
            served.finished = exchange.done_at if exchange.done_at is not None else run.now()

        async def main(group=group, exchanges=exchanges, event_loop=event_loop):
            import asyncio

            tasks = []
            for served in group:
                served.worker = worker + 1
                exchange = exchanges[served.index] = asgi.Exchange(request)
                tasks.append(event_loop.create_task(one(served, exchange)))
            await asyncio.gather(*tasks, return_exceptions=True)

        if heartbeat:
            event_loop.start_heartbeat(t0)
            run.wall_limit = t0 + run.timeout
        else:
            run.wall_limit = _follow_until(run, t0)
        run.deadline_at = run.wall_limit
        stop = None
        try:
            event_loop.run_until_complete(main())
        except state.SimulatorStop:
            stop = run.stop
            if stop is None or stop["kind"] not in ("deadline", "hang"):
                raise
            stop = dict(stop)
            _clear_stop(run)
        run.event_boundary(None)
        ended = run.now()
        for served in group:
            exchange = exchanges.get(served.index)
            if exchange is not None and exchange.error is not None:
                served.error = exchange.error
                served.verdict = "error"
                served.line = exchange.error.get("line")
            if served.answered is None:
                # Cut before it answered: the worker was killed (heartbeat) or the simulator
                # stopped following it; every request the loop held goes with it.
                at = stop["at"] if stop is not None else ended
                served.verdict = "timeout"
                served.error = None
                served.answered = at
                served.finished = at
                served.cut = "killed" if heartbeat else "follow"
                # Where it was when the worker died; a request the blocked loop never started has none.
                served.line = _line_at(run, served.index, at) if served.started is not None else None
            else:
                response = exchange.response()
                served.status = response.get("status")
                served.result = entry.json_result(response)
                if served.finished is None:
                    served.finished = ended
            if run.platform == "heroku":
                _router_cut(run, served)
        asgi.note_blocks(run, event_loop)
    _finish(run, served_all, label)
    if heartbeat:
        what = f"{workers} UvicornWorker process{'es' if workers != 1 else ''} ({settings.said.get('workers', 'gunicorn default')}), each serving its requests on one event loop"
    else:
        what = f"{workers} uvicorn worker process{'es' if workers != 1 else ''} on the dyno ({settings.said.get('workers', 'uvicorn default')}), each serving its requests on one event loop"
    _note(run, served_all, what, "asgi-heartbeat" if heartbeat else "router", None)


# ---- the result -----------------------------------------------------------------------------------


def _finish(run, served_all, label):
    end = max([s.finished for s in served_all if s.finished is not None] + [s.answered for s in served_all if s.answered is not None] + [run.handler_start])
    for served in served_all:
        # One row per request on the timeline: from arriving to its answer (or its cut-off).
        if served.started is not None and served.started > served.arrived + 1e-6:
            run.spans.append({"kind": "timer", "start": served.arrived, "end": served.started, "line": None,
                              "label": f"[request {served.index}] queued for a free worker"})
        run.spans.append({"kind": "handler", "start": served.arrived, "end": served.answered, "line": served.line,
                          "label": f"[request {served.index}] {label} ({_said(run, served)})"})
        if served.cut == "router" and served.finished is not None and served.finished > served.answered + 1e-6:
            run.spans.append({"kind": "timer", "start": served.answered, "end": served.finished, "line": None,
                              "label": f"[request {served.index}] the dyno works on after the router's H12"})
    run.set_now(end)
    run.wall_limit = state.INF
    run.deadline_at = None
    run.end_handler()
    run.requests = served_all
    run.overrun_ok = True


def _said(run, served):
    if served.cut == "router":
        return "H12 from the router, 503"
    if served.cut == "killed":
        return "worker killed, connection dropped"
    if served.cut == "follow":
        return "still running when the simulator stopped following it"
    if served.verdict == "error":
        return f"{served.status or 500}, the app raised"
    return f"{served.status}" if served.status is not None else "answered"


def _note(run, served_all, what, mode, boot):
    def at(s):
        return f"{s.answered - s.arrived:.1f} s"

    parts = []
    for s in served_all:
        text = f"{s.index}: {_said(run, s)} at {at(s)}"
        if s.started is not None and s.started > s.arrived + 1e-6:
            text += f" (queued {s.started - s.arrived:.1f} s)"
        elif s.started is None:
            text += " (never started)"
        if s.cut == "router" and s.finished is not None:
            text += f", the dyno done at {s.finished - s.arrived:.1f} s"
        parts.append(text)
    entry.note(run, "entry", f"{run.concurrency} simultaneous requests on {what}. Request {'; '.join(parts)}")
    if boot is not None:
        entry.note(run, "entry", (
            f"after each kill the arbiter boots a replacement worker, which imports the app again ({boot:.1f} s, "
            "the init this run measured) before it takes the next queued request (not with --preload)"
        ))
    if mode == "router":
        entry.note(run, "entry", (
            "the dyno's own server timeout (gunicorn's --timeout) is not applied on the heroku platform: "
            "simulate the app on --platform gunicorn to see its workers killed"
        ))


def summarize(run, result):
    """The overall verdict of a run that served several requests (runner._result calls it)."""
    served_all = run.requests
    timed_out = sorted((s for s in served_all if s.verdict == "timeout"), key=lambda s: (s.answered, s.index))
    failed = [s for s in served_all if s.verdict == "error"]
    result["requests"] = [s.export() for s in served_all]
    detail = dict(run.platform_detail)
    if timed_out:
        first = timed_out[0]
        result["verdict"] = "timeout"
        result["line"] = first.line
        result["elapsedSeconds"] = round(first.answered - first.arrived, 6)
        result["error"] = None
    elif failed:
        first = failed[0]
        result["verdict"] = "error"
        result["line"] = first.line
        result["elapsedSeconds"] = round((first.answered or first.arrived) - first.arrived, 6)
        result["error"] = first.error
    else:
        result["verdict"] = "ok"
        result["line"] = None
        result["elapsedSeconds"] = round(max(s.answered - s.arrived for s in served_all), 6)
        result["error"] = None
    result.pop("result", None)
    if detail:
        result["platformDetail"] = detail
    return result
