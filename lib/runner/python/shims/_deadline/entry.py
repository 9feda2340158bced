"""Entry points: what the runner calls once the module's own code (init) has run.

For a runtime stub (Flask, FastAPI, Modal, Celery, Azure Functions, ...), during module execution:

    from _deadline import entry

    def invoke(run):
        # Called once, after init, on the virtual clock. entry.call starts the handler phase
        # (and with it the platform's limit), runs the thunk, records an exception as run.error
        # and ends the phase; it returns (True, value) or (False, exception-or-None).
        ok, value = entry.call(run, "Flask: GET /", lambda: serve(app, run.event))
        if ok:
            run.outcome = entry.json_result(value)   # what the platform sends back

    entry.register("app", app, kind="wsgi", label="Flask app", invoke=invoke,
                   platforms=("gunicorn", "heroku"))

register() may be called once per route, task or function; `matches(run)` (optional) says whether
the run's event is this entry's, which settles a choice among several (the platform routes it); `line` defaults to the user's line that
is running. `name=None` names the entry after init by the top-level variable that holds `fn` (a
Flask app does not know it is called `app` when it is made), falling back to `fallback`. After init the runner lists candidates in tiers, and the first tier that has any
decides:
  0. registered entries whose `platforms` include this run's platform (or that name none);
  1. the platform's conventional names: lambda_handler / handler (a RunPod worker registers itself
     from runpod.serverless.start(), so on RunPod tier 1 is only used by files that never import
     runpod); on Vercel, a `handler` class derived from http.server.BaseHTTPRequestHandler;
  2. a WSGI callable named app / application, as gunicorn loads `module:app` (on gunicorn this
     tier comes before tier 1);
  3. top-level functions of the user's file whose parameters read like the platform's signature:
     (event, context) on AWS Lambda; (event) or (event, context) elsewhere (see _looks_like_entry).
The request's `handler` ("endpoint", "handler.endpoint", "handler:app") picks a candidate, or any
top-level callable, by name. Without it, one candidate in the deciding tier is the entry; several
are an EntryPointError listing them (error.candidates: name, kind, line); none is an
EntryPointError saying what this platform looks for.

invoke(run) calls the entry the way its platform does and sets run.outcome / run.error. A
coroutine or generator is never an "ok" result: it is driven as the platform drives it
(entry.drive awaits a coroutine on the virtual loop; RunPod's SDK iterates generators), or it is an
error that says why (AWS Lambda's runtime neither awaits nor iterates: json fails on it).
"""

import inspect
import io
import json
import os
import sys
import typing

from . import basehttp, loop, state
from .errors import error_info, json_safe, user_stack

LAMBDA_PLATFORMS = ("aws-lambda", "api-gateway")
CONVENTIONAL_NAMES = ("lambda_handler", "handler")
WSGI_NAMES = ("application", "app")
WSGI_PLATFORMS = ("gunicorn",)

# Platforms that front another platform's server: the origin's entries apply, in its order (a
# Cloudflare-proxied hostname or an nginx proxy_pass serves whatever the origin runs; a WSGI app
# under gunicorn first).
ORIGIN_SERVERS = {"cloudflare-proxy": "gunicorn", "nginx": "gunicorn"}

# Tier 3: parameter names that say "this is the platform's event / context". Compared after
# stripping leading underscores and lower-casing.
EVENT_NAMES = frozenset({"event", "evt", "job", "payload", "request", "req", "message", "msg", "data", "body", "input", "inputs"})


class Entry:
    __slots__ = ("name", "fn", "kind", "label", "line", "invoke", "platforms", "tier", "fallback", "matches")

    def __init__(self, name, fn, kind, label, line, invoke, platforms, tier, fallback=None, matches=None):
        self.fallback = fallback
        self.matches = matches
        self.name = name
        self.fn = fn
        self.kind = kind
        self.label = label
        self.line = line
        self.invoke = invoke
        self.platforms = platforms
        self.tier = tier

    def describe(self):
        return {"name": self.name, "kind": self.kind, "line": self.line}


def user_line(depth=2):
    """The user's line that is running (for register() calls made from inside a stub)."""
    run = state.current
    return run.user_line(sys._getframe(depth)) if run is not None else None


def register(name, fn, *, kind="function", label=None, line=None, invoke=None, platforms=None, fallback="app", matches=None):
    """Declares an entry point found while the module runs. See the module docstring."""
    run = state.current
    if line is None:
        line = user_line(3)
    entry = Entry(name, fn, kind, label, line, invoke, tuple(platforms) if platforms else None, 0, fallback, matches)
    if name is not None and label is None:
        entry.label = f"{kind}: {name}"
    run.entries.append(entry)
    return entry


def _name_registered(entry, module):
    """Names an entry registered with name=None after the variable holding it (see register)."""
    if entry.name is not None:
        return
    for key, value in module.__dict__.items():
        if value is entry.fn and not key.startswith("__"):
            entry.name = key
            break
    else:
        entry.name = entry.fallback
    if entry.label is None:
        entry.label = f"{entry.kind}: {entry.name}"


def call(run, label, thunk):
    """Runs the handler phase around thunk(): (True, value), or (False, exception-or-None) with
    run.error set (None when a limit stopped it)."""
    if run.timeout == state.INF and run.no_limit:
        # The platform has no limit unless one is configured, and neither the request nor the
        # code (a runtime stub sets run.timeout from it) gave one.
        run.error = {"type": "NoTimeLimit", "message": run.no_limit, "line": None}
        return False, None
    run.begin_handler(label)
    try:
        value = thunk()
    except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
        run.end_handler()
        return False, None
    except BaseException as error:
        run.end_handler()
        run.error = error_info(run, error)
        run.exception = error
        return False, error
    run.end_handler()
    return True, value


def drive(value):
    """Awaits a coroutine (or any awaitable) on a virtual event loop; returns its result."""
    if inspect.isawaitable(value):
        return loop.VirtualEventLoop().run_until_complete(_await(value))
    return value


async def _await(awaitable):
    return await awaitable


def json_result(value):
    return json_safe(value)


def note(run, kind, text):
    run.notes.append({"kind": kind, "text": text})


# ---- AWS Lambda -------------------------------------------------------------------------------


class LambdaContext:
    """The context object AWS Lambda's Python runtime passes, on the virtual clock."""

    def __init__(self, run, function_name):
        self._run = run
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
        # A string, as the runtime reads it from AWS_LAMBDA_FUNCTION_MEMORY_SIZE.
        self.memory_limit_in_mb = "128"
        self.aws_request_id = run.request_id
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


def function_name(run):
    base = os.path.splitext(os.path.basename(run.filename))[0] or "handler"
    return f"{base}-function"


def _lambda_invoke(entry):
    """AWS Lambda's runtime (awslambdaric 4.0.1, bootstrap.handle_event_request): calls
    handler(event, context), then marshals the return value with json; it never awaits a
    coroutine nor iterates a generator, so either fails as Runtime.MarshalError."""

    def invoke(run):
        fn = entry.fn
        context = LambdaContext(run, function_name(run))
        ok, value = call(run, f"handler: {entry.name}", lambda: fn(run.event, context))
        if not ok:
            if isinstance(value, BaseException):
                run.outcome = {
                    "errorMessage": str(value),
                    "errorType": type(value).__name__,
                    "requestId": run.request_id,
                    "stackTrace": user_stack(run, value),
                }
            return
        if inspect.iscoroutine(value):
            # What the runtime's log shows once the unawaited coroutine is collected.
            value.close()
            sys.stderr.write(f"RuntimeWarning: coroutine '{value.__qualname__}' was never awaited\n")
            note(run, "entry", f"{entry.name} is async: AWS Lambda's Python runtime calls it and gets a coroutine it never awaits, so none of its code ran (wrap the work in asyncio.run inside a sync handler)")
        elif inspect.isgenerator(value) or inspect.isasyncgen(value):
            note(run, "entry", f"{entry.name} returned a generator: AWS Lambda's Python runtime does not iterate it, so its body never ran and the runtime cannot marshal it")
        try:
            run.outcome = json_safe(value)
        except (TypeError, ValueError) as error:
            # The runtime's own text: lambda_runtime_marshaller.marshal_response.
            message = f"Unable to marshal response: {error}"
            run.error = {"type": "Runtime.MarshalError", "message": message, "line": None}
            run.outcome = {"errorMessage": message, "errorType": "Runtime.MarshalError", "requestId": run.request_id, "stackTrace": []}

    return invoke


# ---- any other platform's plain function ------------------------------------------------------


def adapt(annotation, to_argument, to_result=None):
    """A runtime's types for plain functions: a one-parameter function annotated `annotation`
    gets to_argument(run) instead of the raw event (Azure's v1 `main(req: func.HttpRequest)`),
    and a returned instance of `annotation`'s response type is shaped by to_result(value)."""
    state.current.adapters.append((annotation, to_argument, to_result))


def _argument(run, fn):
    adapters = getattr(run, "adapters", ())
    if adapters:
        try:
            params = [p for p in inspect.signature(fn).parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            hints = typing.get_type_hints(fn)
        except Exception:
            params, hints = [], {}
        annotation = hints.get(params[0].name) if params else None
        for kind, to_argument, _ in adapters:
            if annotation is kind:
                return to_argument(run)
    return run.event


def _shape(run, value):
    for _, _, to_result in getattr(run, "adapters", ()):
        if to_result is not None:
            shaped = to_result(value)
            if shaped is not None:
                return shaped
    return value


def _generic_invoke(entry):
    """handler(event) (its coroutine awaited), or handler(event, context) as Lambda calls it."""
    arity = positional_arity(entry.fn)
    if arity >= 2:
        return _lambda_invoke(entry)

    def invoke(run):
        fn = entry.fn
        args = (_argument(run, fn),) if arity == 1 else ()

        def thunk():
            value = fn(*args)
            if inspect.isgenerator(value):
                value.close()
                raise _GeneratorReturned(entry.name)
            if inspect.isasyncgen(value):
                raise _GeneratorReturned(entry.name)
            return drive(value)

        ok, value = call(run, f"handler: {entry.name}", thunk)
        if not ok:
            if isinstance(value, _GeneratorReturned):
                run.error = {
                    "type": "EntryPointError",
                    "message": (
                        f"{entry.name} is a generator function: it returned a generator, which the simulator does not "
                        "iterate for this platform, so none of its body ran. Return the value instead (a RunPod worker "
                        "streams a generator handler only through runpod.serverless.start)"
                    ),
                    "line": entry.line,
                }
            return
        try:
            run.outcome = json_safe(_shape(run, value))
        except (TypeError, ValueError):
            run.outcome = repr(value)

    return invoke


class _GeneratorReturned(Exception):
    pass


# ---- WSGI -------------------------------------------------------------------------------------


def wsgi_environ(event):
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


def _wsgi_invoke(entry):
    """Serves one request the way a gunicorn sync worker does: the whole response is the work."""

    def invoke(run):
        app = entry.fn
        response = {}

        def start_response(status, headers, exc_info=None):
            response["status"] = status
            response["headers"] = headers
            return lambda chunk: response.setdefault("written", []).append(chunk)

        def serve():
            chunks = app(wsgi_environ(run.event), start_response)
            try:
                return b"".join(list(response.get("written", [])) + [c if isinstance(c, bytes) else str(c).encode() for c in chunks])
            finally:
                close = getattr(chunks, "close", None)
                if close:
                    close()

        ok, body = call(run, f"WSGI app: {entry.name}", serve)
        if not ok:
            return
        status = str(response.get("status", "500 Internal Server Error"))
        run.outcome = {
            "status": int(status.split()[0]) if status.split()[0].isdigit() else status,
            "headers": {str(k): str(v) for k, v in response.get("headers", [])},
            "body": body.decode("utf-8", "replace"),
        }

    return invoke


# ---- RunPod -----------------------------------------------------------------------------------


def runpod_invoke(config):
    """The deployed worker's job loop, for one job: rp_job.handle_job on a virtual event loop."""

    def invoke(run):
        from runpod.serverless.modules import rp_job

        handler = config["handler"]
        job = run.runpod_job()
        run.begin_handler(f"handler: {getattr(handler, '__name__', 'handler')} (runpod job {job['id']})")
        event_loop = loop.VirtualEventLoop()
        try:
            job_result = event_loop.run_until_complete(rp_job.handle_job(config, job))
        except (state.SimulatorStop, state.WorkerExit, state.ProcessKilled):
            return
        except BaseException as error:
            run.error = error_info(run, error)
            run.exception = error
            return
        finally:
            run.end_handler()
        try:
            run.outcome = json_safe(job_result)
        except (TypeError, ValueError) as error:
            # The SDK serializes the result to POST it; when that fails it logs and the job never
            # gets a result.
            print(f"ERROR  | {job['id']} | Error while returning job result. | {error}")
            if run.error is None:
                run.error = {"type": "TypeError", "message": str(error), "line": None}
            run.outcome = None

    return invoke


# ---- finding the entry ------------------------------------------------------------------------


def positional_arity(fn):
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


def _line_of(fn):
    code = getattr(fn, "__code__", None) or getattr(getattr(fn, "__call__", None), "__code__", None)
    return getattr(code, "co_firstlineno", None)


def _line_of_class(run, cls):
    for value in vars(cls).values():
        code = getattr(value, "__code__", None)
        if code is not None and code.co_filename == run.filename:
            # The class statement is above its first method; the method's line is close enough
            # to point at, and always in the user's file.
            return code.co_firstlineno
    return None


def _defined_here(run, name, fn):
    code = getattr(fn, "__code__", None)
    return code is not None and code.co_filename == run.filename and getattr(fn, "__qualname__", None) == name


def _param_names(fn):
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return None
    if any(p.kind in (p.VAR_POSITIONAL, p.KEYWORD_ONLY) and p.default is p.empty for p in params):
        return None
    return [p.name.lstrip("_").lower() for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _looks_like_entry(fn, platform):
    names = _param_names(fn)
    if names is None:
        return False
    two = len(names) == 2 and ("context" in names[1] or "ctx" in names[1])
    if platform in LAMBDA_PLATFORMS:
        return two
    return two or (len(names) == 1 and names[0] in EVENT_NAMES)


def _function_entry(run, name, fn, tier, platform):
    kind = "function"
    invoke = _lambda_invoke if platform in LAMBDA_PLATFORMS else _generic_invoke
    entry = Entry(name, fn, kind, f"handler: {name}", _line_of(fn), None, None, tier)
    entry.invoke = invoke(entry)
    return entry


def _wsgi_entry(name, fn, tier):
    entry = Entry(name, fn, "wsgi", f"WSGI app: {name}", None, None, None, tier)
    entry.invoke = _wsgi_invoke(entry)
    return entry


def _is_wsgi(fn):
    return callable(fn) and not inspect.isclass(fn) and positional_arity(fn) == 2


def candidates(run, module, platform):
    """Every candidate, tier by tier (see the module docstring)."""
    for e in run.entries:
        _name_registered(e, module)
    registered = [e for e in run.entries if e.platforms is None or platform in e.platforms]
    for e in registered:
        if e.invoke is None:
            e.invoke = (_lambda_invoke if platform in LAMBDA_PLATFORMS else _generic_invoke)(e)
    taken = {id(e.fn) for e in registered}
    scope = module.__dict__
    named = []
    for name in CONVENTIONAL_NAMES:
        fn = scope.get(name)
        if callable(fn) and not inspect.isclass(fn) and id(fn) not in taken:
            named.append(_function_entry(run, name, fn, 1, platform))
            taken.add(id(fn))
    if platform == "vercel":
        # Vercel's Python runtime (vercel_runtime/vc_init.py) serves a class whose name is
        # "handler" in any case, when it derives from BaseHTTPRequestHandler.
        for name, value in list(scope.items()):
            if name.lower() == "handler" and id(value) not in taken and basehttp.is_handler_class(value):
                named.append(basehttp.entry_for(Entry, name, value, _line_of_class(run, value)))
                taken.add(id(value))
    wsgi = []
    for name in WSGI_NAMES:
        fn = scope.get(name)
        if _is_wsgi(fn) and id(fn) not in taken:
            wsgi.append(_wsgi_entry(name, fn, 2))
            taken.add(id(fn))
    shaped = []
    for name, fn in list(scope.items()):
        if name.startswith("_") or id(fn) in taken or not inspect.isfunction(fn):
            continue
        if _defined_here(run, name, fn) and _looks_like_entry(fn, platform):
            shaped.append(_function_entry(run, name, fn, 3, platform))
            taken.add(id(fn))
    if platform in WSGI_PLATFORMS:
        # gunicorn loads module:app and never calls a function by convention.
        return [registered, wsgi, named, shaped]
    return [registered, named, wsgi, shaped]


def _wanted_name(run, wanted, module_name):
    """"endpoint", "handler.endpoint", "src/handler.endpoint", "handler:app" → ("endpoint", None),
    or (None, message) when it names another module."""
    text = wanted.strip()
    stem = os.path.splitext(os.path.basename(run.filename))[0]
    if ":" in text:
        module_part, _, name = text.rpartition(":")
    elif "." in text:
        module_part, _, name = text.rpartition(".")
    else:
        return text, None
    last = module_part.replace("\\", "/").split("/")[-1].split(".")[-1]
    if module_part and last not in (stem, module_name):
        return None, (
            f"the handler setting {wanted!r} names the module {module_part!r}, but this file is {stem}.py: "
            f"pass the function's name alone (--handler {name}) or run the file that defines it"
        )
    return name, None


def _platform_needs(platform):
    if platform in LAMBDA_PLATFORMS:
        return (
            "AWS Lambda calls the function its handler setting names (module.function), conventionally "
            "lambda_handler(event, context): define it, or pass --handler NAME (the editor's Handler field)"
        )
    if platform == "runpod":
        return (
            "a RunPod worker calls runpod.serverless.start({\"handler\": handler}); without it the simulator "
            "also accepts handler(event), lambda_handler(event, context) or a WSGI app(environ, start_response): "
            "define one, or pass --handler NAME"
        )
    return (
        "the simulator looks for handler(event), lambda_handler(event, context), a WSGI "
        "app(environ, start_response), or a single top-level function taking (event) or (event, context): "
        "define one, or pass --handler NAME (the editor's Handler field)"
    )


def _entry_error(run, message, found):
    run.error = {"type": "EntryPointError", "message": message, "line": None}
    if found:
        run.error["candidates"] = [e.describe() for e in found]


def _listing(found):
    return ", ".join(f"{e.name} ({e.kind}{f', line {e.line}' if e.line else ''})" for e in found)


def choose(run, module, platform, wanted, module_name):
    """The entry to call, or None with run.error set to an EntryPointError."""
    tiers = candidates(run, module, ORIGIN_SERVERS.get(platform, platform))
    every = [e for tier in tiers for e in tier]
    if wanted:
        # A registered entry's own name may itself hold a dot (a Modal class method, "Model.inference").
        for e in every:
            if e.name == wanted.strip():
                return e
        name, problem = _wanted_name(run, wanted, module_name)
        if problem:
            _entry_error(run, problem, every)
            return None
        for e in every:
            if e.name == name:
                return e
        fn = module.__dict__.get(name)
        if callable(fn) and not inspect.isclass(fn):
            return _function_entry(run, name, fn, 1, platform)
        stem = os.path.splitext(os.path.basename(run.filename))[0]
        # AWS Lambda's own words for this (awslambdaric bootstrap._get_handler, HANDLER_NOT_FOUND).
        missing = f"Handler '{name}' missing on module '{stem}'" if platform in LAMBDA_PLATFORMS else f"no function named {name!r} in {stem}.py"
        _entry_error(run, f"{missing}{f'; the entry points found are {_listing(every)}' if every else ''}", every)
        return None
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        # Entries that can tell whether the event is theirs (an Azure HTTP function's route)
        # settle it when exactly one claims it, as the platform's router would.
        claimed = [e for e in tier if e.matches is not None and e.matches(run)]
        if len(claimed) == 1:
            return claimed[0]
        if len(tier) > 1:
            _entry_error(
                run,
                f"several entry points could be the handler: {_listing(tier)}. Say which one the platform calls: "
                "pass --handler NAME on the command line, fill the editor's Handler field, or set simulate.handler",
                tier,
            )
            return None
    _entry_error(run, f"no entry point found: {_platform_needs(platform)}", [])
    return None
