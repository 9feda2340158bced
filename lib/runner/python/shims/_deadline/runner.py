"""Entry point of the Python engine: runs one request and returns the result as JSON.

run() executes the user's file as a fresh module (init), finds the entry point (a
runpod.serverless.start() call during init, else lambda_handler / handler by name), calls it on
the virtual clock, then puts the interpreter back as it found it so a warm engine can run the
next request.
"""

import gc
import inspect
import io
import json
import linecache
import logging
import os
import sys
import traceback
import types
import warnings

from . import clock, guard, imports, loop, network, state, threads
from .patching import Patches

STDOUT_LIMIT = 1_000_000
# Characters of JSON a return value may take: past it the result holds the start of that JSON as
# text. A 300 MB string must not travel to the page (lib/runner/result-limits.ts caps again there).
RESULT_LIMIT = 1_000_000

# Python frames use the JavaScript stack in Pyodide: far past a few thousand, the interpreter
# itself overflows (a fatal error, not a RecursionError). A handler may raise the limit up to here.
MAX_RECURSION_LIMIT = 3000


class _Capture:
    """sys.stdout and sys.stderr during a run: one stream, as a platform's log shows them."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self):
        self.parts = []
        self.size = 0
        self.truncated = False
        self.discard = False

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
        return len(text)

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


class LambdaContext:
    """The context object AWS Lambda's Python runtime passes, on the virtual clock."""

    def __init__(self, run, function_name):
        self._run = run
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
        # A string, as the runtime reads it from AWS_LAMBDA_FUNCTION_MEMORY_SIZE.
        self.memory_limit_in_mb = "128"
        self.aws_request_id = state.current.request_id
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef"
        self.identity = None
        self.client_context = None
        self.tenant_id = None

    def get_remaining_time_in_millis(self):
        run = self._run
        remaining = (run.wall_limit - run.now()) if run.clock_kind == "wall" else (run.cpu_limit - run.cpu())
        return max(0, int(remaining * 1000))

    def log(self, message):
        sys.stdout.write(str(message))

    def __repr__(self):
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},client_context=None,identity=None])"
        )


# ---- error reporting ------------------------------------------------------------------------


def _type_name(error):
    cls = type(error)
    module = cls.__module__
    if module in ("builtins", "__main__"):
        return cls.__qualname__
    return f"{module}.{cls.__qualname__}"


def _error_info(run, error):
    if isinstance(error, SyntaxError) and error.filename == run.filename:
        line = error.lineno
        message = error.msg
    else:
        line = run.line_from_traceback(error.__traceback__)
        message = str(error)
    if line is None and isinstance(error, SyntaxError):
        line = error.lineno
    return {"type": _type_name(error), "message": message, "line": line}


def _user_stack(run, error):
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == run.filename]
    return traceback.format_list(frames)


def _json_safe(value):
    text = json.dumps(value, allow_nan=False)
    if len(text) > RESULT_LIMIT:
        state.current.truncated["result"] = RESULT_LIMIT
        return text[:RESULT_LIMIT]
    return json.loads(text)


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
    """Called by the runpod stub's start() once the SDK's own checks have passed."""
    run = state.current
    if run.runpod_started:
        raise state.WorkerExit()
    run.runpod_started = True
    from runpod.serverless.modules import rp_job

    handler = config["handler"]
    job = {"id": run.request_id, "input": run.event}
    run.begin_handler(f"handler: {getattr(handler, '__name__', 'handler')} (runpod job {run.request_id})")
    event_loop = loop.VirtualEventLoop()
    try:
        job_result = event_loop.run_until_complete(rp_job.handle_job(config, job))
    finally:
        run.end_handler()
    try:
        run.outcome = _json_safe(job_result)
    except (TypeError, ValueError) as error:
        # The SDK serializes the result to POST it; when that fails it logs and the job never
        # gets a result.
        print(f"ERROR  | {run.request_id} | Error while returning job result. | {error}")
        if run.error is None:
            run.error = {"type": "TypeError", "message": str(error), "line": None}
        run.outcome = None
    raise state.WorkerExit()


def _find_handler(module_dict):
    for name in ("lambda_handler", "handler"):
        fn = module_dict.get(name)
        if callable(fn):
            return name, fn
    return None, None


def _positional_arity(fn):
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 2
    count = 0
    for p in params:
        if p.kind == p.VAR_POSITIONAL:
            return 2
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            count += 1
    return count


def _imports_runpod(module):
    """True when the user's module imported runpod (or something from it) at top level."""
    for value in module.__dict__.values():
        name = getattr(value, "__module__", None) if not inspect.ismodule(value) else value.__name__
        if isinstance(name, str) and (name == "runpod" or name.startswith("runpod.")):
            return True
    return False


def _find_wsgi_app(module_dict):
    """A WSGI callable, as gunicorn loads it (`module:app` / `module:application`)."""
    for name in ("application", "app"):
        fn = module_dict.get(name)
        if callable(fn) and not inspect.isclass(fn) and _positional_arity(fn) == 2:
            return name, fn
    return None, None


def _wsgi_environ(event):
    event = event if isinstance(event, dict) else {}
    body = event.get("body") or ""
    if not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    data = body.encode() if isinstance(body, str) else body
    path = str(event.get("path") or "/")
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": str(event.get("method") or "GET").upper(),
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": str(event.get("query") or query),
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(data),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for key, value in (event.get("headers") or {}).items():
        name = str(key).upper().replace("-", "_")
        environ["CONTENT_TYPE" if name == "CONTENT_TYPE" else f"HTTP_{name}"] = str(value)
    return environ


def _call_wsgi(run, name, app):
    """Serves one request the way a gunicorn sync worker does: the whole response is the work."""
    response = {}

    def start_response(status, headers, exc_info=None):
        response["status"] = status
        response["headers"] = headers
        return lambda chunk: response.setdefault("written", []).append(chunk)

    run.begin_handler(f"WSGI app: {name}")
    try:
        chunks = app(_wsgi_environ(run.event), start_response)
        try:
            body = b"".join(list(response.get("written", [])) + [c if isinstance(c, bytes) else str(c).encode() for c in chunks])
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()
    except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
        run.end_handler()
        return
    except BaseException as error:
        run.end_handler()
        run.error = _error_info(run, error)
        run.exception = error
        return
    run.end_handler()
    status = str(response.get("status", "500 Internal Server Error"))
    run.outcome = {
        "status": int(status.split()[0]) if status.split()[0].isdigit() else status,
        "headers": {str(k): str(v) for k, v in response.get("headers", [])},
        "body": body.decode("utf-8", "replace"),
    }


def _call_by_name(run, module):
    name, fn = _find_handler(module.__dict__)
    if fn is None:
        wsgi_name, app = _find_wsgi_app(module.__dict__)
        if app is not None:
            _call_wsgi(run, wsgi_name, app)
            return
        run.error = {
            "type": "EntryPointError",
            "message": (
                "no handler found: call runpod.serverless.start({\"handler\": fn}) or define "
                "lambda_handler(event, context), handler(event, context), handler(event), "
                "or a WSGI app(environ, start_response)"
            ),
            "line": None,
        }
        return
    two_args = name == "lambda_handler" or _positional_arity(fn) >= 2
    run.begin_handler(f"handler: {name}")
    try:
        if two_args:
            # AWS Lambda's convention: the runtime calls it with (event, context) and serializes
            # the return value as JSON; it never awaits a coroutine.
            value = fn(run.event, LambdaContext(run, _function_name(run)))
            if inspect.iscoroutine(value):
                # What the runtime's log shows once the unawaited coroutine is collected.
                value.close()
                sys.stderr.write(f"RuntimeWarning: coroutine '{value.__qualname__}' was never awaited\n")
        else:
            value = fn(run.event)
            if inspect.isawaitable(value):
                value = loop.VirtualEventLoop().run_until_complete(_await(value))
    except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
        run.end_handler()
        return
    except BaseException as error:
        run.end_handler()
        run.error = _error_info(run, error)
        run.exception = error
        if two_args:
            run.outcome = {
                "errorMessage": str(error),
                "errorType": type(error).__name__,
                "requestId": state.current.request_id,
                "stackTrace": _user_stack(run, error),
            }
        return
    run.end_handler()
    try:
        run.outcome = _json_safe(value)
    except (TypeError, ValueError) as error:
        if two_args:
            run.error = {"type": "Runtime.MarshalError", "message": f"Unable to marshal response: {error}", "line": None}
            run.outcome = {
                "errorMessage": f"Unable to marshal response: {error}",
                "errorType": "Runtime.MarshalError",
                "requestId": state.current.request_id,
                "stackTrace": [],
            }
        else:
            run.outcome = repr(value)


async def _await(awaitable):
    return await awaitable


def _function_name(run):
    base = os.path.splitext(os.path.basename(run.filename))[0] or "handler"
    return f"{base}-function"


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
            if name == module_name or name.partition(".")[0] in imports.STUBS or (file and not file.startswith("/lib/python")):
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
    clock.install(patches)
    loop.install(patches)
    threads.install(patches)
    network.install(patches)
    imports.install(patches)
    guard.install(patches)

    try:
        code = compile(cfg["code"], filename, "exec", dont_inherit=True)
    except SyntaxError as error:
        run.error = _error_info(run, error)
        run.exception = error
        return

    # Tracebacks (the SDK's error_traceback, Lambda's stackTrace) show the user's source lines.
    linecache.cache[filename] = (len(cfg["code"]), None, cfg["code"].splitlines(True), filename)
    patches.on_restore(lambda: linecache.cache.pop(filename, None))

    module = types.ModuleType(module_name)
    module.__file__ = filename
    module.__builtins__ = __builtins__
    # Registered so dataclasses, pickle and sys.modules[__name__] work; a handler file named like
    # a module the simulator itself uses (json.py on Lambda) is left unregistered instead.
    if module_name == "__main__" or module_name not in sys.modules:
        sys.modules[module_name] = module
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
        if run.stop is None and run.error is None and not run.runpod_started:
            if cfg["platform"] == "runpod" and _imports_runpod(module):
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
                _call_by_name(run, module)
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
        if elapsed > deadline:
            # Finished, but after the limit (CPU-bound code in C that the guard could not
            # interrupt, or a last stretch after the final wait): the platform kills it first.
            verdict = "timeout"
            elapsed = deadline
            waits = [s for s in run.spans if s.get("line") is not None and s["kind"] != "init"]
            line = waits[-1]["line"] if waits else None
            final = run.deadline_at if run.deadline_at is not None else end
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
        "deadlineSeconds": deadline,
        "elapsedSeconds": round(elapsed, 6),
        "line": line,
        "error": error,
        "stdout": capture.text(),
        "timeline": run.export_spans(final),
    }
    if run.outcome is not None and verdict != "timeout":
        result["result"] = run.outcome
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
    capture = _Capture()
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
    )
    # One id per run, shared by the job / Lambda context and the platform's timeout text.
    current.request_id = cfg["requestId"]
    current.exception = None
    current.output = capture
    state.current = current
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
