"""Entry point of the Python engine: runs one request and returns the result as JSON.

run() executes the user's file as a fresh module (init), finds the entry point (entry.py: what
the module registered during init, such as a runpod.serverless.start() call, else the platform's
conventional functions), calls it on the virtual clock, then puts the interpreter back as it
found it so a warm engine can run the next request.
"""

import gc
import inspect
import io
import json
import random
import linecache
import logging
import os
import sys
import types
import warnings

from . import clock, entry, guard, imports, loop, model, network, processes, project, serving, state, sync, threads
from .errors import error_info as _error_info
from .patching import Patches

STDOUT_LIMIT = 1_000_000

# A host that shows output while the run goes (the editor) gets what was written at most this
# often, and no more than LIVE_LIMIT characters in all: each handover crosses into JavaScript,
# and a chatty loop must not spend its CPU time (which the simulator measures) on the crossing.
LIVE_INTERVAL = 0.12
LIVE_LIMIT = 16_000

# Python frames use the JavaScript stack in Pyodide: far past a few thousand, the interpreter
# itself overflows (a fatal error, not a RecursionError). A handler may raise the limit up to here.
MAX_RECURSION_LIMIT = 3000


class _Capture:
    """sys.stdout and sys.stderr during a run: one stream, as a platform's log shows them."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, live=None):
        self.parts = []
        self.size = 0
        self.truncated = False
        self.discard = False
        # live: the bridge's output(text), or None when the host does not listen
        self.live = live
        self.live_pending = []
        self.live_sent = 0
        self.live_at = None

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.discard or self.truncated:
            return len(text)
        if self.size + len(text) > STDOUT_LIMIT:
            self.parts.append(text[: STDOUT_LIMIT - self.size])
            self.parts.append("\n[output truncated by the simulator]\n")
            self.truncated = True
        else:
            self.parts.append(text)
            self.size += len(text)
        if self.live is not None and self.live_sent < LIVE_LIMIT:
            self._live(text)
        return len(text)

    def _live(self, text):
        self.live_pending.append(text)
        now = state._perf()
        if self.live_at is not None and now - self.live_at < LIVE_INTERVAL:
            return
        self.live_at = now
        chunk = "".join(self.live_pending)[: LIVE_LIMIT - self.live_sent]
        self.live_pending = []
        self.live_sent += len(chunk)
        try:
            self.live(chunk)
        except Exception:
            # The live view is best effort; the result's stdout is the record.
            self.live = None

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError("stdout is captured by the simulator")

    def text(self):
        return "".join(self.parts)


# ---- entry points ---------------------------------------------------------------------------


def record_error(error):
    """The handler raised; the SDK is about to turn that into an error result."""
    run = state.current
    if run.error is None and run.stop is None:
        # Only the description is kept: holding the exception would keep its frames alive past the
        # SDK's `except` block, and with them whatever CPython finalizes there (a coroutine the
        # handler never awaited warns "was never awaited" at that point, on the job's output).
        run.error = _error_info(run, error)


def runpod_start(config):
    """Called by the runpod stub's start() once the SDK's own checks have passed: the worker is
    an entry point, and the job runs once init is over. start() never returns on a deployed
    worker, so the module's code stops here."""
    run = state.current
    if not run.runpod_started:
        run.runpod_started = True
        handler = config["handler"]
        entry.register(
            getattr(handler, "__name__", "handler"), handler, kind="runpod-worker",
            label="runpod.serverless.start", line=run.caller_line(3), invoke=entry.runpod_invoke(config),
        )
    raise state.WorkerExit()


def _imports_runpod(module):
    """True when the user's module imported runpod (or something from it) at top level."""
    for value in module.__dict__.values():
        name = getattr(value, "__module__", None) if not inspect.ismodule(value) else value.__name__
        if isinstance(name, str) and (name == "runpod" or name.startswith("runpod.")):
            return True
    return False


# ---- the run --------------------------------------------------------------------------------


def _snapshot(patches, capture, run, module_name):
    saved_modules = set(sys.modules)
    saved_main = sys.modules.get("__main__")
    saved_argv = list(sys.argv)
    saved_path = list(sys.path)
    saved_environ = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_limit = sys.getrecursionlimit()
    saved_filters = list(warnings.filters)
    saved_showwarning = warnings.showwarning
    saved_stdout, saved_stderr = sys.stdout, sys.stderr
    saved_excepthook = sys.excepthook
    root = logging.getLogger()
    saved_root = (list(root.handlers), root.level, logging.root.manager.disable)
    saved_loggers = set(logging.root.manager.loggerDict)

    def restore():
        sys.stdout, sys.stderr = saved_stdout, saved_stderr
        sys.excepthook = saved_excepthook
        sys.settrace(None)
        sys.setprofile(None)
        sys.setrecursionlimit(saved_limit)
        warnings.resetwarnings()
        warnings.filters.extend(saved_filters)
        warnings.showwarning = saved_showwarning
        root.handlers[:] = saved_root[0]
        root.setLevel(saved_root[1])
        logging.disable(saved_root[2])
        for name in set(logging.root.manager.loggerDict) - saved_loggers:
            del logging.root.manager.loggerDict[name]
        try:
            os.chdir(saved_cwd)
        except OSError:
            pass
        os.environ.clear()
        os.environ.update(saved_environ)
        sys.argv[:] = saved_argv
        sys.path[:] = saved_path
        for name in set(sys.modules) - saved_modules:
            module = sys.modules.get(name)
            # Standard-library modules the user imported stay loaded (they hold no run state
            # and some C extensions do not survive re-import); the user's and the stubs go.
            file = getattr(module, "__file__", None) or ""
            if (
                name == module_name
                or name.partition(".")[0] in imports.STUBS
                or (file and not file.startswith("/lib/python"))
                or isinstance(module, model.ModelledModule)
                or getattr(module, "__deadline_project__", False)
            ):
                del sys.modules[name]
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
        imports.forget_stubs()

    patches.on_restore(restore)
    sys.stdout = sys.stderr = capture
    sys.argv[:] = [run.filename]
    # A platform gives a handler no input stream.
    patches.set(sys, "stdin", io.StringIO())
    patches.set(sys, "setrecursionlimit", _clamped_recursion_limit)
    # os._exit would take Pyodide down with the handler; the process exiting ends the run.
    patches.set(os, "_exit", _exit)


_real_setrecursionlimit = sys.setrecursionlimit


def _clamped_recursion_limit(limit):
    _real_setrecursionlimit(min(int(limit), MAX_RECURSION_LIMIT))


def _exit(status):
    raise SystemExit(status)


def _execute(run, cfg, capture, patches):
    filename = run.filename
    module_name = cfg["moduleName"]
    _snapshot(patches, capture, run, module_name)
    # What the platform and the request set (restored with the rest of os.environ afterwards).
    os.environ.update({str(k): str(v) for k, v in (cfg.get("env") or {}).items()})
    try:
        found = imports.scan(cfg["code"], filename)
        code = found.compiled(filename)
    except SyntaxError as error:
        run.error = _error_info(run, error)
        run.exception = error
        return
    clock.install(patches)
    loop.install(patches)
    threads.install(patches)
    sync.install(patches)
    network.install(patches)
    imports.install(patches, found.free_names)
    model.install(patches)
    processes.install(patches)
    guard.install(patches)

    # Every import the simulator cannot provide, in one answer, before any of the file runs.
    missing = imports.report(found)
    if missing:
        run.error = imports.error_for(missing)
        return

    # Tracebacks (the SDK's error_traceback, Lambda's stackTrace) show the user's source lines.
    linecache.cache[filename] = (len(cfg["code"]), None, cfg["code"].splitlines(True), filename)
    patches.on_restore(lambda: linecache.cache.pop(filename, None))

    module = types.ModuleType(module_name)
    module.__file__ = filename
    module.__builtins__ = __builtins__
    if run.project is not None and run.project.is_package:
        # The handler's folder is a package: `from .helpers import x` resolves inside it.
        module.__package__ = run.project.package
    # Registered so dataclasses, pickle and sys.modules[__name__] work; a handler file named like
    # a module the simulator itself uses (json.py on Lambda) is left unregistered instead.
    if module_name == "__main__" or module_name not in sys.modules:
        sys.modules[module_name] = module
    run.restart_clock()
    run.armed = True
    try:
        try:
            exec(code, module.__dict__)
        except (state.WorkerExit, state.SimulatorStop, state.ProcessKilled):
            pass
        except BaseException as error:
            if run.stop is None:
                run.error = _error_info(run, error)
                run.exception = error
                if run.phase == "handler" and run.handler_end is None:
                    run.end_handler()
        if run.phase == "handler" and run.handler_end is None:
            run.end_handler()
        if run.stop is None and run.error is None:
            if cfg["platform"] == "runpod" and not run.runpod_started and _imports_runpod(module):
                # A RunPod worker script that ends without starting the worker loop: the worker
                # exits, takes no job, and RunPod restarts it; the job waits IN_QUEUE.
                run.error = {
                    "type": "WorkerNeverStarted",
                    "message": (
                        "the file finished without calling runpod.serverless.start({\"handler\": handler}), "
                        "so the worker takes no job: on RunPod it exits, is restarted, and the job stays IN_QUEUE"
                    ),
                    "line": None,
                }
            else:
                chosen = entry.choose(run, module, cfg["platform"], cfg.get("handler"), module_name)
                if chosen is not None and (run.concurrency == 1 or serving.prepare(run, chosen)):
                    chosen.invoke(run)
    finally:
        run.armed = False
        guard.stop_monitoring(run)
    return module


def _result(run, cfg, capture):
    final = run.now()
    stop = run.stop
    deadline = run.timeout
    if stop is not None:
        verdict = "timeout"
        elapsed = deadline
        line = stop["line"]
        final = stop["at"]
        if stop["kind"] == "runaway" and run.deadline_at is not None:
            # Stopped early by the real-time guard; on the platform it would have run on until
            # the deadline.
            final = max(final, run.deadline_at)
        error = None
        if run.response_started and stop["kind"] == "deadline":
            # The proxy's clock restarted with each part sent: the run took longer than the limit,
            # which only the last gap reached.
            elapsed = max(0.0, run.platform_elapsed(final))
            run.notes.append({"kind": "plan", "text": (
                f"The app had started its response: the proxy's {deadline:g} s read timeout counts from the last part it "
                f"sent ({run.last_read_at - run.base:.1f} s in), and the wait after it ran past the limit."
            )})
        if stop["kind"] == "runaway":
            run.spans.append({
                "kind": "cpu", "start": stop["at"], "end": final, "line": line,
                "label": f"runaway: stopped by the simulator after {run.real_guard:g} s of real time without waiting; it would run past the deadline",
            })
        if stop["kind"] == "budget":
            # Not the platform's verdict: the simulator ran out of real time before the run
            # ended, and says so rather than guessing how it would have finished.
            verdict = "error"
            elapsed = max(0.0, run.platform_elapsed(final)) if run.handler_start is not None else 0.0
            error = {
                "type": "SimulationLimit",
                "message": (
                    f"the simulator's budget of {run.real_budget:g} s of real time ran out after "
                    f"{final:.1f} s of simulated time: this run does too much to simulate here"
                ),
                "line": line,
            }
        if stop["kind"] == "init-limit" and cfg["platform"] == "runpod":
            # RunPod never starts the job: a worker whose cold start passes the limit is marked
            # unhealthy and replaced, and the job waits IN_QUEUE. (Lambda, by contrast, retries
            # init inside the invoke, under the function's timeout: the default branch above.)
            verdict = "error"
            elapsed = 0.0
            error = {
                "type": "InitTimeout",
                "message": (
                    f"module-level code was still running after RunPod's {run.init_timeout:g} s cold-start limit, "
                    "so the worker is marked unhealthy and never takes the job, which stays IN_QUEUE "
                    "(RUNPOD_INIT_TIMEOUT raises the limit)"
                ),
                "line": line,
            }
    elif run.error is not None:
        verdict = "error"
        end = run.handler_end if run.handler_end is not None else final
        elapsed = max(0.0, run.platform_elapsed(end)) if run.handler_start is not None else 0.0
        line = run.error["line"]
        error = run.error
    else:
        verdict = "ok"
        end = run.handler_end if run.handler_end is not None else final
        elapsed = max(0.0, run.platform_elapsed(end))
        line = None
        error = None
        if elapsed > deadline and not run.overrun_ok:
            # Finished, but after the limit (CPU-bound code in C that the guard could not
            # interrupt, or a last stretch after the final wait): the platform kills it first.
            verdict = "timeout"
            elapsed = deadline
            waits = [s for s in run.spans if s.get("line") is not None and s["kind"] != "init"]
            line = waits[-1]["line"] if waits else None
            final = run.deadline_at if run.deadline_at is not None else end
    if elapsed == state.INF:
        # Stopped with no finite limit (waiting forever with nothing to end it): the time it ran.
        elapsed = max(0.0, run.platform_elapsed(final))
    if run.handler_start is None:
        # The handler never started: init is all there is.
        run.spans.append({"kind": "init", "start": 0.0, "end": final, "line": None, "label": "init: module code"})
    else:
        handler_end = run.handler_end if run.handler_end is not None else final
        run.spans.append({
            "kind": "handler", "start": run.handler_start, "end": final if stop else handler_end,
            "line": None, "label": run.handler_label,
        })
    result = {
        "verdict": verdict,
        "platform": cfg["platform"],
        # None when the run never got a finite limit (a platform with none unless configured).
        "deadlineSeconds": deadline if deadline != state.INF else None,
        "elapsedSeconds": round(elapsed, 6),
        "line": line,
        "error": error,
        "stdout": capture.text(),
        "timeline": run.export_spans(final),
    }
    if run.outcome is not None and verdict != "timeout":
        result["result"] = run.outcome
    if run.requests is not None and stop is None:
        serving.summarize(run, result)
    if run.notes:
        result["notes"] = run.notes
    if run.platform_detail and "platformDetail" not in result:
        # What the platform's text needs beyond the figures (lib/runner/platforms, MessageContext).
        result["platformDetail"] = run.platform_detail
    if verdict == "timeout" and stop and stop["kind"] == "runaway":
        result["runaway"] = True
    if capture.truncated:
        run.truncated["stdout"] = STDOUT_LIMIT
    if run.truncated:
        result["truncated"] = dict(run.truncated)
    return result


# Imported once per engine, so a run does not pay Pyodide's import cost for them (CPython's is far
# smaller). Heavier, rarer modules (argparse, pickle, statistics, zoneinfo) are left to the run
# that needs them: together they would add a quarter of a second to every cold start.
PRELOADED = (
    "json", "re", "base64", "uuid", "random", "hashlib", "hmac", "secrets", "dataclasses", "typing",
    "collections", "functools", "itertools", "math", "decimal", "fractions", "io", "pathlib",
    "tempfile", "shutil", "urllib.parse", "urllib.request", "urllib.error", "http.client", "asyncio",
    "concurrent.futures", "concurrent.futures.thread", "threading", "queue", "logging", "traceback",
    "inspect", "datetime", "enum", "contextlib", "copy", "string", "textwrap", "struct", "zlib",
    "gzip", "csv", "signal", "email", "socket", "ssl", "operator", "heapq", "bisect", "weakref",
    "abc", "numbers", "warnings",
)


def warm_up():
    """Imports the standard library a handler commonly uses once per engine, so a run does not
    pay Pyodide's import cost for it (CPython's is far smaller), then takes everything loaded so
    far out of the garbage collector's view so collecting after each run stays cheap."""
    import importlib

    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except Exception:
            pass
    # Compile the stubs now, so the first run's `import requests` costs what later ones do.
    sys.meta_path.insert(0, imports.StubFinder)
    try:
        for name in ("requests", "httpx", "aiohttp", "runpod", "runpod.serverless.utils.rp_validator"):
            importlib.import_module(name)
    finally:
        sys.meta_path.remove(imports.StubFinder)
        imports.forget_stubs()
    gc.collect()
    gc.freeze()


def run(config_json, bridge=None):
    cfg = json.loads(config_json)
    # Every browser run restores the same interpreter snapshot, random's state included: reseed
    # from the system's entropy so two runs do not draw the same "random" numbers.
    random.seed()
    capture = _Capture(bridge.output if bridge is not None and cfg.get("liveOutput") else None)
    patches = Patches()
    current = state.Run(
        filename=cfg["filename"],
        clock=cfg["clock"],
        timeout=cfg["timeout"],
        counts_init=cfg["countsInit"],
        init_timeout=cfg.get("initTimeout"),
        real_guard=cfg.get("realGuardSeconds", 3.0),
        real_budget=cfg.get("realBudgetSeconds"),
        event=cfg.get("event", {}),
        bridge=bridge,
        started_at=cfg["startedAt"] / 1000 if cfg.get("startedAt") is not None else None,
    )
    # One id per run, shared by the job / Lambda context and the platform's timeout text.
    current.request_id = cfg["requestId"]
    current.platform = cfg["platform"]
    current.plan = cfg.get("plan")
    current.timeout_given = bool(cfg.get("timeoutGiven", True))
    current.no_limit = cfg.get("noLimit")
    current.concurrency = max(1, int(cfg.get("concurrency") or 1))
    current.between_reads = bool(cfg.get("deadlineBetweenReads"))
    # The entry the run names, when it names one (Cog's predictor class, as cog.yaml's predict: does).
    current.handler_name = cfg.get("handler")
    current.exception = None
    current.output = capture
    state.current = current
    current.patches = patches
    declared = [str(m) for m in cfg.get("model") or []]
    current.model_names = tuple(m for m in declared if m != "*")
    current.models_everything = "*" in declared
    if cfg.get("project"):
        current.project = project.Project(bridge, cfg["project"])
    module = None
    try:
        module = _execute(current, cfg, capture, patches)
        result = _result(current, cfg, capture)
    finally:
        # Whatever the run left behind is finalized now, while the virtual clock is still in place
        # and its output discarded, not at some later point inside the next run.
        capture.discard = True
        try:
            loop.close_loops(current)
            if module is not None:
                module.__dict__.clear()
            current.exception = None
            gc.collect()
        finally:
            patches.restore()
            state.current = None
    return json.dumps(result)
